"""Provincial implementing regulations (REGULATIONS.md §8): a province's own dated file on top of the
national version it implements — extra subject groups and exclusions, stricter standards and study modes,
its own allocation — each item cited in the province's document. A decision for that province's cadres
applies both, cites each item in its own document, and says which document decided.

The overlay never loosens the national rules: it adds groups (a person is a subject under either), adds
standards (both must hold), may raise the part-time ages, and may name another institution kind.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from pydantic import Field

from .checks import level_items
from .model import LEVEL_LABELS, Citation, Decision, Reason
from .schema import (
    CitationSpec,
    Confidence,
    DatedDocument,
    ExclusionSpec,
    InstitutionSpec,
    Level,
    LevelSpec,
    ModesSpec,
    Standard,
    SubjectGroup,
    VersionSpec,
    _Strict,
)

if TYPE_CHECKING:
    from .schema import _Item


class OverlayLevelSpec(_Strict):
    """What the province adds to one level of the national version."""

    citation: CitationSpec
    confidence: Confidence
    note: str = ""
    subjects: list[SubjectGroup] = []
    exclusions: list[ExclusionSpec] = []
    standards: list[Standard] = []
    modes: ModesSpec | None = None
    institution: InstitutionSpec | None = None


class OverlaySpec(DatedDocument):
    """A province's implementing regulation. `province` is the province's unit code; `base` the number of
    the national version it implements, whose dates must contain its own."""

    example: bool = False  # shipped as an example, not a real document
    province: str = Field(min_length=1)
    province_name: str
    base: str
    levels: dict[Level, OverlayLevelSpec]


def _own(item: _Item, document: str) -> _Item:
    """The item with its citation's document filled in: an overlay's items cite the overlay's document."""
    citation = item.citation.model_copy(update={"document": item.citation.document or document})
    return item.model_copy(update={"citation": citation})


def merged_level(version: VersionSpec, overlay: OverlaySpec | None, level: str) -> LevelSpec | None:
    """The national level with the province's additions (its items citing its document), or the national
    level alone when the overlay says nothing about it."""
    spec = version.levels.get(level)
    extra = overlay.levels.get(level) if overlay else None
    if spec is None or extra is None or not spec.offered:
        return spec
    assert overlay is not None
    doc = overlay.document
    return spec.model_copy(
        update={
            "subjects": [*spec.subjects, *(_own(g, doc) for g in extra.subjects)],
            "exclusions": [*spec.exclusions, *(_own(x, doc) for x in extra.exclusions)],
            "standards": [*spec.standards, *(_own(s, doc) for s in extra.standards)],
            "modes": _own(extra.modes, doc) if extra.modes else spec.modes,
            "institution": _own(extra.institution, doc) if extra.institution else spec.institution,
        }
    )


def both_text(version: VersionSpec, overlay: OverlaySpec, deciding: str) -> str:
    """The sentence said when both apply: which documents, and which one decided."""
    return (
        f"Áp dụng đồng thời {version.document} và {overlay.document} ({overlay.province_name}); "
        f"căn cứ quyết định: {deciding}"
    )


def with_overlay(decision: Decision, version: VersionSpec, overlay: OverlaySpec) -> Decision:
    """`decision` with the reason that names both documents and the one that decided."""
    deciding = decision.deciding.citation.document
    reason = Reason(
        "regulations", True, deciding, overlay.number, Citation(overlay.document), False,
        both_text(version, overlay, deciding), item="overlay",
    )  # fmt: skip
    return dataclasses.replace(decision, reasons=(*decision.reasons, reason), overlay=overlay.number)


def overlay_problems(overlay: OverlaySpec, versions: Mapping[str, VersionSpec], source: str) -> list[str]:
    """What makes an overlay unusable on top of its national version (the catalogue and citations are
    checked as for national files): an unknown base, dates outside the base's, a level the base does not
    offer, an item id the base already uses, study modes looser than the base's."""
    base = versions.get(overlay.base)
    if base is None:
        return [f"{source}: base: không có phiên bản quy định quốc gia số hiệu «{overlay.base}»"]
    problems = []
    if overlay.in_force_from < base.in_force_from or (
        base.in_force_to is not None
        and (overlay.in_force_to is None or overlay.in_force_to > base.in_force_to)
    ):
        until = f"{base.in_force_to:%d/%m/%Y}" if base.in_force_to else "nay"
        problems.append(
            f"{source}: in_force_from, in_force_to: thời gian hiệu lực nằm ngoài thời gian hiệu lực của "
            f"{base.document} ({base.in_force_from:%d/%m/%Y} – {until})"
        )
    for level, extra in overlay.levels.items():
        spec = base.levels.get(level)
        if spec is None or not spec.offered:
            problems.append(
                f"{source}: levels → {level}: {base.document} không mở bậc {LEVEL_LABELS[level]}, "
                "nên quy định của tỉnh cho bậc này không xét được"
            )
            continue
        used = {getattr(item, "id", None) for _, _, item in level_items({level: spec})} - {None}
        for _, where, item in level_items({level: extra}):
            if getattr(item, "id", None) in used:
                problems.append(f"{source}: {where}: mã «{item.id}» đã dùng trong {base.document}")
        problems += _looser_modes(extra.modes, spec.modes, base.document, f"{source}: levels → {level}")
    return problems


def _looser_modes(
    extra: ModesSpec | None, national: ModesSpec | None, document: str, where: str
) -> list[str]:
    if extra is None or national is None:
        return []
    problems = [
        f"{where} → modes → modes: hình thức «{mode}» không có trong {document} (quy định của tỉnh chỉ "
        "được chặt hơn)"
        for mode in extra.modes
        if mode not in national.modes
    ]
    if national.part_time_min_age is not None:
        if extra.part_time_min_age is None:
            problems.append(
                f"{where} → modes → part_time_min_age: {document} đặt tuổi học không tập trung; quy định "
                "của tỉnh không được bỏ"
            )
        else:
            problems += [
                f"{where} → modes → part_time_min_age → {sex}: {extra.part_time_min_age[sex]} thấp hơn "
                f"{age} của {document} (quy định của tỉnh chỉ được chặt hơn)"
                for sex, age in national.part_time_min_age.items()
                if extra.part_time_min_age[sex] < age
            ]
    return problems


def overlapping(overlays: Sequence[OverlaySpec], sources: Mapping[str, str]) -> list[str]:
    """Overlays of one province whose dates overlap."""
    problems = []
    by_province: dict[str, list[OverlaySpec]] = {}
    for overlay in overlays:
        by_province.setdefault(overlay.province, []).append(overlay)
    for province in by_province.values():
        ordered = sorted(province, key=lambda o: o.in_force_from)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.in_force_to is None or earlier.in_force_to >= later.in_force_from:
                first, second = (sources.get(o.number, o.number) for o in (earlier, later))
                until = earlier.in_force_to or "không có ngày hết hiệu lực"
                since = later.in_force_from
                problems.append(f"{first} và {second}: thời gian hiệu lực chồng lên nhau ({until} ≥ {since})")
    return problems
