"""The shape of the data files (posts.yaml, versions/*.yaml, allocation.yaml), checked with pydantic.

A malformed file is rejected with a Vietnamese message naming the file, the item and the problem, e.g.
`qd57.yaml: levels → trung_cap → subjects → 2 (id "ptp") → min_rank: phải là số nguyên (giá trị: "bốn")`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .citations import DocumentStructure
from .model import CONFIDENCES, EDUCATION_ORDER, INSTITUTION_KINDS, MODES, RATING_ORDER, SECTORS, TIERS

Confidence = Literal["T", "S", "I", "?"]
Tier = Literal["trung_uong", "tinh", "huyen", "xa"]
Sector = Literal[
    "dang", "chinh_quyen", "mat_tran_doan_the", "quan_doi", "cong_an", "doanh_nghiep", "su_nghiep"
]
Education = Literal["tieu_hoc", "thcs", "thpt", "trung_cap", "cao_dang", "dai_hoc", "thac_si", "tien_si"]
Rating = Literal["khong_hoan_thanh", "hoan_thanh", "tot", "xuat_sac"]
Mode = Literal["tap_trung", "khong_tap_trung"]
InstitutionKind = Literal[
    "hoc_vien_ctqg",
    "hoc_vien_khu_vuc",
    "truong_chinh_tri_tinh",
    "trung_tam_chinh_tri_huyen",
    "trung_tam_chinh_tri_xa",
]
Level = Literal["so_cap", "trung_cap", "cao_cap"]

# The Literal types above restate model.py's vocabularies for pydantic; keep them in step.
assert set(Tier.__args__) == set(TIERS) and set(Sector.__args__) == set(SECTORS)
assert list(Education.__args__) == list(EDUCATION_ORDER) and list(Rating.__args__) == list(RATING_ORDER)
assert set(Mode.__args__) == set(MODES) and set(InstitutionKind.__args__) == set(INSTITUTION_KINDS)
assert list(Confidence.__args__) == list(CONFIDENCES)


class RegulationDataError(ValueError):
    """A data file (or its stored copy) that cannot be used; the message says where and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitationSpec(_Strict):
    """Where an item comes from. `document` defaults to the version's document."""

    document: str | None = None
    chapter: str = ""
    article: str = ""
    clause: str = ""
    subclause: str = ""  # tiết
    point: str = ""


class _Item(_Strict):
    citation: CitationSpec
    confidence: Confidence
    assumption: bool = False
    note: str = ""


class PostGroup(_Item):
    """Holders (or planned holders) of posts: an explicit list, or a rank floor within sectors and tiers.
    An empty `posts` list is a group the regulation leaves open: it matches nobody until filled."""

    kind: Literal["post"]
    id: str
    label: str
    which: Literal["held", "planned", "held_or_planned"] = "held"
    posts: list[str] | None = None
    sectors: list[Sector] = []
    tiers: list[Tier] = []
    min_rank: int | None = None
    max_rank: int | None = None
    exclude: list[str] = []

    @model_validator(mode="after")
    def _list_or_rank(self) -> PostGroup:
        if self.posts is None and self.min_rank is None:
            raise ValueError("cần khai báo 'posts' (danh sách chức vụ) hoặc 'min_rank' (bậc tối thiểu)")
        return self


class PartyMemberGroup(_Item):
    kind: Literal["party_member"]
    id: str
    label: str
    statuses: list[Literal["du_bi", "chinh_thuc"]] = ["du_bi", "chinh_thuc"]


class GradeYearsGroup(_Item):
    kind: Literal["grade_years"]
    id: str
    label: str
    grades: list[str] = Field(min_length=1)
    years: int = Field(ge=0)


class LecturerYearsGroup(_Item):
    """Lecturers with `years` of teaching (Giảng viên LLCT từ). A holder of a post in `exclude` teaches
    elsewhere than the text allows (a political centre is not a school: QĐ 57 Điều 1, Điều 6 tiết 1.5)."""

    kind: Literal["lecturer_years"]
    id: str
    label: str
    years: int = Field(ge=0)
    exclude: list[str] = []


class AnyoneGroup(_Item):
    kind: Literal["anyone"]
    id: str
    label: str


SubjectGroup = Annotated[
    PostGroup | PartyMemberGroup | GradeYearsGroup | LecturerYearsGroup | AnyoneGroup,
    Field(discriminator="kind"),
]


class ExclusionSpec(_Item):
    """Holders of these posts are not subjects of the level whatever group they would fall in (QĐ 57
    Điều 4 khoản 1 điểm b: the commune police chief and military commander): an exception written as one."""

    id: str
    label: str
    posts: list[str] = Field(min_length=1)


class PartyStatusStandard(_Item):
    kind: Literal["party_status"]
    id: str
    statuses: list[Literal["du_bi", "chinh_thuc"]] = Field(min_length=1)


class EducationStandard(_Item):
    kind: Literal["education"]
    id: str
    minimum: Education
    minority_minimum: Education | None = None


class RatingsStandard(_Item):
    kind: Literal["ratings"]
    id: str
    minimum: Rating
    years: int = Field(ge=1)

    @model_validator(mode="after")
    def _two_years_known(self) -> RatingsStandard:
        if self.years > 2:
            raise ValueError(
                f"years: {self.years} năm xếp loại không xét được — danh sách cán bộ chỉ có 2 năm gần nhất"
            )
        return self


Standard = Annotated[PartyStatusStandard | EducationStandard | RatingsStandard, Field(discriminator="kind")]


class ModesSpec(_Item):
    """Open study modes. Full-time is always open; part-time opens at `part_time_min_age` by sex when
    given, and is always open when it is not."""

    modes: list[Mode] = ["tap_trung", "khong_tap_trung"]
    part_time_min_age: dict[Literal["nam", "nu"], int] | None = None

    @model_validator(mode="after")
    def _both_sexes(self) -> ModesSpec:
        if self.part_time_min_age is not None and set(self.part_time_min_age) != {"nam", "nu"}:
            raise ValueError("part_time_min_age cần tuổi cho cả 'nam' và 'nu'")
        return self


class InstitutionSpec(_Item):
    kind: InstitutionKind


class LevelSpec(_Strict):
    offered: bool = True
    label: str
    citation: CitationSpec
    confidence: Confidence
    note: str = ""
    subjects: list[SubjectGroup] = []
    exclusions: list[ExclusionSpec] = []
    standards: list[Standard] = []
    modes: ModesSpec | None = None
    institution: InstitutionSpec | None = None

    @model_validator(mode="after")
    def _complete_when_offered(self) -> LevelSpec:
        if self.offered and (self.modes is None or self.institution is None):
            raise ValueError("một bậc được mở phải có 'modes' và 'institution'")
        return self


class DatesConfidence(_Strict):
    """The confidence of each date in force: QĐ 57 starts on signing [T]; its end is inferred [I]."""

    from_: Confidence = Field(alias="from")
    to: Confidence | None = None


class DatedDocument(_Strict):
    """A dated document file (a national version, a province's regulation): its number, document name,
    dates in force with their confidence, and the structure of documents it cites that
    data/documents.yaml does not describe."""

    number: str
    document: str
    title: str
    issued_by: str = ""
    in_force_from: dt.date
    in_force_to: dt.date | None = None
    # One confidence for both dates, or one per date: {from: T, to: I}.
    dates_confidence: Confidence | DatesConfidence
    note: str = ""
    documents: dict[str, DocumentStructure] = {}

    @model_validator(mode="after")
    def _dates(self) -> DatedDocument:
        if self.in_force_to is not None and self.in_force_to < self.in_force_from:
            raise ValueError("in_force_to phải sau in_force_from")
        if isinstance(self.dates_confidence, DatesConfidence):
            if self.in_force_to is None and self.dates_confidence.to is not None:
                raise ValueError("dates_confidence.to: phiên bản không có in_force_to")
            if self.in_force_to is not None and self.dates_confidence.to is None:
                raise ValueError("dates_confidence: thiếu 'to' cho in_force_to")
        return self

    @property
    def from_confidence(self) -> str:
        dates = self.dates_confidence
        return dates.from_ if isinstance(dates, DatesConfidence) else dates

    @property
    def to_confidence(self) -> str | None:
        dates = self.dates_confidence
        if self.in_force_to is None:
            return None
        return dates.to if isinstance(dates, DatesConfidence) else dates

    def in_force(self, on: dt.date) -> bool:
        return self.in_force_from <= on and (self.in_force_to is None or on <= self.in_force_to)


class VersionSpec(DatedDocument):
    levels: dict[Level, LevelSpec]


class PostSpec(_Strict):
    code: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    aliases: list[str] = []
    sector: Sector
    tier: Tier
    rank: int = Field(ge=1, le=200)
    source: str = ""
    confidence: Confidence
    note: str = ""


class GradeSpec(_Strict):
    code: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str
    level: int = Field(ge=1, le=3)
    aliases: list[str] = []


class CatalogueSpec(_Strict):
    rank_scale: dict[int, str] = {}
    posts: list[PostSpec]
    grades: list[GradeSpec] = []

    @model_validator(mode="after")
    def _unique(self) -> CatalogueSpec:
        for name, codes in (
            ("posts", [p.code for p in self.posts]),
            ("grades", [g.code for g in self.grades]),
        ):
            seen: set[str] = set()
            for code in codes:
                if code in seen:
                    raise ValueError(f"mã trùng trong {name}: {code}")
                seen.add(code)
        return self


class AllocationEntry(_Item):
    programme: str
    kinds: list[InstitutionKind] = Field(min_length=1)
    modes: list[Mode] = []
    valid_from: dt.date
    valid_to: dt.date | None = None


class EndedInstitution(_Item):
    """An institution kind that ceased on `ended_on` while a version still allocated training to it."""

    kind: InstitutionKind
    ended_on: dt.date
    reason: str


class AllocationSpec(_Strict):
    programmes: dict[str, str]
    entries: list[AllocationEntry]
    ended: list[EndedInstitution] = []

    @model_validator(mode="after")
    def _known_programmes(self) -> AllocationSpec:
        for entry in self.entries:
            if entry.programme not in self.programmes:
                raise ValueError(f"chương trình không có trong 'programmes': {entry.programme}")
        return self


def _location(data: Any, loc: tuple[Any, ...]) -> str:
    """Readable path of an error location: indices become 1-based and name the item's id or code."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int) and isinstance(node, list):
            node = node[step] if step < len(node) else None
            ident = node.get("id") or node.get("code") if isinstance(node, dict) else None
            parts.append(f"{step + 1} ({ident})" if ident else str(step + 1))
            continue
        if isinstance(node, dict) and step in node:
            node = node[step]
            parts.append(str(step))
        elif isinstance(node, dict) and step not in node:
            # pydantic adds the discriminator tag ("post", "education" …) to the path: not a key of the file
            if not any(str(step) == str(v) for v in node.values()):
                parts.append(str(step))
        else:
            parts.append(str(step))
    return " → ".join(parts) or "(toàn bộ tệp)"


_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được phép (gõ sai tên?)",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "date_from_datetime_parsing": "phải là ngày dạng yyyy-mm-dd",
    "date_parsing": "phải là ngày dạng yyyy-mm-dd",
    "date_type": "phải là ngày dạng yyyy-mm-dd",
    "literal_error": "giá trị không hợp lệ",
    "union_tag_invalid": "loại điều kiện không có trong danh sách",
    "union_tag_not_found": "thiếu 'kind'",
    "string_type": "phải là chuỗi ký tự",
    "list_type": "phải là danh sách",
    "dict_type": "phải là một mục (khóa: giá trị)",
    "bool_parsing": "phải là true hoặc false",
    "greater_than_equal": "giá trị quá nhỏ",
    "less_than_equal": "giá trị quá lớn",
    "too_short": "danh sách không được rỗng",
    "string_pattern_mismatch": "mã chỉ gồm chữ thường không dấu, số và dấu gạch dưới",
}


def parse(model: type[BaseModel], text: str, name: str) -> Any:
    """Parse YAML text into `model`; raise RegulationDataError naming `name`, the item and the problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RegulationDataError(f"{name}: không đọc được YAML — {exc}") from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            message = _MESSAGES.get(err["type"], err["msg"])
            if err["type"] == "value_error":
                message = str(err.get("ctx", {}).get("error", err["msg"]))
            shown = "" if err["type"] == "missing" else f" (giá trị: {err.get('input')!r})"
            if err["type"] in {"model_type", "dict_type"} or isinstance(err.get("input"), dict | list):
                shown = ""
            problems.append(f"{name}: {_location(data, err['loc'])}: {message}{shown}")
        raise RegulationDataError("\n".join(problems)) from exc
