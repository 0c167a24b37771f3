"""The vocabulary of the rules engine: profiles in, decisions out. Plain frozen dataclasses, no Django.

The vocabularies below repeat the keys of `llct.registry.choices` (a test holds them equal) because the
engine must not import Django.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

LEVELS: tuple[str, ...] = ("so_cap", "trung_cap", "cao_cap")
LEVEL_LABELS: Mapping[str, str] = {"so_cap": "Sơ cấp", "trung_cap": "Trung cấp", "cao_cap": "Cao cấp"}
MODES: tuple[str, ...] = ("tap_trung", "khong_tap_trung")
TIERS: tuple[str, ...] = ("trung_uong", "tinh", "huyen", "xa")
SECTORS: tuple[str, ...] = (
    "dang",
    "chinh_quyen",
    "mat_tran_doan_the",
    "quan_doi",
    "cong_an",
    "doanh_nghiep",
    "su_nghiep",
)
SEXES: tuple[str, ...] = ("nam", "nu")
PARTY_STATUSES: tuple[str, ...] = ("", "du_bi", "chinh_thuc")
EDUCATION_ORDER: tuple[str, ...] = (
    "tieu_hoc",
    "thcs",
    "thpt",
    "trung_cap",
    "cao_dang",
    "dai_hoc",
    "thac_si",
    "tien_si",
)
THEORY_ORDER: tuple[str, ...] = ("", "so_cap", "trung_cap", "cao_cap", "cu_nhan")
RATING_ORDER: tuple[str, ...] = ("khong_hoan_thanh", "hoan_thanh", "tot", "xuat_sac")  # worst → best
INSTITUTION_KINDS: tuple[str, ...] = (
    "hoc_vien_ctqg",
    "hoc_vien_khu_vuc",
    "truong_chinh_tri_tinh",
    "trung_tam_chinh_tri_huyen",
    "trung_tam_chinh_tri_xa",
)
CONFIDENCES: tuple[str, ...] = ("T", "S", "I", "?")
# How a screening counts a decision: the level is not offered on the date (QĐ 350: no sơ cấp), the person
# could not be judged (missing birth date or sex, a title naming no single post), eligible, or not.
STATUSES: tuple[str, ...] = ("eligible", "not_eligible", "not_offered", "not_judged")


@dataclass(frozen=True, slots=True)
class PostRef:
    """A catalogue post as the engine sees it: what rules compare (sector, tier, rank)."""

    code: str
    sector: str
    tier: str
    rank: int


@dataclass(frozen=True, slots=True)
class CataloguePost:
    """One entry of the post catalogue (posts.yaml or the database's Post table)."""

    code: str
    title: str
    sector: str
    tier: str
    rank: int
    aliases: tuple[str, ...] = ()
    note: str = ""
    confidence: str = "I"

    @property
    def ref(self) -> PostRef:
        return PostRef(self.code, self.sector, self.tier, self.rank)


@dataclass(frozen=True, slots=True)
class Grade:
    """A civil-service grade (ngạch) with its names; `level` 1 = chuyên viên, 2 = chính, 3 = cao cấp."""

    code: str
    title: str
    level: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Profile:
    """What the rules read about one person. `unjudgeable` holds the reasons the person cannot be judged
    (unknown title, unreadable cell …), filled by whoever builds the profile; the engine never guesses."""

    code: str
    birth_date: dt.date | None
    sex: str | None
    ethnicity: str | None = None
    party_status: str = ""
    education: str | None = None
    theory_level: str = ""
    held: tuple[PostRef, ...] = ()
    planned: tuple[PostRef, ...] = ()
    grade: str | None = None
    grade_since: dt.date | None = None
    lecturer_since: dt.date | None = None
    ratings: Mapping[int, str] = field(default_factory=dict)
    unjudgeable: tuple[str, ...] = ()


# The parts a citation names below the document, in order: field, the word written before its number, and
# the key of such parts in a document's structure (citations.py, data/documents.yaml).
CITATION_PARTS: tuple[tuple[str, str, str], ...] = (
    ("article", "Điều", "articles"),
    ("clause", "khoản", "clauses"),
    ("subclause", "tiết", "subclauses"),
    ("point", "điểm", "points"),
)


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: "Điều 5, khoản 1, tiết 1.1, điểm b, QĐ 57-QĐ/TW". A part is "?" where the
    text is not known here ("Điều 5, khoản 1, tiết ?"); `citations.citation_problem` holds every part to
    the document's structure."""

    document: str
    article: str = ""
    clause: str = ""
    point: str = ""
    chapter: str = ""  # for rules cited by chapter only ("Chương III")
    subclause: str = ""  # tiết ("1.1"), between clause and point

    def __str__(self) -> str:
        parts = [f"Chương {self.chapter}" if self.chapter else ""]
        parts += [f"{word} {getattr(self, name)}" for name, word, _ in CITATION_PARTS if getattr(self, name)]
        return ", ".join(p for p in [*parts, self.document] if p)


@dataclass(frozen=True, slots=True)
class Reason:
    """One condition of a decision: what was read (`value`), what it was compared with (`threshold`),
    whether it held, where the rule comes from, and whether the rule itself is an assumption.
    `text` is the Vietnamese sentence shown to users, e.g.
    "Nữ, 32 tuổi < 33: chỉ học tập trung — Điều 5, QĐ 57-QĐ/TW"."""

    condition: str
    met: bool
    value: str
    threshold: str
    citation: Citation
    assumption: bool
    text: str
    shown: bool = True  # part of the short explanation (the `reasons` column of a screening)
    item: str = ""  # the id of the data file's item that gave the reason ("modes", "institution" …)


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer for one person, level and date. `offered` is false when the regulation in force has no
    such level; `judged` is false when the person could not be judged. `reasons` lists every condition
    evaluated, met or not; `summary` is the short explanation written in screening outputs."""

    level: str
    on: dt.date
    eligible: bool
    modes: tuple[str, ...]
    regulation: str
    institution: str | None
    reasons: tuple[Reason, ...]
    offered: bool = True
    judged: bool = True
    overlay: str = ""  # the provincial regulation applied with the national one (overlays.py), if any

    @property
    def status(self) -> str:
        """One of STATUSES: how a screening counts the decision."""
        if not self.offered:
            return "not_offered"
        if not self.judged:
            return "not_judged"
        return "eligible" if self.eligible else "not_eligible"

    @property
    def assumed(self) -> bool:
        """Whether the short explanation rests on an assumption ("[Giả định]"): shown as such in the
        page, the export and the API (REGULATIONS.md §7, "Unknowns stay visible")."""
        return any(r.assumption for r in self.reasons if r.shown)

    @property
    def deciding(self) -> Reason:
        """The reason that decides: the subject group for an eligible person, otherwise the first condition
        not met (not offered, already trained, not judgeable, not a subject, a standard)."""
        if self.eligible:
            return next(r for r in self.reasons if r.condition == "subject")
        return next(r for r in self.reasons if not r.met)

    @property
    def summary(self) -> str:
        """The `reasons` column of roster-format.md "Screening output": the unmet or assumed conditions
        (and, for an eligible person, the subject group and the study-mode rule), joined by " | "."""
        return REASON_SEPARATOR.join(r.text for r in self.reasons if r.shown)


REASON_SEPARATOR = " | "
