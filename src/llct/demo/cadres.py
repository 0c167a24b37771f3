"""The cadres of the demo province: identity, Party, education, theory with its proof, grade, their
assignments (current, past in the old units, some concurrent), planning and ratings — written in bulk."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

import numpy as np
import polars as pl
from simple_history.utils import bulk_create_with_history

from llct.eligibility.services.rulebook import rulebook_seed
from llct.registry.choices import EQUIVALENCE_CERTIFICATES_END, TheoryProof, UnitKind
from llct.registry.models import Assignment, Cadre, PlanningEntry, Post, Unit, YearlyRating
from llct.registry.services.cadres import cadre_prepare
from llct.roster.columns import VOCABULARIES
from llct.vntext import fold

from .catalogue import DemoPost, demo_posts
from .people import LEADER, SENIOR, draw_people
from .tree import PROVINCE_CODE, PROVINCE_NAME, DemoTree

CHANGE_REASON = "Dữ liệu trình diễn"
BATCH = 500
# Share of the cadres kept by each kind of unit; the rest are spread over the province's other units.
COMMUNES_SHARE = 0.55
SCHOOL_SHARE = 0.03
CENTRES_SHARE = 0.02
DATA_NOTE = "Ghi chú dữ liệu"  # the extra column that explains a planted data-quality problem


@dataclass
class CadreCounts:
    cadres: int
    assignments: int
    planning: int
    ratings: int
    problems: int


def demo_posts_seed() -> dict[str, Post]:
    """The catalogue in registry.Post (seeded from posts.yaml by the eligibility app's service), by code."""
    rulebook_seed()
    return {p.code: p for p in Post.objects.all()}


def _fits(post: DemoPost, unit: Unit) -> bool:
    """Whether a catalogue post is one the unit has (by tier, sector, kind and title)."""
    p, kind = post.post, unit.kind
    title = fold(p.title)
    if p.tier != unit.tier:
        return False
    if kind in (UnitKind.COMMUNE_CENTRE, UnitKind.DISTRICT_CENTRE):
        return post.lecturer and "trung tam chinh tri" in title
    if kind == UnitKind.PROVINCIAL_SCHOOL:
        return post.lecturer and "truong chinh tri" in title
    if post.lecturer:
        return False
    if kind == UnitKind.ADMINISTRATIVE:
        return p.tier == "xa"
    if kind == UnitKind.PARTY_COMMITTEE:
        return p.sector == "dang" and ("bi thu" in title or "uy vien" in title)
    if kind == UnitKind.PARTY_BOARD:
        return p.sector == "dang" and ("ban" in title or "phong" in title or "chuyen vien" in title)
    if kind == UnitKind.PEOPLES_COUNCIL:
        return p.sector == "chinh_quyen" and "hdnd" in title
    if kind == UnitKind.PEOPLES_COMMITTEE:
        return p.sector == "chinh_quyen" and ("ubnd" in title or "chuyen vien" in title)
    if kind == UnitKind.DEPARTMENT:
        return p.sector == "chinh_quyen" and any(w in title for w in ("giam doc so", "phong", "chuyen vien"))
    sectors = {
        UnitKind.FRONT_ORGANISATION: "mat_tran_doan_the",
        UnitKind.MILITARY: "quan_doi",
        UnitKind.POLICE: "cong_an",
        UnitKind.PUBLIC_SERVICE: "su_nghiep",
    }
    return p.sector == sectors.get(kind)


class _Posts:
    """The catalogue posts each unit offers, split into leading posts (one holder each) and staff posts."""

    def __init__(self) -> None:
        self.posts = demo_posts()
        self.index = {p.post.code: i for i, p in enumerate(self.posts)}
        self._cache: dict[int, tuple[list[int], list[int]]] = {}

    def of(self, unit: Unit) -> tuple[list[int], list[int]]:
        if unit.pk not in self._cache:
            fitting = [i for i, p in enumerate(self.posts) if _fits(p, unit)]
            if not fitting:
                fitting = [i for i, p in enumerate(self.posts) if p.post.tier == unit.tier and not p.lecturer]
            leaders = sorted(
                (i for i in fitting if self.posts[i].seniority >= LEADER),
                key=lambda i: -self.posts[i].post.rank,
            )
            staff = [i for i in fitting if self.posts[i].seniority < LEADER] or self._plain_staff(unit)
            self._cache[unit.pk] = (leaders, staff)
        return self._cache[unit.pk]

    def _plain_staff(self, unit: Unit) -> list[int]:
        """Staff posts of the unit's tier (its sector's if any): for units whose own posts all lead."""
        tier = [i for i, p in enumerate(self.posts) if p.post.tier == unit.tier and p.seniority < LEADER]
        tier = [i for i in tier if not self.posts[i].lecturer]
        return [i for i in tier if self.posts[i].post.sector == unit.sector] or tier

    def staff(self, rnd: random.Random, unit: Unit) -> int:
        _, staff = self.of(unit)
        return rnd.choices(staff, weights=[self.posts[i].weight for i in staff])[0]

    def written(self, rnd: random.Random, i: int) -> str:
        forms = self.posts[i].written
        return rnd.choices(forms, weights=[3.0] + [1.0] * (len(forms) - 1))[0]


def _shares(tree: DemoTree, size: int) -> list[tuple[Unit, int]]:
    """How many cadres each current unit keeps (largest remainders, so they add up to `size`)."""
    centres = tree.commune_centres
    others = [
        u for u in tree.current if u not in tree.communes and u not in centres and u.pk != tree.school.pk
    ]
    weights = [(u, COMMUNES_SHARE / len(tree.communes)) for u in tree.communes]
    weights += [(tree.school, SCHOOL_SHARE)] + [(u, CENTRES_SHARE / len(centres)) for u in centres]
    rest = 1 - COMMUNES_SHARE - SCHOOL_SHARE - CENTRES_SHARE
    weights += [(u, rest / len(others)) for u in others]
    exact = [(u, w * size) for u, w in weights]
    counts = [int(x) for _, x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: -(exact[i][1] - counts[i]))
    for i in by_remainder[: size - sum(counts)]:
        counts[i] += 1
    return [(u, c) for (u, _), c in zip(exact, counts, strict=True) if c]


def demo_cadres_create(tree: DemoTree, size: int, seed: int, as_of: dt.date) -> CadreCounts:
    """Create `size` cadres kept by the merged province's current units, with their records."""
    rnd = random.Random(seed)
    catalogue = _Posts()
    posts = demo_posts_seed()
    slots: list[tuple[Unit, int, bool]] = []  # (unit, post index, leads)
    vacant: dict[int, list[int]] = {}  # leading posts of a unit nobody holds: open to a concurrent holder
    for unit, count in _shares(tree, size):
        leaders, _ = catalogue.of(unit)
        leading, vacant[unit.pk] = [], []
        for i in leaders[: min(len(leaders), max(1, round(0.3 * count)))]:
            # Now and then a post goes to another leader of the unit as a concurrent one (kiêm nhiệm).
            (vacant[unit.pk] if leading and rnd.random() < 0.1 else leading).append(i)
        slots += [(unit, i, True) for i in leading]
        slots += [(unit, catalogue.staff(rnd, unit), False) for _ in range(count - len(leading))]

    rng = np.random.default_rng(seed)
    post_idx = np.array([i for _, i, _ in slots], dtype=np.int64)
    people = draw_people(
        rng,
        catalogue.posts,
        post_idx,
        np.zeros(len(slots), dtype=np.int64),
        pl.Series([PROVINCE_CODE] * len(slots)),
        rng.permutation(1_000_000)[: len(slots)],
    ).to_dicts()

    predecessors = _predecessors(tree)
    problems = _problem_rows(rnd, len(slots))
    cadres = [
        _cadre(rnd, tree, i, person, unit, as_of, problems.get(i))
        for i, ((unit, _, _), person) in enumerate(zip(slots, people, strict=True))
    ]
    cadres = bulk_create_with_history(cadres, Cadre, batch_size=BATCH, default_change_reason=CHANGE_REASON)

    assignments: list[Assignment] = []
    planning: list[PlanningEntry] = []
    ratings: list[YearlyRating] = []
    leading_now: dict[int, list[Assignment]] = {}
    for i, (cadre, (unit, post, leads), person) in enumerate(zip(cadres, slots, people, strict=True)):
        assignments += _assignments(rnd, tree, catalogue, posts, predecessors, cadre, unit, post, as_of)
        current = assignments[-1]
        if problems.get(i) == "title":
            current.title_as_written = "  " + current.title_as_written.lower().replace(" ", "  ")
        if leads:
            leading_now.setdefault(unit.pk, []).append(current)
        seniority = catalogue.posts[post].seniority
        if seniority < SENIOR and rnd.random() < 0.22:
            planning += _planning(rnd, catalogue, posts, cadre, unit, post, i)
        ratings += _ratings(cadre, person, as_of, rnd)

    for unit_pk, held in leading_now.items():
        for other in vacant[unit_pk]:
            current = rnd.choice(held)
            assignments.append(
                _assignment(
                    rnd, catalogue, posts, current.cadre, current.unit, other, current.valid_from, None
                )
            )
    for model, rows in ((Assignment, assignments), (PlanningEntry, planning), (YearlyRating, ratings)):
        bulk_create_with_history(rows, model, batch_size=BATCH, default_change_reason=CHANGE_REASON)
    return CadreCounts(len(cadres), len(assignments), len(planning), len(ratings), len(problems))


def _predecessors(tree: DemoTree) -> dict[int, list[Unit]]:
    """Old units each current unit continues (commune centres continue district centres)."""
    found: dict[int, list[Unit]] = {}
    current = Unit.objects.filter(pk__in=[u.pk for u in tree.current]).prefetch_related("predecessors")
    for unit in current.order_by("path"):
        found[unit.pk] = sorted(unit.predecessors.all(), key=lambda u: u.path)
    return found


def _problem_rows(rnd: random.Random, n: int) -> dict[int, str]:
    """A few records with the flaws a real registry has, for the UI to surface: no birth date, no
    citizen ID, a theory level without proof, a title written so that it needed fixing."""
    kinds = ("birth_date", "citizen_id", "theory_proof", "title")
    each = max(1, round(n * 0.004)) if n >= 50 else 0
    chosen = rnd.sample(range(n), min(n, each * len(kinds)))
    return {row: kinds[k % len(kinds)] for k, row in enumerate(chosen)}


def _between(rnd: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rnd.randrange((end - start).days + 1))


def _cadre(
    rnd, tree: DemoTree, i: int, person: dict, unit: Unit, as_of: dt.date, problem: str | None
) -> Cadre:
    birth: dt.date = person["birth"]
    party = VOCABULARIES["party_status"].get(person["party_status"], "")
    admitted = official = None
    if party == "chinh_thuc":
        admitted = _between(
            rnd, _years_after(birth, 18), min(_years_after(birth, 40), as_of - dt.timedelta(400))
        )
        official = admitted + dt.timedelta(days=365)
    elif party == "du_bi":
        admitted = as_of - dt.timedelta(days=rnd.randrange(30, 330))
    theory = VOCABULARIES["theory_level"].get(person["theory_level"], "")
    proof = number = issuer = ""
    issued = None
    if theory:
        proof, number, issuer, issued = _theory_proof(rnd, tree, theory, birth)
    extra = {}
    if problem:
        extra[DATA_NOTE] = {
            "birth_date": "Hồ sơ gốc không ghi ngày sinh, cần bổ sung.",
            "citizen_id": "Chưa có số CCCD trong hồ sơ.",
            "theory_proof": "Khai trình độ LLCT nhưng chưa nộp văn bằng.",
            "title": "Chức vụ ghi trong tệp cũ sai chính tả, đã đối chiếu danh mục.",
        }[problem]
    cadre = Cadre(
        code=f"HS{i + 1:06d}",
        full_name=person["full_name"],
        citizen_id=None if problem == "citizen_id" else person["citizen_id"],
        birth_date=None if problem == "birth_date" else birth,
        sex="nu" if person["female"] else "nam",
        ethnicity=person["ethnicity"],
        unit=unit,
        party_status=party,
        party_admitted_on=admitted,
        party_official_on=official,
        education=VOCABULARIES["education"][person["education"]],
        theory_level=theory,
        theory_proof="" if problem == "theory_proof" else proof,
        theory_document_number="" if problem == "theory_proof" else number,
        theory_issuer="" if problem == "theory_proof" else issuer,
        theory_issued_on=None if problem == "theory_proof" else issued,
        grade=person["grade"],
        grade_since=person["grade_since"],
        lecturer_since=person["lecturer_since"],
        extra=extra,
    )
    return cadre_prepare(cadre)


def _years_after(day: dt.date, years: int) -> dt.date:
    return day + dt.timedelta(days=round(years * 365.25))


def _theory_proof(rnd, tree: DemoTree, theory: str, birth: dt.date) -> tuple[str, str, str, dt.date]:
    """A diploma from the institution that trains at the level, or — for some older cadres — an
    equivalence certificate issued before EQUIVALENCE_CERTIFICATES_END (Kết luận 09-KL/TW)."""
    end = EQUIVALENCE_CERTIFICATES_END - dt.timedelta(days=1)
    if theory in ("trung_cap", "cao_cap") and birth.year < 1976 and rnd.random() < 0.2:
        issued = _between(rnd, dt.date(2008, 1, 1), end)
        return (
            TheoryProof.EQUIVALENCE,
            f"{rnd.randrange(10, 999)}-GXN/BTCTU",
            f"Ban Tổ chức Tỉnh ủy {PROVINCE_NAME}",
            issued,
        )
    issuer = {
        "so_cap": rnd.choice(tree.district_centres).name,
        "trung_cap": rnd.choice(tree.old_schools).name,
        "cao_cap": rnd.choice(tree.academies[1:]).name,
        "cu_nhan": tree.academies[0].name,
    }[theory]
    prefix = {"so_cap": "SC", "trung_cap": "TC", "cao_cap": "CC", "cu_nhan": "CN"}[theory]
    issued = _between(rnd, max(_years_after(birth, 24), dt.date(1995, 1, 1)), dt.date(2025, 6, 30))
    return TheoryProof.DIPLOMA, f"{prefix} {rnd.randrange(1, 999_999):06d}", issuer, issued


def _assignments(rnd, tree, catalogue: _Posts, posts, predecessors, cadre, unit, post, as_of):
    """The current assignment, and for most a past one in an old unit (some an earlier one too)."""
    start = unit.valid_from or dt.date(2020, 1, 1)
    out = []
    older = predecessors.get(unit.pk) or []
    if older and rnd.random() < 0.65:
        old = rnd.choice(older)
        old_leaders, _ = catalogue.of(old)
        rank = catalogue.posts[post].post.rank
        lower = [i for i in old_leaders if catalogue.posts[i].post.rank <= rank]
        leads = catalogue.posts[post].seniority >= LEADER
        old_post = rnd.choice(lower[:3]) if leads and lower else catalogue.staff(rnd, old)
        since = _between(rnd, dt.date(2012, 1, 1), dt.date(2021, 12, 31))
        out.append(_assignment(rnd, catalogue, posts, cadre, old, old_post, since, old.valid_to))
        if rnd.random() < 0.2:
            district = rnd.choice(tree.old_district_units)
            earlier_since = _between(rnd, dt.date(2003, 1, 1), since - dt.timedelta(days=400))
            earlier_post = catalogue.staff(rnd, district)
            out.append(
                _assignment(
                    rnd,
                    catalogue,
                    posts,
                    cadre,
                    district,
                    earlier_post,
                    earlier_since,
                    since - dt.timedelta(1),
                )
            )
        current_since = old.valid_to + dt.timedelta(days=1)
    else:
        current_since = _between(rnd, start, as_of - dt.timedelta(days=30))
    out.append(_assignment(rnd, catalogue, posts, cadre, unit, post, max(start, current_since), None))
    return out


def _assignment(rnd, catalogue: _Posts, posts, cadre, unit, post, since, until) -> Assignment:
    return Assignment(
        cadre=cadre,
        post=posts[catalogue.posts[post].post.code],
        unit=unit,
        title_as_written=catalogue.written(rnd, post),
        valid_from=since,
        valid_to=until,
    )


def _planning(rnd, catalogue: _Posts, posts, cadre, unit, post, i) -> list[PlanningEntry]:
    """A planning for one of the next leading posts of the unit (term 2025–2030, from the congress)."""
    leaders, _ = catalogue.of(unit)
    rank = catalogue.posts[post].post.rank
    higher = sorted(
        (j for j in leaders if catalogue.posts[j].post.rank > rank),
        key=lambda j: catalogue.posts[j].post.rank,
    )
    if not higher:
        return []
    planned = rnd.choice(higher[:3])
    suffix = "QĐ/ĐU" if unit.tier == "xa" else "QĐ/TU"
    return [
        PlanningEntry(
            cadre=cadre,
            post=posts[catalogue.posts[planned].post.code],
            title_as_written=catalogue.posts[planned].distinct_title,
            term="2025-2030",
            valid_from=dt.date(2025, 10, 20),
            decision_number=f"{100 + i % 900}-{suffix}",
        )
    ]


def _ratings(cadre: Cadre, person: dict, as_of: dt.date, rnd: random.Random) -> list[YearlyRating]:
    """Ratings of the last three years: the roster's two, and the year before them like one of them."""
    keys = VOCABULARIES["rating"]
    last, before = keys[person["rating_last"]], keys[person["rating_before_last"]]
    earliest = rnd.choice([last, before])
    years = (as_of.year - 1, as_of.year - 2, as_of.year - 3)
    return [
        YearlyRating(cadre=cadre, year=year, rating=rating)
        for year, rating in zip(years, (last, before, earliest), strict=True)
    ]
