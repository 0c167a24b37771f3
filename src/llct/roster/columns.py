"""The columns of the cadre roster (spec/roster-format.md): Vietnamese header ↔ snake_case key, and the
vocabularies of the categorical columns (label ↔ key, keys identical to `llct.registry.choices` values).

Pure Python: the rules engine reads rosters too.
"""

from dataclasses import dataclass
from enum import StrEnum

from llct.vntext import fold


class Kind(StrEnum):
    TEXT = "text"
    DATE = "date"
    CHOICE = "choice"
    TITLES = "titles"  # post titles separated by ";", matched against the catalogue by the importer
    CITIZEN_ID = "citizen_id"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind = Kind.TEXT
    required: bool = False
    vocabulary: str | None = None  # name of the entry of VOCABULARIES for CHOICE columns


# label → key, in the order the values rank. The labels are what the registry's choices display.
VOCABULARIES: dict[str, dict[str, str]] = {
    "sex": {"Nam": "nam", "Nữ": "nu"},
    "party_status": {"Dự bị": "du_bi", "Chính thức": "chinh_thuc"},
    "education": {
        "Tiểu học": "tieu_hoc",
        "THCS": "thcs",
        "THPT": "thpt",
        "Trung cấp": "trung_cap",
        "Cao đẳng": "cao_dang",
        "Đại học": "dai_hoc",
        "Thạc sĩ": "thac_si",
        "Tiến sĩ": "tien_si",
    },
    "theory_level": {
        "Sơ cấp": "so_cap",
        "Trung cấp": "trung_cap",
        "Cao cấp": "cao_cap",
        "Cử nhân": "cu_nhan",
    },
    "tier": {"Trung ương": "trung_uong", "Tỉnh": "tinh", "Huyện": "huyen", "Xã": "xa"},
    "sector": {
        "Đảng": "dang",
        "Chính quyền": "chinh_quyen",
        "Mặt trận - Đoàn thể": "mat_tran_doan_the",
        "Quân đội": "quan_doi",
        "Công an": "cong_an",
        "Doanh nghiệp": "doanh_nghiep",
        "Sự nghiệp": "su_nghiep",
    },
    "rating": {
        "Hoàn thành xuất sắc nhiệm vụ": "xuat_sac",
        "Hoàn thành tốt nhiệm vụ": "tot",
        "Hoàn thành nhiệm vụ": "hoan_thanh",
        "Không hoàn thành nhiệm vụ": "khong_hoan_thanh",
    },
}

# Other spellings people write, folded → key. None means "empty": the value says "not a member" / "none".
_ALIASES: dict[str, dict[str, str | None]] = {
    "sex": {"nu gioi": "nu", "nam gioi": "nam"},
    "party_status": {
        "khong phai dang vien": None,
        "khong": None,
        "chua": None,
        "dang vien chinh thuc": "chinh_thuc",
        "dang vien du bi": "du_bi",
    },
    "education": {"trung hoc co so": "thcs", "trung hoc pho thong": "thpt", "cu nhan": "dai_hoc"},
    "theory_level": {"chua qua dao tao": None, "khong": None, "chua": None},
    "tier": {"tw": "trung_uong", "cap tinh": "tinh", "cap huyen": "huyen", "cap xa": "xa", "phuong": "xa"},
    "sector": {
        "mat tran, doan the": "mat_tran_doan_the",
        "mat tran doan the": "mat_tran_doan_the",
        "mttq": "mat_tran_doan_the",
        "doan the": "mat_tran_doan_the",
        "nha nuoc": "chinh_quyen",
        "don vi su nghiep": "su_nghiep",
    },
    "rating": {
        "htxsnv": "xuat_sac",
        "xuat sac": "xuat_sac",
        "httnv": "tot",
        "tot": "tot",
        "htnv": "hoan_thanh",
        "hoan thanh": "hoan_thanh",
        "khtnv": "khong_hoan_thanh",
        "khong hoan thanh": "khong_hoan_thanh",
    },
}

COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã cán bộ", required=True),
    Column("full_name", "Họ và tên", required=True),
    Column("citizen_id", "Số CCCD", Kind.CITIZEN_ID),
    Column("birth_date", "Ngày sinh", Kind.DATE, required=True),
    Column("sex", "Giới tính", Kind.CHOICE, required=True, vocabulary="sex"),
    Column("ethnicity", "Dân tộc"),
    Column("party_status", "Đảng viên", Kind.CHOICE, vocabulary="party_status"),
    Column("education", "Trình độ học vấn", Kind.CHOICE, vocabulary="education"),
    Column("theory_level", "Trình độ LLCT", Kind.CHOICE, vocabulary="theory_level"),
    Column("position", "Chức vụ", Kind.TITLES),
    Column("tier", "Cấp", Kind.CHOICE, vocabulary="tier"),
    Column("sector", "Khối", Kind.CHOICE, vocabulary="sector"),
    Column("unit", "Đơn vị"),
    Column("planned_position", "Chức vụ quy hoạch", Kind.TITLES),
    Column("planned_tier", "Cấp quy hoạch", Kind.CHOICE, vocabulary="tier"),
    Column("grade", "Ngạch"),
    Column("grade_since", "Ngày giữ ngạch", Kind.DATE),
    Column("lecturer_since", "Giảng viên LLCT từ", Kind.DATE),
    Column("rating_last", "Xếp loại năm trước", Kind.CHOICE, vocabulary="rating"),
    Column("rating_before_last", "Xếp loại năm trước nữa", Kind.CHOICE, vocabulary="rating"),
)
BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
HEADERS: dict[str, str] = {c.key: c.header for c in COLUMNS}
REQUIRED: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)


def header_key(header: str) -> str:
    """The form headers are compared in: accent-, case-, NFC/NFD- and space-insensitive, with "_" as a
    space and a trailing required-field mark ("*", "(*)") ignored."""
    folded = fold(str(header).replace("_", " "))
    for mark in ("(*)", "*"):
        folded = folded.removesuffix(mark).strip()
    return folded


_HEADER_INDEX: dict[str, str] = {}
for _column in COLUMNS:
    _HEADER_INDEX[header_key(_column.header)] = _column.key
    _HEADER_INDEX[header_key(_column.key)] = _column.key


def column_for_header(header: str) -> Column | None:
    """The roster column a file's header names, or None for a column the format does not know."""
    key = _HEADER_INDEX.get(header_key(header))
    return BY_KEY[key] if key else None


def _value_index(vocabulary: str) -> dict[str, str | None]:
    index: dict[str, str | None] = {}
    for label, key in VOCABULARIES[vocabulary].items():
        index[fold(label)] = key
        index[fold(key)] = key
        index[fold(key.replace("_", " "))] = key
    index.update(_ALIASES.get(vocabulary, {}))
    return index


VALUE_INDEX: dict[str, dict[str, str | None]] = {name: _value_index(name) for name in VOCABULARIES}


def label(vocabulary: str, key: str | None) -> str | None:
    """The label written in exports for a key (None stays None)."""
    if key is None:
        return None
    for text, value in VOCABULARIES[vocabulary].items():
        if value == key:
            return text
    return key
