"""Labels and counting shared by the scalar and the bulk paths, so both write the same sentences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from .model import CataloguePost
    from .titles import TitleMatch

SEX_LABELS = {"nam": "Nam", "nu": "Nữ"}
PARTY_LABELS = {"": "chưa là đảng viên", "du_bi": "dự bị", "chinh_thuc": "chính thức"}
EDUCATION_LABELS = {
    "tieu_hoc": "Tiểu học",
    "thcs": "THCS",
    "thpt": "THPT",
    "trung_cap": "Trung cấp",
    "cao_dang": "Cao đẳng",
    "dai_hoc": "Đại học",
    "thac_si": "Thạc sĩ",
    "tien_si": "Tiến sĩ",
}
RATING_LABELS = {
    "xuat_sac": "Hoàn thành xuất sắc nhiệm vụ",
    "tot": "Hoàn thành tốt nhiệm vụ",
    "hoan_thanh": "Hoàn thành nhiệm vụ",
    "khong_hoan_thanh": "Không hoàn thành nhiệm vụ",
}
THEORY_LABELS = {
    "": "chưa qua đào tạo",
    "so_cap": "Sơ cấp",
    "trung_cap": "Trung cấp",
    "cao_cap": "Cao cấp",
    "cu_nhan": "Cử nhân",
}
MODE_LABELS = {"tap_trung": "tập trung", "khong_tap_trung": "không tập trung"}
INSTITUTION_LABELS = {
    "hoc_vien_ctqg": "Học viện Chính trị quốc gia Hồ Chí Minh",
    "hoc_vien_khu_vuc": "Học viện Chính trị khu vực",
    "truong_chinh_tri_tinh": "Trường Chính trị tỉnh, thành phố",
    "trung_tam_chinh_tri_huyen": "Trung tâm Chính trị cấp huyện",
    "trung_tam_chinh_tri_xa": "Trung tâm Chính trị cấp xã",
}
MET = {True: "đạt", False: "không đạt"}
ASSUMED = "[Giả định] "
UNKNOWN = "chưa rõ"
MISSING_RATING = "chưa có"
UNJUDGED = "Không xét được: "
MISSING_BIRTH_DATE = "thiếu ngày sinh"
MISSING_SEX = "thiếu giới tính"


TIER_LABELS = {"trung_uong": "Trung ương", "tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã"}
SECTOR_LABELS = {
    "dang": "Đảng",
    "chinh_quyen": "Chính quyền",
    "mat_tran_doan_the": "Mặt trận - Đoàn thể",
    "quan_doi": "Quân đội",
    "cong_an": "Công an",
    "doanh_nghiep": "Doanh nghiệp",
    "su_nghiep": "Sự nghiệp",
}
_SHOWN_CANDIDATES = 4


def title_problem(title: str, planned: bool, match: TitleMatch) -> str:
    """The problem written for a title that names no single catalogue post (`match.problem` is "unknown",
    "ambiguous" or "tier"), with what the user can do about it."""
    what = "chức vụ quy hoạch" if planned else "chức vụ"
    if match.problem == "ambiguous":
        return (
            f"{what} «{title}» ứng với nhiều chức vụ trong danh mục ({_posts(match.candidates)}): "
            "hãy ghi rõ tên chức vụ hoặc điền Cấp, Khối"
        )
    if match.problem == "tier":
        tiers = ", ".join(TIER_LABELS[t] for t in sorted(match.tiers))
        return f"{what} «{title}» không có ở cấp {tiers} trong danh mục (chỉ có: {_posts(match.candidates)})"
    return f"{what} «{title}» không có trong danh mục"


def _posts(posts: Sequence[CataloguePost]) -> str:
    shown = [
        f"{p.title} – {TIER_LABELS[p.tier]}, {SECTOR_LABELS[p.sector]}" for p in posts[:_SHOWN_CANDIDATES]
    ]
    return " / ".join(shown) + (" / …" if len(posts) > _SHOWN_CANDIDATES else "")


def completed_years(since: dt.date, on: dt.date) -> int:
    """Whole years from `since` to `on` (age on a birthday counts the new year; a 29 February birthday
    is reached on 1 March in common years). Negative when `since` is after `on`."""
    return on.year - since.year - ((on.month, on.day) < (since.month, since.day))


def completed_years_expr(since: pl.Expr, on: dt.date) -> pl.Expr:
    """`completed_years` for a date column."""
    month, day = since.dt.month(), since.dt.day()
    before = (month > on.month) | ((month == on.month) & (day > on.day))
    return pl.lit(on.year, pl.Int32) - since.dt.year().cast(pl.Int32) - before.cast(pl.Int32)


def is_minority(ethnicity: str | None) -> bool:
    """Roster rule: any ethnicity other than Kinh is an ethnic minority; an empty cell is not."""
    return bool(ethnicity and ethnicity.strip()) and ethnicity.strip().lower() != "kinh"


def is_minority_expr(ethnicity: pl.Expr) -> pl.Expr:
    cleaned = ethnicity.str.strip_chars()
    return (cleaned.fill_null("") != "") & (cleaned.str.to_lowercase() != "kinh")
