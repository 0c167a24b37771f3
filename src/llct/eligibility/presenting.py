"""Decisions and version files in the shape the pages, the export and the API show them, so the three
say the same thing."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from llct.eligibility.choices import Level, StudyMode
from llct.eligibility.models import ProvincialRegulation, RegulationVersion
from llct.registry.choices import UnitKind
from llct.regulations import Citation, Decision, RegulationDataError
from llct.regulations.checks import cite
from llct.regulations.overlays import OverlaySpec
from llct.regulations.schema import VersionSpec, parse

CONFIDENCE_LABELS = {
    "T": _("[T] đọc trong văn bản"),
    "S": _("[S] theo bản tóm tắt chính thức"),
    "I": _("[I] suy luận, có thể sửa"),
    "?": _("[?] chưa rõ, chờ cấp có thẩm quyền"),
}


def level_label(level: str) -> str:
    return str(Level(level).label)


def modes_label(modes) -> str:
    return ", ".join(str(StudyMode(m).label) for m in modes)


def institution_label(kind: str | None) -> str:
    return str(UnitKind(kind).label) if kind in UnitKind.values else (kind or "")


def citation_view(citation: Citation) -> dict:
    """A citation's parts (document, chapter, article, clause, sub-clause — tiết — and point, "?" where the
    text is not known) and its text ("Điều 5, khoản 1, tiết 1.1, điểm a, QĐ 57-QĐ/TW")."""
    return {
        "document": citation.document,
        "chapter": citation.chapter,
        "article": citation.article,
        "clause": citation.clause,
        "subclause": citation.subclause,
        "point": citation.point,
        "text": str(citation),
    }


def reason_rows(decision: Decision) -> list[dict]:
    """Every reason of a decision: condition, met, value read, threshold, citation, assumption, whether it
    is part of the short explanation (`shown`, the reasons column of the list and its export) and the
    sentence."""
    return [
        {
            "condition": r.condition,
            "met": r.met,
            "value": r.value,
            "threshold": r.threshold,
            "citation": citation_view(r.citation),
            "assumption": r.assumption,
            "shown": r.shown,
            "item": r.item,
            "text": r.text,
        }
        for r in decision.reasons
    ]


@dataclass(frozen=True)
class DecisionView:
    level: str
    level_label: str
    eligible: bool
    offered: bool
    judged: bool
    modes: tuple[str, ...]
    modes_label: str
    regulation: str
    institution: str | None
    institution_label: str
    reasons: list[dict]
    summary: str
    assumed: bool


def decision_view(decision: Decision) -> DecisionView:
    return DecisionView(
        level=decision.level,
        level_label=level_label(decision.level),
        eligible=decision.eligible,
        offered=decision.offered,
        judged=decision.judged,
        modes=tuple(decision.modes),
        modes_label=modes_label(decision.modes),
        regulation=decision.regulation,
        institution=decision.institution,
        institution_label=institution_label(decision.institution),
        reasons=reason_rows(decision),
        summary=decision.summary,
        assumed=decision.assumed,
    )


def version_items(version: RegulationVersion) -> dict:
    """The levels of a stored version and every item with its citation and confidence, or the loader's
    message when the stored text does not load."""
    return _items(VersionSpec, version.text, version.number)


def overlay_items(regulation: ProvincialRegulation) -> dict:
    """The same for a province's implementing regulation: what it adds to each level."""
    return _items(OverlaySpec, regulation.text, regulation.number)


def _items(model, text: str, name: str) -> dict:
    try:
        spec = parse(model, text, name)
    except RegulationDataError as exc:
        return {"error": str(exc), "levels": []}
    levels = []
    for key, level in spec.levels.items():
        items = []

        def add(kind: str, label: str, item, _items=items) -> None:
            _items.append(
                {
                    "kind": kind,
                    "label": label,
                    "citation": str(cite(item.citation, spec.document)),
                    "confidence": item.confidence,
                    "confidence_label": CONFIDENCE_LABELS[item.confidence],
                    "assumption": getattr(item, "assumption", False),
                    "note": item.note,
                }
            )

        for group in level.subjects:
            add("Đối tượng", group.label, group)
        for exclusion in level.exclusions:
            add("Loại trừ", exclusion.label, exclusion)
        for standard in level.standards:
            add("Tiêu chuẩn", standard.id, standard)
        if level.modes is not None:
            ages = level.modes.part_time_min_age
            label = (
                f"Không tập trung: nữ từ {ages['nu']} tuổi, nam từ {ages['nam']} tuổi"
                if ages
                else modes_label(level.modes.modes)
            )
            add("Hình thức học", label, level.modes)
        if level.institution is not None:
            add("Cơ sở đào tạo", institution_label(level.institution.kind), level.institution)
        levels.append(
            {
                "level": key,
                "label": level_label(key),
                "offered": getattr(level, "offered", True),
                "citation": str(cite(level.citation, spec.document)),
                "confidence": level.confidence,
                "note": level.note,
                "items": items,
            }
        )
    return {
        "error": "",
        "levels": levels,
        "from_confidence": CONFIDENCE_LABELS[spec.from_confidence],
        "to_confidence": CONFIDENCE_LABELS[spec.to_confidence] if spec.to_confidence else "",
        "note": spec.note,
    }
