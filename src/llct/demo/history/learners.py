"""Who studied in each class of the history, sent by which unit, and how the course went for them.

Each class draws on the people who worked in its area on the day they were sent (their assignment then,
so the sending unit is the unit as it was: an old commune, a district board, a department of the old
province). The theory a cadre holds today says what they completed: sơ cấp learners are cadres who hold
sơ cấp with a diploma, trung cấp and cao cấp learners hold that level — each ready on a day spread over
the years of the history, taken by the first class of their area after it — with a few who did not
finish; the refresher courses take whoever fits the programme (not yet a Party member, admitted within
the year, a member, anyone).

Trung cấp and cao cấp learners are nominated: the rules engine decides on the nomination day with the
cadre's record as it was that day (`eligibility.decide_on`), and only an eligible cadre, for the mode of
the class, is sent; some eligible nominations are rejected or withdrawn (`plans.nominate`).
"""

from __future__ import annotations

import datetime as dt

from llct.registry.choices import TheoryLevel, TheoryProof, UnitKind
from llct.training.choices import ProgrammeOutput
from llct.training.services.eligibility import decision_json

from .context import Course, History, Seat
from .eligibility import decide_on
from .people import Person
from .plans import nominate

# Commune posts sơ cấp leaves out (QĐ 57-QĐ/TW Điều 4 khoản 1 điểm b).
SO_CAP_EXCLUDED_POSTS = {"xa_ca_truong", "xa_chqs_chi_huy_truong"}
COMMUNE_CENTRE_MIN = 25  # QĐ 1147: a class opens with at least 25 learners
COMMUNE_CENTRE_TARGET_MIN = 28  # the history keeps a margin over it, withdrawals included
DISTRICT_MIN = 8
NOMINATION_LEAD = dt.timedelta(days=50)  # a trung cấp or cao cấp learner is nominated up to 50 days ahead
LEVEL_BELOW = {"trung_cap": ("", TheoryLevel.SO_CAP), "cao_cap": (TheoryLevel.TRUNG_CAP,)}
FAILING = ("absent", "not_complete", "withdraw")


def seat_learners(history: History) -> None:
    """Seat the learners of every class of the timetable, in order of opening; a class whose pool is too
    small for it is dropped from the timetable (its learners wait for the next one)."""
    _due_dates(history)
    kept = []
    for course in history.courses:
        if course.level in LEVEL_BELOW:
            _nominated(history, course)
        elif course.programme.code == "so_cap":
            _so_cap(history, course)
        else:
            _refresher(history, course)
        if course.seats:
            kept.append(course)
    history.courses = kept


def _due_dates(history: History) -> None:
    """When each cadre who holds a level with a diploma became ready to study it: a day spread evenly over
    the years the history has classes of the level (from before the first, so that the first has its
    part); the first class of their area after that day takes them."""
    starts: dict[str, list[dt.date]] = {}
    for course in history.courses:
        if course.level and course.finished_by(history.as_of):
            starts.setdefault(course.level, []).append(course.starts_on - NOMINATION_LEAD)
    for person in history.province.people:
        level = person.cadre.theory_level
        if level in starts and person.cadre.theory_proof == TheoryProof.DIPLOMA:
            first, last = min(starts[level]), max(starts[level])
            interval = (last - first) / max(1, len(starts[level]) - 1)
            person.due = history.between(first - 1.5 * interval, last)


def _pool(history: History, course: Course, day: dt.date) -> list[tuple[Person, int]]:
    """People working in the class's area on `day` (with that unit), free for the class's dates."""
    province = history.province
    found = []
    for person in province.people_in(course.areas):
        unit = person.unit_on(day)
        if province.within(unit, course.areas) and person.free(course.starts_on, course.ends_on):
            found.append((person, unit))
    return found


def _seat(history: History, course: Course, person: Person, unit_id: int, fate: str, **kw) -> Seat:
    seat = Seat(person, history.province.units[unit_id], fate, **kw)
    person.book(course.starts_on, course.ends_on, course.programme.code)
    course.seats.append(seat)
    return seat


def _running(history: History, course: Course) -> bool:
    return not course.finished_by(history.as_of)


def _so_cap(history: History, course: Course) -> None:
    province = history.province
    pool = [
        (p, u)
        for p, u in _pool(history, course, course.starts_on)
        if "so_cap" not in p.studied
        and not any(province.posts[pk].code in SO_CAP_EXCLUDED_POSTS for pk in p.posts_on(course.starts_on))
    ]
    holders = [
        (p, u)
        for p, u in pool
        if _due(p, TheoryLevel.SO_CAP, course.starts_on)
        or (course.violations and _holds(p, TheoryLevel.SO_CAP))
    ]
    others = [(p, u) for p, u in pool if not p.cadre.theory_level]
    wanted = min(course.target, len(holders))
    if wanted + round(wanted * 0.08) < DISTRICT_MIN and not course.violations:
        return
    for person, unit in history.rng.sample(holders, wanted):
        _seat(history, course, person, unit, "running" if _running(history, course) else "complete")
    for person, unit in history.rng.sample(others, min(len(others), round(wanted * 0.08))):
        _seat(history, course, person, unit, "running" if _running(history, course) else _failing(history))


def _holds(person: Person, level: str) -> bool:
    """Whether `person` holds `level` with a diploma (ready on some day of the history)."""
    return person.cadre.theory_level == level and person.due is not None


def _due(person: Person, level: str, day: dt.date) -> bool:
    """Whether `person` holds `level` with a diploma and was ready to study it by `day`."""
    return person.cadre.theory_level == level and person.due is not None and person.due <= day


def _failing(history: History) -> str:
    return history.rng.choice(FAILING)


def _refresher(history: History, course: Course) -> None:
    code, start = course.programme.code, course.starts_on
    pool = _pool(history, course, start)
    if course.programme.output != ProgrammeOutput.DECISION_ONLY:  # a certificate is issued once per person
        pool = [(p, u) for p, u in pool if code not in p.studied]
    if code == "nhan_thuc_ve_dang":  # admission candidates: not yet members, first those admitted soon
        later = start + dt.timedelta(days=730)
        soon = [(p, u) for p, u in pool if not p.party_on(start) and p.party_on(later)]
        never = [(p, u) for p, u in pool if not p.party_on(start) and not p.party_on(later)]
        pool = soon + history.rng.sample(
            never, min(len(never), max(len(soon) // 3, course.target - len(soon)))
        )
    elif code == "dang_vien_moi":  # admitted within the last twelve months
        pool = [
            (p, u) for p, u in pool if p.party_on(start) and p.party_on(start - dt.timedelta(days=365)) == ""
        ]
    elif code == "ky_nang":
        pool = [(p, u) for p, u in pool if p.party_on(start)]
    commune = course.institution.kind == UnitKind.COMMUNE_CENTRE
    wanted = min(course.target, len(pool))
    least = COMMUNE_CENTRE_TARGET_MIN if commune else DISTRICT_MIN
    if wanted < least and not course.violations:
        return
    chosen = history.rng.sample(pool, min(wanted, len(pool)))
    withdrawn = 0
    for person, unit in chosen:
        fate = "running" if _running(history, course) else "complete"
        if fate == "complete" and history.rng.random() < 0.06:
            fate = _failing(history)
            if fate == "withdraw" and commune and len(chosen) - withdrawn - 1 <= COMMUNE_CENTRE_MIN:
                fate = "complete"
            withdrawn += fate == "withdraw"
        _seat(history, course, person, unit, fate)


def _nominated(history: History, course: Course) -> None:
    """Nominate and seat the learners of a trung cấp or cao cấp class."""
    rng, level = history.rng, course.level
    on = course.starts_on - dt.timedelta(days=rng.randint(30, NOMINATION_LEAD.days))
    pool = [(p, u) for p, u in _pool(history, course, on) if level not in p.studied]
    below = [(p, u) for p, u in pool if p.cadre.theory_level in LEVEL_BELOW[level]]
    rng.shuffle(below)
    if _running(history, course):  # learners still studying hold the level below
        _send(history, course, below, course.target, on, "running")
        return
    # A planted class (a fault for the inspection) takes whoever fits, ready or not.
    holders = [(p, u) for p, u in pool if _due(p, level, on) or (course.violations and _holds(p, level))]
    rng.shuffle(holders)
    seated = _send(history, course, holders, course.target, on, "complete")
    extra = max(1, round(seated * 0.06)) if seated else 0
    _send(history, course, below, extra, on, None)
    _send(history, course, below, max(1, round(seated * 0.1)) if seated else 0, on, "turned_down")


def _send(history: History, course: Course, pool: list, wanted: int, on: dt.date, fate: str | None) -> int:
    """Nominate the first `wanted` cadres of `pool` the rules find eligible for the class's mode; seat
    them with `fate` ("running" for a class still going; a failing fate drawn when None), or when `fate`
    is "turned_down", leave the nomination rejected or withdrawn before the class."""
    sent = 0
    level = course.level
    while pool and sent < wanted:
        person, unit = pool.pop()
        if level in person.studied or not person.free(course.starts_on, course.ends_on):
            continue
        before = (
            TheoryLevel.TRUNG_CAP if level == "cao_cap" else ("so_cap" if "so_cap" in person.studied else "")
        )
        decision = decide_on(history.book, history.province, person, level, on, before)
        if not decision.eligible or course.mode not in decision.modes:
            continue
        sent += 1
        sending_unit = history.province.units[unit]
        if fate == "turned_down":
            nominate(history, course, person, sending_unit, on, decision_json(decision), None)
            continue
        seat_fate = fate or _failing(history)
        nomination = nominate(history, course, person, sending_unit, on, decision_json(decision), seat_fate)
        _seat(history, course, person, unit, seat_fate, nomination=nomination, level_before=before)
    return sent
