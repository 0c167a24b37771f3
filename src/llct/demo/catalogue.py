"""The post catalogue as the generator uses it: which posts occur how often, in which unit, written how.

Posts come from the catalogue of `llct.regulations` (posts.yaml, through its loader); the generator only
adds what a catalogue does not say: how common a post is, the unit it sits in and how people write its title.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from llct.regulations import CataloguePost, load_shipped
from llct.vntext import fold

from .places import DISTRICT_DIVISIONS, PROVINCE_DEPARTMENTS

TIER_WORDS = {"trung_uong": "", "tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
# Share of cadres per tier in a roster: communes employ most of them.
TIER_SHARES = {"trung_uong": 0.03, "tinh": 0.32, "huyen": 0.2, "xa": 0.45}
# Army and police rosters are mostly kept apart from the civilian ones the boards exchange.
SECTOR_FACTORS = {"quan_doi": 0.25, "cong_an": 0.4}
_QUALIFIER = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class DemoPost:
    """A catalogue post with what the generator needs to write it into a roster."""

    post: CataloguePost
    weight: float  # how often the post occurs in a roster, relative to the others
    seniority: float  # 0 (lowest rank of the catalogue) … 1 (highest)
    unit_prefix: str  # unit name = prefix + [division] + unit_infix + place
    unit_infix: str
    divisions: tuple[str, ...]  # divisions the post's unit may be; empty → none
    names_division: tuple[bool, ...]  # per written form: the division may follow it ("PTP" + " Nội vụ")
    written: tuple[str, ...]  # the ways people write the title, the most common first
    distinct_title: str  # the shortest title no other post of the tier goes by (for planned posts)
    lecturer: bool  # a political-theory lecturer or a head of a school, centre or academy
    women_only: bool  # posts of the Women's Union


def _has(text: str, *words: str) -> bool:
    return any(w in text for w in words)


def _unit(post: CataloguePost) -> tuple[str, str, tuple[str, ...], bool]:
    """(prefix, infix, divisions, title names the division) of the unit a post usually sits in."""
    t = fold(post.title)
    word = TIER_WORDS[post.tier]
    if _has(t, "hoc vien chinh tri"):
        return "Học viện Chính trị khu vực I", "", (), False
    if _has(t, "truong chinh tri"):
        return "Trường Chính trị tỉnh ", "", (), False
    if _has(t, "trung tam chinh tri"):
        return f"Trung tâm Chính trị {word} ", "", (), False
    if post.tier == "trung_uong":
        name = {"dang": "Ban Tổ chức Trung ương", "doanh_nghiep": "Tập đoàn Điện lực Việt Nam"}.get(
            post.sector, "Bộ Nội vụ"
        )
        return name, "", (), False
    if post.sector == "dang":
        if post.tier == "xa":
            return "Đảng ủy xã ", "", (), False
        if _has(t, "phong", "chuyen vien", "truong ban"):
            return ("Ban Tổ chức Tỉnh ủy " if post.tier == "tinh" else "Ban Tổ chức Huyện ủy "), "", (), False
        return ("Tỉnh ủy " if post.tier == "tinh" else "Huyện ủy "), "", (), False
    if post.sector == "cong_an":
        return f"Công an {word} ", "", (), False
    if post.sector == "quan_doi":
        if post.tier == "tinh":
            return "Bộ Chỉ huy Quân sự tỉnh ", "", (), False
        return f"Ban Chỉ huy Quân sự {word} ", "", (), False
    if post.sector == "mat_tran_doan_the":
        for key, name in (
            ("phu nu", "Hội Liên hiệp Phụ nữ"),
            ("doan xa", "Đoàn TNCS Hồ Chí Minh"),
            ("nong dan", "Hội Nông dân"),
            ("cuu chien binh", "Hội Cựu chiến binh"),
            ("cong doan", "Công đoàn"),
        ):
            if key in t:
                return f"{name} {word} ", "", (), False
        return f"Ủy ban MTTQ Việt Nam {word} ", "", (), False
    if post.sector == "doanh_nghiep":
        return "Công ty TNHH MTV Xổ số kiến thiết ", "", (), False
    if post.sector == "su_nghiep":
        return (
            ("Bệnh viện Đa khoa tỉnh " if post.tier == "tinh" else f"Trường Tiểu học {word} "),
            "",
            (),
            False,
        )
    if _has(t, "hdnd"):
        return f"HĐND {word} ", "", (), False
    if post.tier == "tinh" and _has(t, "giam doc so"):
        return "Sở ", " tỉnh ", PROVINCE_DEPARTMENTS, True
    if post.tier == "tinh" and _has(t, "phong", "chuyen vien"):
        return "Sở ", " tỉnh ", PROVINCE_DEPARTMENTS, False
    if post.tier == "huyen" and _has(t, "truong phong"):
        return "Phòng ", " huyện ", DISTRICT_DIVISIONS, True
    if post.tier == "huyen" and _has(t, "chuyen vien"):
        return "Phòng ", " huyện ", DISTRICT_DIVISIONS, False
    return f"UBND {word} ", "", (), False


def _spellings(title: str) -> list[str]:
    """A title, its abbreviated and expanded forms (PCT, PTP, UBND ↔ Ủy ban nhân dân) and its old-style
    tone spelling ("Ủy" → "Uỷ"), all in common use."""
    forms = [title]
    for long, short in (
        ("Phó Chủ tịch UBND", "PCT UBND"),
        ("Phó Trưởng phòng", "PTP"),
        ("UBND", "Ủy ban nhân dân"),
        ("HĐND", "Hội đồng nhân dân"),
    ):
        if long in title:
            forms.append(title.replace(long, short))
    forms += [f.replace("Ủy", "Uỷ").replace("ủy", "uỷ") for f in forms if "Ủy" in f or "ủy" in f]
    return forms


@cache
def demo_posts() -> tuple[DemoPost, ...]:
    """The catalogue's posts, with frequency, unit and written forms for the generator."""
    posts = catalogue_posts()
    low = min(p.rank for p in posts)
    high = max(p.rank for p in posts)
    out = []
    per_tier = {tier: [p for p in posts if p.tier == tier] for tier in TIER_SHARES}
    names = {p.code: {fold(_QUALIFIER.sub("", t)) for t in (p.title, *p.aliases)} for p in posts}
    for post in posts:
        seniority = (post.rank - low) / ((high - low) or 1)
        # Few leaders, many staff: the weight falls fast with rank, and each tier keeps its share.
        raw = {p.code: math.exp(-9 * (p.rank - low) / ((high - low) or 1)) for p in per_tier[post.tier]}
        weight = TIER_SHARES[post.tier] * raw[post.code] / sum(raw.values())
        prefix, infix, divisions, names_division = _unit(post)
        # "Trưởng phòng (thuộc UBND huyện)": the qualifier tells posts apart; nobody writes it.
        short = _QUALIFIER.sub("", post.title)
        written = [s for text in (short, *post.aliases) for s in _spellings(text)]
        # A planned post has no Khối of its own in the roster: a name shared within the tier needs the
        # catalogue's qualified title ("Phó Trưởng phòng (thuộc sở, ngành tỉnh)").
        shared = sum(fold(short) in names[other.code] for other in per_tier[post.tier]) > 1
        folded = fold(post.title)
        lecturer = _has(folded, "giang vien", "truong chinh tri", "trung tam chinh tri", "hoc vien chinh tri")
        if lecturer:
            weight *= 0.05  # a province has a few dozen lecturers among thousands of cadres
        weight *= SECTOR_FACTORS.get(post.sector, 1.0)
        out.append(
            DemoPost(
                post=post,
                weight=weight,
                seniority=seniority,
                unit_prefix=prefix,
                unit_infix=infix,
                divisions=divisions,
                names_division=tuple(
                    names_division and fold(form).endswith(("phong", "ptp", "so"))
                    for form in dict.fromkeys(written)
                ),
                written=tuple(dict.fromkeys(written)),
                distinct_title=post.title if shared else short,
                lecturer=lecturer,
                women_only=_has(folded, "phu nu"),
            )
        )
    return tuple(out)


def catalogue_posts() -> tuple[CataloguePost, ...]:
    """The post catalogue shipped with `llct.regulations` (posts.yaml)."""
    return tuple(load_shipped().catalogue.posts.values())
