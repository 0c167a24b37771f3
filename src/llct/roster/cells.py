"""Cells a spreadsheet would run as formulas (CSV/formula injection), and how they are neutralised.

A text cell starting with = + - @ tab or carriage return is written with a leading apostrophe, so that
Excel and LibreOffice show it as text instead of evaluating it. To round-trip exactly, a value that
already starts with apostrophes followed by one of those characters gets one more apostrophe, and the
reader removes exactly one apostrophe from any value of that shape:

    write: ^'*[=+\\-@\\t\\r]  → "'" + value          read: ^'+[=+\\-@\\t\\r] → value[1:]
"""

import polars as pl

_NEEDS_QUOTE = r"^'*[=+\-@\t\r]"
_QUOTED = r"^'+[=+\-@\t\r]"


def neutralise(expr: pl.Expr) -> pl.Expr:
    """Text expression with formula-like values made inert (see the module docstring)."""
    return pl.when(expr.str.contains(_NEEDS_QUOTE)).then(expr.str.replace("^", "'")).otherwise(expr)


def restore(expr: pl.Expr) -> pl.Expr:
    """Inverse of `neutralise`."""
    return pl.when(expr.str.contains(_QUOTED)).then(expr.str.slice(1)).otherwise(expr)


def neutralise_text(value: str) -> str:
    """`neutralise` for one Python string."""
    stripped = value.lstrip("'")
    return "'" + value if stripped[:1] and stripped[0] in "=+-@\t\r" else value
