"""The table a statistics query answers: row and column keys (codes of the dimensions), a value for every
cell, subtotal and total, and the labels to show them. The page, the API, the CSV and the reports all read
it, so they show the same numbers.

Cells are computed from the counted indicators' groups: a total is the sum of the groups it covers, a
ratio the quotient of its two sums at that cell. A dimension an indicator's records do not carry (the sex
of a class) leaves its cells empty (None), never zero.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from llct.registry.choices import Sector, UnitKind
from llct.registry.models import Unit

from .catalogue import Indicator, base_parts
from .dimensions import DIMENSIONS, Dimension, choice_labels

ALL = "*"  # a dimension the indicator's rows do not carry

Number = int | float | None


@dataclass
class DisplayRow:
    kind: str  # "row", "subtotal" or "total"
    key: tuple[str, ...]
    labels: list[str]
    cells: list[list[Number]]  # per column key, per indicator
    totals: list[Number]  # per indicator, across the columns


class Table:
    def __init__(self, *, query, indicators, bases, groups, units, depth, root) -> None:
        self.query = query
        self.indicators: list[Indicator] = indicators
        self.bases: dict[str, Indicator] = bases
        self.groups: dict[str, dict[tuple, int] | None] = groups
        self.units = units
        self.depth = depth
        self.root: Unit | None = root
        self.row_dims: list[Dimension] = [DIMENSIONS[d] for d in query.rows]
        self.column_dims: list[Dimension] = [DIMENSIONS[d] for d in query.columns]
        self._marginals: dict[tuple, dict | None] = {}
        self.labels = self._labels()
        self.row_keys = self._keys(0, len(self.row_dims))
        self.column_keys = self._keys(len(self.row_dims), len(self.row_dims) + len(self.column_dims))

    # ------------------------------------------------------------------ values

    def _marginal(self, base: str, fixed: tuple[int, ...]) -> dict[tuple, int] | None:
        """The base indicator's sums over the groups, by the dimensions at positions `fixed`; None when
        one of them does not apply to its records."""
        cache_key = (base, fixed)
        if cache_key not in self._marginals:
            groups = self.groups[base]
            dims = self.query.dimensions
            if groups is None or any(not DIMENSIONS[dims[i]].applies(self.bases[base]) for i in fixed):
                self._marginals[cache_key] = None
            else:
                sums: dict[tuple, int] = defaultdict(int)
                for key, value in groups.items():
                    sums[tuple(key[i] for i in fixed)] += value
                self._marginals[cache_key] = dict(sums)
        return self._marginals[cache_key]

    def _base_value(self, base: str, fixed: tuple[int, ...], codes: tuple[str, ...]) -> int | None:
        sums = self._marginal(base, fixed)
        return None if sums is None else sums.get(codes, 0)

    def carries(self, indicator: Indicator) -> bool:
        """Whether the indicator's records carry every dimension of the rows and columns (else its cells
        are empty and only its total is a figure)."""
        return all(
            self.groups[code] is not None
            and all(DIMENSIONS[d].applies(self.bases[code]) for d in self.query.dimensions)
            for code in base_parts(indicator)
        )

    def value(self, indicator: Indicator, row: tuple[str, ...] = (), column: tuple[str, ...] | None = None):
        """The figure of `indicator` for a row (or the first dimensions of one, for a subtotal; () for all
        rows) and a column key (None for all columns)."""
        n = len(self.row_dims)
        fixed = tuple(range(len(row)))
        codes = tuple(row)
        if column is not None:
            fixed += tuple(range(n, n + len(column)))
            codes += tuple(column)

        def base(code: str) -> int | None:
            return self._base_value(code, fixed, codes)

        if indicator.is_base:
            return base(indicator.code)
        if indicator.kind == "parts":
            parts = [base(p) for p in indicator.parts]
            return None if any(p is None for p in parts) else sum(parts)
        numerator, denominator = base(indicator.numerator), base(indicator.denominator)
        if numerator is None or not denominator:
            return None
        return round(numerator * indicator.scale / denominator, indicator.decimals)

    # ------------------------------------------------------------------ keys and labels

    def _keys(self, start: int, stop: int) -> list[tuple[str, ...]]:
        if start == stop:
            return [()]
        found = {
            key[start:stop]
            for groups in self.groups.values()
            if groups
            for key in groups
            if ALL not in key[start:stop]
        }
        dims = self.query.dimensions[start:stop]
        return sorted(found, key=lambda k: tuple(self._order(d, c) for d, c in zip(dims, k, strict=True)))

    def _order(self, dim: str, code: str):
        labels = self.labels[dim]
        if dim in ("year", "month"):
            return (0, int(code) if code.isdigit() else 0, "")
        if dim in ("unit", "institution", "sending_unit"):
            return (0, 0, self._unit_paths.get(code, code))
        order = list(labels)
        return (0, order.index(code) if code in order else len(order), code)

    def _labels(self) -> dict[str, dict[str, str]]:
        units = list(self.units.by_pk.values())
        self._unit_paths = {u.code: u.path for u in units}
        unit_names = {u.code: u.name for u in units}
        labels: dict[str, dict[str, str]] = {}
        for code in self.query.dimensions:
            if code in ("unit", "institution", "sending_unit"):
                labels[code] = {**unit_names, "": _("Không ghi")}
            elif code == "institution_kind":
                labels[code] = {**dict(UnitKind.choices), "": _("Không ghi")}
            elif code == "sector":
                labels[code] = {**dict(Sector.choices), "": _("Không ghi")}
            elif code == "programme":
                from llct.training.models import Programme

                labels[code] = dict(Programme.objects.order_by("family", "code").values_list("code", "name"))
            elif code == "month":
                labels[code] = {str(m): _("Tháng %(m)s") % {"m": m} for m in range(1, 13)}
            elif code == "year":
                labels[code] = {}
            else:
                labels[code] = choice_labels(code) or {}
        return {dim: {k: str(v) for k, v in values.items()} for dim, values in labels.items()}

    def label(self, dim: str, code: str) -> str:
        return self.labels[dim].get(code, code or "—")

    # ------------------------------------------------------------------ layouts

    def display_rows(self) -> list[DisplayRow]:
        """Rows in order, each followed by the subtotals that close there, then the grand total."""
        out: list[DisplayRow] = []
        n = len(self.row_dims)
        keys = self.row_keys if n else []
        for i, key in enumerate(keys):
            out.append(self._display("row", key))
            following = keys[i + 1] if i + 1 < len(keys) else None
            for depth in range(n - 1, 0, -1):
                if following is None or following[:depth] != key[:depth]:
                    out.append(self._display("subtotal", key[:depth]))
        out.append(self._display("total", ()))
        return out

    def _display(self, kind: str, key: tuple[str, ...]) -> DisplayRow:
        labels = [self.label(d.code, c) for d, c in zip(self.row_dims, key, strict=False)]
        if kind == "subtotal":
            labels[-1] = _("Cộng %(what)s") % {"what": labels[-1]}
        cells = [[self.value(ind, key, column) for ind in self.indicators] for column in self.column_keys]
        totals = [self.value(ind, key, None) for ind in self.indicators]
        return DisplayRow(kind, key, labels, cells, totals)

    def column_label(self, column: tuple[str, ...]) -> str:
        return " · ".join(self.label(d.code, c) for d, c in zip(self.column_dims, column, strict=True))

    def records(self) -> list[dict]:
        """The table in long form: one record per row key and column key, codes then figures (the CSV)."""
        dims = [d.code for d in (*self.row_dims, *self.column_dims)]
        out = []
        for row in self.row_keys:
            for column in self.column_keys:
                record = dict(zip(dims, (*row, *column), strict=True))
                for ind in self.indicators:
                    record[ind.code] = self.value(ind, row, column if self.column_dims else None)
                out.append(record)
        return out

    def write_csv(self, stream) -> None:
        """UTF-8 CSV: one column per row (then column) dimension, holding codes, then one per indicator."""
        writer = csv.writer(stream)
        writer.writerow([*self.query.rows, *self.query.columns, *(i.code for i in self.indicators)])
        for record in self.records():
            writer.writerow(["" if v is None else v for v in record.values()])

    def as_dict(self) -> dict:
        """The table as the API returns it."""
        has_columns = bool(self.column_dims)

        def values(row, column):
            return {ind.code: self.value(ind, row, column) for ind in self.indicators}

        subtotals = []
        for depth in range(1, len(self.row_dims)):
            for prefix in dict.fromkeys(k[:depth] for k in self.row_keys):
                for column in self.column_keys if has_columns else []:
                    subtotals.append(
                        {"row": list(prefix), "column": list(column), "values": values(prefix, column)}
                    )
                subtotals.append({"row": list(prefix), "column": [], "values": values(prefix, None)})
        return {
            "indicators": [
                {
                    "code": i.code,
                    "label": i.label,
                    "unit": i.unit,
                    "basis": i.basis,
                    "carried": self.carries(i),
                }
                for i in self.indicators
            ],
            "rows": list(self.query.rows),
            "columns": list(self.query.columns),
            "units": self.query.units,
            "unit": self.root.code if self.root else None,
            "depth": self.depth,
            "labels": {d: {c: self.label(d, c) for c in self._codes(d)} for d in self.query.dimensions},
            "cells": [
                {"row": list(r), "column": list(c), "values": values(r, c if has_columns else None)}
                for r in self.row_keys
                for c in self.column_keys
            ],
            "row_totals": [{"row": list(r), "values": values(r, None)} for r in self.row_keys],
            "column_totals": [{"column": list(c), "values": values((), c)} for c in self.column_keys]
            if has_columns
            else [],
            "subtotals": subtotals,
            "total": values((), None),
        }

    def _codes(self, dim: str) -> list[str]:
        i = self.query.dimensions.index(dim)
        n = len(self.row_dims)
        keys = self.row_keys if i < n else self.column_keys
        j = i if i < n else i - n
        return list(dict.fromkeys(k[j] for k in keys))
