"""The personal side of synthetic cadres — name, birth, Party, education, theory, grade, ratings — drawn
column-wise and correlated with the post each one holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import polars as pl

from .catalogue import DemoPost
from .draw import Table, pick
from .names import draw_ethnicity, draw_names

BIRTH_FIRST = dt.date(1965, 1, 1)
BIRTH_LAST = dt.date(2002, 12, 31)
RECORDS_UNTIL = dt.date(2025, 6, 30)  # grades and teaching start no later than this
LEADER = 0.3  # seniority (0–1 over the catalogue's ranks) from which a post leads others
SENIOR = 0.6

_EDUCATION: list[Table] = [
    (["Đại học", "Thạc sĩ", "Tiến sĩ"], [58, 37, 5]),  # leaders
    (["THPT", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ"], [2, 6, 8, 68, 15, 1]),
    (["THCS", "THPT", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ"], [1, 8, 18, 14, 55, 4]),  # commune staff
]
_THEORY: list[Table] = [
    (["", "Sơ cấp", "Trung cấp"], [84, 13, 3]),  # not a Party member
    (["", "Sơ cấp", "Trung cấp", "Cao cấp"], [25, 37, 35, 3]),  # member, no leading post
    (["Trung cấp", "Cao cấp", "Cử nhân"], [50, 45, 5]),  # middle-ranking leader
    (["Trung cấp", "Cao cấp", "Cử nhân"], [3, 85, 12]),  # senior leader
    (["Cao cấp", "Cử nhân"], [70, 30]),  # political-theory lecturer
]
_GRADES: list[Table] = [
    ([""], [1]),  # army, police, enterprises: no civil-service grade
    (["", "Chuyên viên", "Kế toán viên"], [25, 70, 5]),  # commune
    (
        ["Chuyên viên", "Kiểm tra viên", "Thanh tra viên", "Kế toán viên", "Chuyên viên chính"],
        [80, 5, 5, 5, 5],
    ),
    (["Chuyên viên", "Chuyên viên chính", "Thanh tra viên chính", "Kiểm tra viên chính"], [35, 55, 5, 5]),
    (["Chuyên viên chính", "Chuyên viên cao cấp"], [45, 55]),
    (["Giảng viên", "Giảng viên chính", "Giảng viên cao cấp"], [50, 40, 10]),  # lecturers
]
_RATINGS: list[Table] = [
    (
        [
            "Hoàn thành xuất sắc nhiệm vụ",
            "Hoàn thành tốt nhiệm vụ",
            "Hoàn thành nhiệm vụ",
            "Không hoàn thành nhiệm vụ",
        ],
        weights,
    )
    for weights in ([12, 62, 23, 3], [25, 65, 9, 1])
]
_OLD_TONES = (["òa", "óa", "ỏa", "õa", "ọa", "òe", "óe", "ủy", "úy", "ùy", "ũy", "ụy"],
              ["oà", "oá", "oả", "oã", "oạ", "oè", "oé", "uỷ", "uý", "uỳ", "uỹ", "uỵ"])  # fmt: skip


def draw_people(
    rng: np.random.Generator,
    posts: Sequence[DemoPost],
    post: np.ndarray,
    region: np.ndarray,
    province_code: pl.Series,
    serials: np.ndarray,
) -> pl.DataFrame:
    """One row per entry of `post` (indices into `posts`): full_name, female, birth (date), ethnicity,
    citizen_id, and the labels of the roster format for party_status, education, theory_level, grade,
    rating_last, rating_before_last ("" = none), with grade_since and lecturer_since dates (null = none).

    Leaders (seniority ≥ LEADER) are full Party members with a university degree and trung cấp or cao
    cấp theory, and older; about 45 % are women, fewer among leaders, army and police; a tenth of the
    names use the old tone placement ("Hoà", "Thuỷ"). `region` indexes `names.REGIONS`; `province_code`
    opens each citizen ID, and `serials` (six digits) end them."""
    n = len(post)
    seniority = np.array([p.seniority for p in posts])[post]
    uniformed = np.array([p.post.sector in ("quan_doi", "cong_an") for p in posts])[post]
    civil = np.array(
        [p.post.sector in ("dang", "chinh_quyen", "mat_tran_doan_the", "su_nghiep") for p in posts]
    )
    civil = civil[post]
    commune = np.array([p.post.tier == "xa" for p in posts])[post]
    lecturer = np.array([p.lecturer for p in posts])[post]
    women_only = np.array([p.women_only for p in posts])[post]
    leader = seniority >= LEADER
    senior = seniority >= SENIOR

    female = women_only | (rng.random(n) < np.where(uniformed, 0.15, 0.53 - 0.4 * seniority))
    ethnicity = draw_ethnicity(rng, region)
    names = draw_names(rng, region, ethnicity, female)
    old_tones = rng.random(n) < 0.1

    span = (BIRTH_LAST - BIRTH_FIRST).days
    birth = np.datetime64(BIRTH_FIRST, "D") + (rng.random(n) ** (1 + 3 * seniority) * span).astype(np.int64)
    birth_year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    age = 2025 - birth_year

    member = uniformed | lecturer | (rng.random(n) < np.clip(0.45 + 1.5 * seniority, 0, 1))
    probationary = member & ~leader & (rng.random(n) < np.where(age < 35, 0.12, 0.02))
    party = pl.Series(["", "Dự bị", "Chính thức"]).gather(np.where(member, np.where(probationary, 1, 2), 0))

    education = pick(rng, np.where(leader | lecturer, 0, np.where(commune, 2, 1)), _EDUCATION)
    theory = pick(
        rng, np.where(lecturer, 4, np.where(senior, 3, np.where(leader, 2, np.where(member, 1, 0)))), _THEORY
    )
    grade_group = np.where(
        lecturer, 5, np.where(~civil, 0, np.where(senior, 4, np.where(leader, 3, np.where(commune, 1, 2))))
    )
    grade = pick(rng, grade_group, _GRADES)
    grade_since = _date_after(rng, birth, 22)
    lecturer_since = _date_after(rng, birth, 24)

    rating_group = leader.astype(np.int64)
    rating_last = pick(rng, rating_group, _RATINGS)
    rating_before = pick(rng, rating_group, _RATINGS)
    same_again = pl.Series(rng.random(n) < 0.5)

    century_sex = (birth_year >= 2000) * 2 + female
    frame = pl.DataFrame(
        {
            "full_name": names,
            "old_tones": old_tones,
            "female": female,
            "birth": pl.Series(birth, dtype=pl.Date),
            "ethnicity": ethnicity,
            "province_code": province_code,
            "century_sex": century_sex,
            "serial": serials,
            "party_status": party,
            "education": education,
            "theory_level": theory,
            "grade": grade,
            "grade_since": grade_since,
            "lecturer": lecturer,
            "lecturer_since": lecturer_since,
            "rating_last": rating_last,
            "rating_before": rating_before,
            "same_again": same_again,
        }
    )
    return frame.select(
        pl.when("old_tones")
        .then(pl.col("full_name").str.replace_many(*_OLD_TONES))
        .otherwise("full_name")
        .alias("full_name"),
        "female",
        "birth",
        "ethnicity",
        pl.concat_str(
            "province_code",
            pl.col("century_sex").cast(pl.String),
            pl.col("birth").dt.strftime("%y"),
            pl.col("serial").cast(pl.String).str.zfill(6),
        ).alias("citizen_id"),
        "party_status",
        "education",
        "theory_level",
        "grade",
        pl.when(pl.col("grade") != "").then("grade_since").alias("grade_since"),
        pl.when("lecturer").then("lecturer_since").alias("lecturer_since"),
        "rating_last",
        pl.when("same_again").then("rating_last").otherwise("rating_before").alias("rating_before_last"),
    )


def _date_after(rng: np.random.Generator, birth: np.ndarray, years: int) -> pl.Series:
    """A date between the birthday `years` on and RECORDS_UNTIL (that day when the person is too young)."""
    start = birth + np.timedelta64(365 * years + years // 4, "D")
    end = np.datetime64(RECORDS_UNTIL, "D")
    start = np.minimum(start, end)
    offset = (rng.random(len(birth)) * (end - start).astype(np.int64)).astype(np.int64)
    return pl.Series(start + offset, dtype=pl.Date)
