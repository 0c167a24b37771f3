"""The Rulebook: a post catalogue, the dated regulation versions and the allocation (phân cấp), read
from the shipped data files or from rows and texts stored in a database (`Rulebook.from_sources`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from llct.vntext import fold

from .checks import (
    allocation_problems,
    citation_problems,
    cite,
    reference_problems,
    unevaluable_problems,
)
from .citations import DocumentStructure, StructuresSpec
from .decide import decide
from .model import CataloguePost, Citation, Decision, Grade, Profile
from .overlays import OverlaySpec, merged_level, overlapping, overlay_problems
from .schema import (
    AllocationSpec,
    CatalogueSpec,
    EndedInstitution,
    LevelSpec,
    RegulationDataError,
    VersionSpec,
    parse,
)
from .titles import TitleMatcher

if TYPE_CHECKING:
    import polars as pl


class Catalogue:
    """The post catalogue and the grade names: lookups by code and a title matcher."""

    def __init__(self, posts: Iterable[CataloguePost], grades: Iterable[Grade] = ()) -> None:
        self.posts: dict[str, CataloguePost] = {p.code: p for p in posts}
        self.grades: dict[str, Grade] = {g.code: g for g in grades}
        self.titles: dict[str, str] = {code: p.title for code, p in self.posts.items()}
        self.grade_titles: dict[str, str] = {code: g.title for code, g in self.grades.items()}
        self.matcher = TitleMatcher(self.posts.values())
        # Post cells already resolved (frames.resolve_posts): held codes, planned codes, title problems.
        self.resolved: dict[tuple[str | None, ...], tuple[tuple[str, ...], tuple[str, ...], tuple]] = {}
        self._grade_names: dict[str, str] = {}
        for grade in self.grades.values():
            for name in (grade.code, grade.title, *grade.aliases):
                self._grade_names[fold(name)] = grade.code

    def grade_key(self, raw: str | None) -> str | None:
        """The grade a roster's Ngạch cell names ("Chuyên viên chính", "CVC", "chuyen_vien_chinh") or None."""
        return self._grade_names.get(fold(raw)) if raw else None


@dataclass(frozen=True)
class AllocationEntry:
    programme: str
    kinds: frozenset[str]
    modes: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date | None
    citation: Citation
    confidence: str
    note: str


class Allocation:
    """Phân cấp: which institution kinds may run which programme on which date."""

    def __init__(self, spec: AllocationSpec) -> None:
        self.spec = spec
        self.programmes: dict[str, str] = dict(spec.programmes)
        self.entries = tuple(
            AllocationEntry(
                e.programme,
                frozenset(e.kinds),
                tuple(e.modes),
                e.valid_from,
                e.valid_to,
                cite(e.citation, ""),
                e.confidence,
                e.note,
            )
            for e in spec.entries
        )

    def ended(self, kind: str, on: dt.date) -> EndedInstitution | None:
        """The record of `kind` having ceased on or before `on`, if it has."""
        return next((e for e in self.spec.ended if e.kind == kind and e.ended_on <= on), None)

    def entries_for(self, programme: str, on: dt.date) -> list[AllocationEntry]:
        return [
            e
            for e in self.entries
            if e.programme == programme and e.valid_from <= on and (e.valid_to is None or on <= e.valid_to)
        ]


class Rulebook:
    """Everything the rules need. `decide` answers for one person (with every reason), `screen` for a
    whole roster frame (Polars). The version applied is the one in force on the decision date."""

    def __init__(
        self,
        catalogue: Catalogue,
        versions: Sequence[VersionSpec],
        allocation: Allocation,
        sources: Mapping[str, str] | None = None,
        documents: Mapping[str, DocumentStructure] | None = None,
        overlays: Sequence[OverlaySpec] = (),
    ) -> None:
        """`sources` names where each version or overlay (by number) was read from, for error messages;
        `documents` is the structure of the documents cited (default: the shipped data/documents.yaml);
        `overlays` are the provinces' implementing regulations (overlays.py)."""
        self.catalogue = catalogue
        self.versions = tuple(sorted(versions, key=lambda v: v.in_force_from))
        self.allocation = allocation
        self.documents: dict[str, DocumentStructure] = dict(
            documents if documents is not None else shipped_documents()
        )
        for spec in (*self.versions, *overlays):
            self.documents.update(spec.documents)
        self.overlays: dict[str, tuple[OverlaySpec, ...]] = {}
        for overlay in sorted(overlays, key=lambda o: o.in_force_from):
            self.overlays[overlay.province] = (*self.overlays.get(overlay.province, ()), overlay)
        self._merged: dict[tuple[str, str, str], LevelSpec | None] = {}
        sources = sources or {}

        def source(version: VersionSpec | OverlaySpec) -> str:
            name = sources.get(version.number)
            return f"{name} ({version.number})" if name and name != version.number else version.number

        for earlier, later in zip(self.versions, self.versions[1:], strict=False):
            if earlier.in_force_to is None or earlier.in_force_to >= later.in_force_from:
                raise RegulationDataError(
                    f"{source(earlier)} và {source(later)}: thời gian hiệu lực chồng lên nhau "
                    f"({earlier.in_force_to or 'không có ngày hết hiệu lực'} ≥ {later.in_force_from})"
                )
        problems = [
            p
            for version in (*self.versions, *overlays)
            for p in (
                *reference_problems(version.levels, catalogue, source(version)),
                *unevaluable_problems(version.levels, catalogue, source(version)),
                *citation_problems(version.levels, version.document, self.documents, source(version)),
            )
        ]
        national = {v.number: v for v in self.versions}
        for overlay in overlays:
            problems += overlay_problems(overlay, national, source(overlay))
        problems += overlapping(overlays, {o.number: source(o) for o in overlays})
        problems += allocation_problems(allocation.spec, self.documents, "allocation.yaml")
        if problems:
            raise RegulationDataError("\n".join(problems))

    # ── building ──
    @classmethod
    def from_sources(
        cls,
        catalogue_rows: Iterable[Mapping[str, Any]] | str,
        version_texts: Mapping[str, str],
        allocation_text: str | None = None,
        grade_rows: Iterable[Mapping[str, Any]] | None = None,
        catalogue_name: str = "posts.yaml",
        overlay_texts: Mapping[str, str] | None = None,
    ) -> Rulebook:
        """Build from stored copies: catalogue rows (dicts with code, title, aliases, sector, tier, rank,
        note …) or the posts.yaml text; version YAML texts by name (file or stored name, used in error
        messages); the allocation text (default: the shipped one); grade rows (default: the shipped ones);
        the provinces' overlay texts by name (overlays.py).
        Raises RegulationDataError naming the source, the item and the problem."""
        shipped = shipped_texts()
        if isinstance(catalogue_rows, str):
            spec: CatalogueSpec = parse(CatalogueSpec, catalogue_rows, catalogue_name)
        else:
            base: CatalogueSpec = parse(CatalogueSpec, shipped["posts.yaml"], "posts.yaml")
            rows = [{k: v for k, v in dict(r).items() if k in _POST_FIELDS} for r in catalogue_rows]
            for row in rows:
                row.setdefault("confidence", "I")
                row["aliases"] = list(row.get("aliases") or [])
                row["source"] = row.get("source") or ""
                row["note"] = row.get("note") or ""
            grades = (
                [dict(g) for g in grade_rows]
                if grade_rows is not None
                else [g.model_dump() for g in base.grades]
            )
            spec = parse(
                CatalogueSpec,
                yaml.safe_dump({"posts": rows, "grades": grades}, allow_unicode=True),
                catalogue_name,
            )
        catalogue = Catalogue(
            (
                CataloguePost(
                    p.code, p.title, p.sector, p.tier, p.rank, tuple(p.aliases), p.note, p.confidence
                )
                for p in spec.posts
            ),
            (Grade(g.code, g.title, g.level, tuple(g.aliases)) for g in spec.grades),
        )
        parsed = {name: parse(VersionSpec, text, name) for name, text in version_texts.items()}
        allocation = parse(AllocationSpec, allocation_text or shipped["allocation.yaml"], "allocation.yaml")
        sources = {spec.number: name for name, spec in parsed.items()}
        provincial = {name: parse(OverlaySpec, text, name) for name, text in (overlay_texts or {}).items()}
        sources |= {spec.number: name for name, spec in provincial.items()}
        return cls(
            catalogue,
            list(parsed.values()),
            Allocation(allocation),
            sources,
            overlays=list(provincial.values()),
        )

    # ── reading ──
    def version_on(self, on: dt.date) -> VersionSpec | None:
        """The regulation version in force on `on` (QĐ 57 until 2025-08-28, QĐ 350 from 2025-08-29)."""
        for version in self.versions:
            if version.in_force_from <= on and (version.in_force_to is None or on <= version.in_force_to):
                return version
        return None

    def overlay_on(self, province: str | None, on: dt.date) -> OverlaySpec | None:
        """The implementing regulation of `province` (its unit code) in force on `on`, if any."""
        return next((o for o in self.overlays.get(province or "", ()) if o.in_force(on)), None)

    def level_spec(self, version: VersionSpec, overlay: OverlaySpec | None, level: str) -> LevelSpec | None:
        """The level as decided: the national version's, with the province's additions when it has any."""
        key = (version.number, overlay.number if overlay else "", level)
        if key not in self._merged:
            self._merged[key] = merged_level(version, overlay, level)
        return self._merged[key]

    def competent_institution(self, level: str, on: dt.date) -> str | None:
        """The institution kind the version in force allocates `level` to (QĐ 57 Chương III), None when it
        allocates none or the institution had ceased by then (the district centre from 01/07/2025)."""
        version = self.version_on(on)
        spec = version.levels.get(level) if version else None
        kind = spec.institution.kind if spec and spec.offered and spec.institution else None
        return None if kind is None or self.allocation.ended(kind, on) else kind

    def institution_kinds_for(self, programme: str, on: dt.date) -> set[str]:
        """Institution kinds that may run `programme` on `on` (phân cấp: QĐ 57 Chương III, QĐ 208, QĐ 360,
        QĐ 1147 art. 4). Empty when none may."""
        return {kind for entry in self.allocation.entries_for(programme, on) for kind in entry.kinds}

    def allocation_citations(self, programme: str, on: dt.date) -> list[Citation]:
        return [entry.citation for entry in self.allocation.entries_for(programme, on)]

    # ── deciding ──
    def decide(
        self,
        profile: Profile,
        level: str,
        on: dt.date,
        age_on: dt.date | None = None,
        province: str | None = None,
    ) -> Decision:
        """Decision for one person, level and date, with every reason (see decide.py); age is counted on
        `age_on` (default: `on`); `province` (a unit code) applies that province's regulation too."""
        return decide(self, profile, level, on, age_on, province)

    def screen(
        self,
        frame: pl.DataFrame,
        on: dt.date,
        levels: Sequence[str] | None = None,
        *,
        age_on: dt.date | None = None,
        with_status: bool = False,
        province: str | None = None,
    ) -> pl.DataFrame:
        """Screen a canonical roster frame: one row per person and level (so_cap, trung_cap, cao_cap in
        that order) with the columns of roster-format.md "Screening output": code, level, eligible,
        modes, regulation, institution, reasons — and `status` (model.STATUSES) and `assumed` (the
        explanation rests on an assumption: Decision.assumed) when `with_status`.
        Age is counted on `age_on` (default: `on`); every row is a cadre of `province` when given (its
        regulation applies too). Text columns are categorical."""
        from .bulk import screen

        return screen(self, frame, on, levels, age_on=age_on, with_status=with_status, province=province)

    def profile(self, row: Mapping[str, Any], on: dt.date) -> Profile:
        """A Profile from one row of a canonical roster frame (titles matched against the catalogue)."""
        from .frames import profile_from_row

        return profile_from_row(self.catalogue, row, on)


_POST_FIELDS = {"code", "title", "aliases", "sector", "tier", "rank", "source", "confidence", "note"}


def shipped_texts() -> dict[str, str]:
    """The shipped data files by name: posts.yaml, allocation.yaml, documents.yaml, versions/<name>.yaml
    (the seed) and overlays/<name>.yaml (example provincial regulations, never applied unless loaded)."""
    data = resources.files("llct.regulations") / "data"
    texts = {
        name: (data / name).read_text(encoding="utf-8")
        for name in ("posts.yaml", "allocation.yaml", "documents.yaml")
    }
    for folder in ("versions", "overlays"):
        for entry in sorted((data / folder).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                texts[f"{folder}/{entry.name}"] = entry.read_text(encoding="utf-8")
    return texts


def shipped_documents() -> dict[str, DocumentStructure]:
    """The structure of the documents the shipped files cite (data/documents.yaml)."""
    spec: StructuresSpec = parse(StructuresSpec, shipped_texts()["documents.yaml"], "documents.yaml")
    return dict(spec.documents)


def load_shipped() -> Rulebook:
    """The Rulebook of the files shipped in the package (used when there is no database)."""
    texts = shipped_texts()
    versions = {
        name.removeprefix("versions/"): t for name, t in texts.items() if name.startswith("versions/")
    }
    return Rulebook.from_sources(texts["posts.yaml"], versions, texts["allocation.yaml"])
