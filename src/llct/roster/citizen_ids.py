"""The 12-digit citizen ID (số định danh cá nhân, printed on the CCCD) and what its digits must say
(Nghị định 137/2015/NĐ-CP Điều 7; Thông tư 59/2021/TT-BCA): three digits of the province where the birth
was registered, one digit of the century and sex (0/1 a man/woman born 1900–1999, 2/3 2000–2099; the
higher pairs are later centuries, so nobody alive has them), two digits of the birth year, six random.

Used by the roster reader (vectorised) and by the registry's own validation, so that the same person
cannot be entered twice under two spellings of one number (full-width digits, spaces).
"""

import datetime as dt
import unicodedata

import polars as pl

from .i18n import gettext as _

# The province codes of Thông tư 59/2021/TT-BCA (the 63 provinces before the 2025 merger: numbers issued
# before it keep them).
_CODES = (
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 "
    "038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 "
    "080 082 083 084 086 087 089 091 092 093 094 095 096"
)
PROVINCE_CODES = frozenset(_CODES.split())
_CENTURY_SEX = "0123"  # born 1900–2099


def ascii_digits(value: str) -> str:
    """`value` with every decimal digit of any script (full-width ０–９, Arabic-Indic, …) as ASCII, and the
    spaces and dots people type between groups removed."""
    out = []
    for char in value:
        if char.isspace() or char == ".":
            continue
        out.append(str(unicodedata.digit(char)) if char.isdecimal() else char)
    return "".join(out)


def citizen_id_problem(value: str, birth_date: dt.date | None = None, sex: str | None = None) -> str | None:
    """What is wrong with a citizen ID of 12 ASCII digits, in Vietnamese; None when nothing is. `sex` is
    the registry's key ("nam" / "nu")."""
    if len(set(value)) == 1:
        return _impossible()
    if value[:3] not in PROVINCE_CODES:
        return _province(value[:3])
    if value[3] not in _CENTURY_SEX:
        return _century(value[3])
    if birth_date is not None and birth_date.year != _birth_year(value):
        return _year(_birth_year(value), birth_date.year)
    if sex in ("nam", "nu") and (int(value[3]) % 2 == 1) != (sex == "nu"):
        return _sex()
    return None


def _birth_year(value: str) -> int:
    return 1900 + 100 * (int(value[3]) // 2) + int(value[4:6])


def citizen_id_checks(
    digits: pl.Series, birth_date: pl.Series | None, sex: pl.Series | None
) -> list[tuple[pl.Series, str]]:
    """`citizen_id_problem` over a column of 12-digit IDs (null where absent or malformed): (bad-cell mask,
    reason) pairs, for the reader's problem list."""
    frame = pl.DataFrame({"id": digits}).with_columns(
        province=pl.col("id").str.slice(0, 3),
        century=pl.col("id").str.slice(3, 1),
        year=pl.lit(1900)
        + 100 * (pl.col("id").str.slice(3, 1).cast(pl.Int32, strict=False) // 2)
        + pl.col("id").str.slice(4, 2).cast(pl.Int32, strict=False),
        female=pl.col("id").str.slice(3, 1).cast(pl.Int32, strict=False) % 2 == 1,
    )
    present = frame["id"].is_not_null()
    same = present & frame["id"].is_in([digit * 12 for digit in "0123456789"])
    province = present & ~same & ~frame["province"].is_in(list(PROVINCE_CODES))
    century = present & ~same & ~province & ~frame["century"].is_in(list(_CENTURY_SEX))
    valid = present & ~same & ~province & ~century
    checks = [(same, _impossible()), (province, _province_any()), (century, _century_any())]
    if birth_date is not None:
        year = valid & birth_date.is_not_null() & (frame["year"] != birth_date.dt.year())
        checks.append((year.fill_null(False), _year_any()))
    if sex is not None:
        wrong = valid & sex.is_in(["nam", "nu"]) & (frame["female"] != (sex == "nu"))
        checks.append((wrong.fill_null(False), _sex()))
    return checks


def _impossible() -> str:
    return _("Số CCCD không có thật (mười hai chữ số giống nhau); hãy ghi đúng số trên thẻ hoặc để trống.")


def _province(code: str) -> str:
    return _(
        "Số CCCD bắt đầu bằng %(code)s, không phải mã tỉnh nào (ba chữ số đầu là mã nơi đăng ký khai sinh); "
        "hãy kiểm tra lại số."
    ) % {"code": code}


def _province_any() -> str:
    return _(
        "Ba chữ số đầu của số CCCD không phải mã tỉnh nào (mã nơi đăng ký khai sinh); hãy kiểm tra lại số."
    )


def _century(digit: str) -> str:
    return _(
        "Chữ số thứ tư của số CCCD (%(digit)s) chỉ thế kỷ sinh và giới tính, phải là 0–3 (0/1: nam/nữ sinh "
        "1900–1999, 2/3: nam/nữ sinh 2000–2099); hãy kiểm tra lại số."
    ) % {"digit": digit}


def _century_any() -> str:
    return _(
        "Chữ số thứ tư của số CCCD chỉ thế kỷ sinh và giới tính, phải là 0–3 (0/1: nam/nữ sinh 1900–1999, "
        "2/3: nam/nữ sinh 2000–2099); hãy kiểm tra lại số."
    )


def _year(in_id: int, born: int) -> str:
    return _(
        "Số CCCD ghi năm sinh %(in_id)s nhưng ngày sinh là năm %(born)s; hãy kiểm tra lại số hoặc ngày sinh."
    ) % {"in_id": in_id, "born": born}


def _year_any() -> str:
    return _(
        "Năm sinh trong số CCCD (chữ số 4–6) khác năm của ngày sinh; hãy kiểm tra lại số CCCD hoặc ngày sinh."
    )


def _sex() -> str:
    return _(
        "Chữ số thứ tư của số CCCD chỉ giới tính (chẵn: nam, lẻ: nữ), khác cột giới tính; hãy kiểm tra lại "
        "số CCCD hoặc giới tính."
    )
