"""The scalar path: one person, one level, one date → a Decision that lists every condition."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .checks import cite
from .conditions import (
    STANDARD_LABELS,
    excluded_value,
    open_modes,
    posts_described,
    standard_check,
    subject_value,
)
from .model import LEVEL_LABELS, THEORY_ORDER, Citation, Decision, Profile, Reason
from .overlays import with_overlay
from .texts import (
    ASSUMED,
    INSTITUTION_LABELS,
    MET,
    MISSING_BIRTH_DATE,
    MISSING_SEX,
    THEORY_LABELS,
    UNJUDGED,
)

if TYPE_CHECKING:
    from .overlays import OverlaySpec
    from .rulebook import Rulebook
    from .schema import EndedInstitution, LevelSpec, VersionSpec


def not_offered_text(level: str) -> str:
    return f"Bậc {LEVEL_LABELS[level]} không mở theo quy định đang áp dụng"


def already_holds_text(theory_level: str, level: str) -> str:
    return (
        f"Đã có trình độ LLCT {THEORY_LABELS[theory_level]} (từ {LEVEL_LABELS[level]} trở lên): "
        "không cần cử đi học"
    )


def _sentence(text: str, citation: Citation, assumption: bool) -> str:
    return f"{ASSUMED if assumption else ''}{text} — {citation}"


def decide(
    book: Rulebook,
    profile: Profile,
    level: str,
    on: dt.date,
    age_on: dt.date | None = None,
    province: str | None = None,
) -> Decision:
    """Order of the rules: the level must be offered by the version in force (QĐ 350: no sơ cấp); a person
    already holding the level or a higher one is not sent again; a person who cannot be judged (no birth
    date or sex, unknown title …) is not guessed about; then exclusions, subject groups, standards and
    study modes. Age is counted on `age_on` (default: the decision date `on`; REGULATIONS.md §3.2 [I]),
    everything else on `on`. For a cadre of `province`, its implementing regulation in force applies with
    the national version (overlays.py): the decision cites both and says which decided."""
    version = book.version_on(on)
    overlay = book.overlay_on(province, on) if version else None
    decision = _decide(book, version, overlay, profile, level, on, age_on)
    if overlay is None or not decision.offered or level not in overlay.levels:
        return decision
    assert version is not None
    return with_overlay(decision, version, overlay)


def _decide(
    book: Rulebook,
    version: VersionSpec | None,
    overlay: OverlaySpec | None,
    profile: Profile,
    level: str,
    on: dt.date,
    age_on: dt.date | None,
) -> Decision:
    if version is None:
        reason = Reason(
            "no_version",
            False,
            on.isoformat(),
            "",
            Citation(""),
            False,
            f"Không có quy định nào có hiệu lực ngày {on:%d/%m/%Y}",
        )
        return Decision(level, on, False, (), "", None, (reason,), offered=False, judged=False)
    spec = book.level_spec(version, overlay, level)
    if spec is None or not spec.offered:
        citation = cite(spec.citation, version.document) if spec else Citation(version.document)
        reason = Reason(
            "offered",
            False,
            LEVEL_LABELS[level],
            "",
            citation,
            False,
            _sentence(not_offered_text(level), citation, False),
        )
        return Decision(level, on, False, (), version.number, None, (reason,), offered=False)
    level_cite = cite(spec.citation, version.document)
    institution, ended = competent(book, spec, on)
    held = profile.theory_level or ""
    if THEORY_ORDER.index(held) >= THEORY_ORDER.index(level):
        reason = Reason(
            "already_holds",
            False,
            THEORY_LABELS[held],
            LEVEL_LABELS[level],
            level_cite,
            False,
            _sentence(already_holds_text(held, level), level_cite, False),
        )
        return Decision(level, on, False, (), version.number, institution, (reason,))
    problems = [
        *([MISSING_BIRTH_DATE] if profile.birth_date is None else []),
        *([MISSING_SEX] if profile.sex not in ("nam", "nu") else []),
        *profile.unjudgeable,
    ]
    if problems:
        value = "; ".join(problems)
        reason = Reason(
            "judgeable", False, value, "", level_cite, False, _sentence(UNJUDGED + value, level_cite, False)
        )
        return Decision(level, on, False, (), version.number, institution, (reason,), judged=False)

    reasons: list[Reason] = []
    cat = book.catalogue
    subject = None
    for exclusion in spec.exclusions:
        value = excluded_value(exclusion, profile, cat.titles)
        if value is not None:
            c = cite(exclusion.citation, version.document)
            text = excluded_text(level, exclusion.label, value)
            subject = Reason(
                "subject",
                False,
                value,
                exclusion.label,
                c,
                False,
                _sentence(text, c, False),
                item=exclusion.id,
            )
            break
    for group in spec.subjects if subject is None else ():
        value = subject_value(group, profile, on, cat.titles, cat.grade_titles)
        if value is not None:
            c = cite(group.citation, version.document)
            assumed = group.assumption or group.confidence == "?"
            text = f"Thuộc đối tượng {LEVEL_LABELS[level]}: {group.label} ({value})"
            subject = Reason(
                "subject", True, value, group.label, c, assumed, _sentence(text, c, assumed), item=group.id
            )
            break
    if subject is None:
        value = posts_described(
            [cat.titles.get(p.code, p.code) for p in profile.held],
            [cat.titles.get(p.code, p.code) for p in profile.planned],
        )
        subject = not_subject_reason(spec, level, value, level_cite)
    reasons.append(subject)
    eligible = subject.met
    for standard in spec.standards:
        met, value, threshold = standard_check(standard, profile, on)
        c = cite(standard.citation, version.document)
        assumed = standard.assumption or standard.confidence == "?"
        text = f"{STANDARD_LABELS[standard.kind]}: {value}, yêu cầu {threshold}: {MET[met]}"
        reasons.append(
            Reason(
                standard.kind,
                met,
                value,
                threshold,
                c,
                assumed,
                _sentence(text, c, assumed),
                shown=not met or assumed,
                item=standard.id,
            )
        )
        eligible = eligible and met
    assert spec.modes is not None
    modes, age, limit, text = open_modes(spec.modes, profile, on, age_on)
    c = cite(spec.modes.citation, version.document)
    assumed = spec.modes.assumption or spec.modes.confidence == "?"
    reasons.append(
        Reason(
            "modes",
            "khong_tap_trung" in modes,
            age,
            limit,
            c,
            assumed,
            _sentence(text, c, assumed),
            shown=eligible,
            item="modes",
        )
    )
    if ended is not None:
        assert spec.institution is not None
        c = cite(ended.citation, version.document)
        text = institution_ended_text(spec.institution.kind, ended)
        value = INSTITUTION_LABELS[spec.institution.kind]
        sentence = _sentence(text, c, False)
        reasons.append(Reason("institution", False, value, "", c, False, sentence, eligible, "institution"))
    return Decision(
        level, on, eligible, modes if eligible else (), version.number, institution, tuple(reasons)
    )


def competent(book: Rulebook, spec: LevelSpec, on: dt.date) -> tuple[str | None, EndedInstitution | None]:
    """The institution kind the level is allocated to on `on`, or None with the record of its end when it
    had ceased by then (the district political centre from 01/07/2025, REGULATIONS.md §8)."""
    kind = spec.institution.kind if spec.institution else None
    ended = book.allocation.ended(kind, on) if kind else None
    return (None, ended) if ended else (kind, None)


def institution_ended_text(kind: str, ended: EndedInstitution) -> str:
    return (
        f"{INSTITUTION_LABELS[kind]} không còn từ {ended.ended_on:%d/%m/%Y} ({ended.reason}): "
        "chưa xác định được cơ sở đào tạo có thẩm quyền"
    )


def excluded_text(level: str, label: str, value: str) -> str:
    return f"Không thuộc đối tượng {LEVEL_LABELS[level]}: {label} ({value})"


def open_groups(spec: object) -> list[str]:
    """Labels of the subject groups the regulation leaves open ([?]): their absence is not a finding."""
    return [g.label for g in spec.subjects if g.confidence == "?"]  # type: ignore[attr-defined]


def not_subject_text(spec: object, level: str, value: str) -> tuple[str, bool]:
    groups = open_groups(spec)
    suffix = f"; nhóm đối tượng chưa xác định đủ: {', '.join(groups)}" if groups else ""
    return f"Không thuộc đối tượng {LEVEL_LABELS[level]} ({value}){suffix}", bool(groups)


def not_subject_reason(spec: object, level: str, value: str, citation: Citation) -> Reason:
    text, assumed = not_subject_text(spec, level, value)
    return Reason("subject", False, value, "", citation, assumed, _sentence(text, citation, assumed))
