"""The indicator catalogue, read from `indicators.toml` (one data file): what each figure counts, in which
unit, for which document, and how — a fact, the date that places a row in a period, and filters."""

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import get_language

from .facts import FACTS, Fact

CATALOGUE = Path(__file__).resolve().parent / "indicators.toml"
KINDS = ("count", "sum", "computed", "parts", "ratio")
ADDITIVE = ("count", "sum", "computed")


class CatalogueError(ValueError):
    """The catalogue file contradicts itself or the facts (a programming error, found by the tests)."""


@dataclass(frozen=True)
class Indicator:
    code: str
    label_vi: str
    label_en: str
    definition: str
    unit: str
    basis: str
    kind: str
    fact: str = ""
    date: str = ""
    filter: tuple[tuple[str, object], ...] = ()
    exclude: tuple[tuple[str, object], ...] = ()
    conditions: tuple[str, ...] = ()
    quantity: str = ""
    parts: tuple[str, ...] = ()
    numerator: str = ""
    denominator: str = ""
    scale: int = 1
    decimals: int = 1

    @property
    def label(self) -> str:
        """The label in the active language (Vietnamese unless English is chosen)."""
        return self.label_en if (get_language() or "vi").startswith("en") else self.label_vi

    @property
    def is_base(self) -> bool:
        """Counted straight from a fact (not from other indicators)."""
        return self.kind in ADDITIVE

    @property
    def source(self) -> Fact:
        return FACTS[self.fact]

    @property
    def year_only(self) -> bool:
        """Placed in a period by a year number (plans), not a date: no month."""
        return self.date.endswith("year")


def _frozen(mapping: dict | None) -> tuple[tuple[str, object], ...]:
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in (mapping or {}).items())


def _check(indicators: dict[str, Indicator]) -> None:
    for ind in indicators.values():
        if ind.kind not in KINDS:
            raise CatalogueError(f"{ind.code}: kind {ind.kind!r} is not one of {KINDS}")
        if ind.is_base:
            if ind.fact not in FACTS:
                raise CatalogueError(f"{ind.code}: unknown fact {ind.fact!r}")
            if (ind.kind == "computed") != (ind.source.dimensions is not None):
                raise CatalogueError(f"{ind.code}: a computed indicator reads a computed fact, and only it")
            if ind.kind == "computed":
                continue
            if not ind.date:
                raise CatalogueError(f"{ind.code}: a counted indicator needs a date")
            unknown = set(ind.conditions) - set(ind.source.conditions)
            if unknown:
                raise CatalogueError(f"{ind.code}: unknown conditions {sorted(unknown)}")
            if (ind.kind == "sum") != bool(ind.quantity) or (
                ind.quantity and ind.quantity not in ind.source.quantities
            ):
                raise CatalogueError(f"{ind.code}: a sum names one of its fact's quantities, a count none")
        refs = (*ind.parts, *((ind.numerator, ind.denominator) if ind.kind == "ratio" else ()))
        for ref in refs:
            if ref not in indicators or not indicators[ref].is_base:
                raise CatalogueError(f"{ind.code}: {ref!r} is not a counted indicator of the catalogue")
        if ind.kind == "parts" and not ind.parts:
            raise CatalogueError(f"{ind.code}: parts lists no indicator")


@functools.cache
def indicators() -> dict[str, Indicator]:
    """The catalogue, by code, in the file's order."""
    with CATALOGUE.open("rb") as f:
        data = tomllib.load(f)
    found: dict[str, Indicator] = {}
    for entry in data["indicator"]:
        entry = dict(entry)
        entry["filter"] = _frozen(entry.get("filter"))
        entry["exclude"] = _frozen(entry.get("exclude"))
        for key in ("conditions", "parts"):
            entry[key] = tuple(entry.get(key, ()))
        indicator = Indicator(**entry)
        if indicator.code in found:
            raise CatalogueError(f"indicator {indicator.code!r} appears twice")
        found[indicator.code] = indicator
    _check(found)
    return found


def base_parts(indicator: Indicator) -> tuple[str, ...]:
    """The counted indicators a figure is computed from."""
    if indicator.is_base:
        return (indicator.code,)
    if indicator.kind == "parts":
        return indicator.parts
    return (indicator.numerator, indicator.denominator)
