"""Weighted draws for a million rows at once: each row picks from the table of its group."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

Table = tuple[Sequence[str], Sequence[float]]  # values and their (unnormalised) weights


def pick_index(rng: np.random.Generator, group: np.ndarray, weights: Sequence[Sequence[float]]) -> np.ndarray:
    """For each row, an index into its group's weights, drawn with those weights.

    The groups' cumulative distributions are laid end to end, the one of group g shifted by g, so one
    `searchsorted` of g + u serves every row; the result is the position within the group."""
    cdfs = []
    starts = [0]
    for g, w in enumerate(weights):
        w = np.asarray(w, dtype=np.float64)
        cdf = np.cumsum(w) / w.sum()
        cdf[-1] = 1.0
        cdfs.append(g + cdf)
        starts.append(starts[-1] + len(w))
    flat = np.concatenate(cdfs)
    u = rng.random(len(group))
    pos = np.searchsorted(flat, group + u, side="right")
    return pos - np.asarray(starts[:-1])[group]


def pick(rng: np.random.Generator, group: np.ndarray, tables: Sequence[Table]) -> pl.Series:
    """For each row, a value of its group's table (values, weights), drawn with those weights."""
    local = pick_index(rng, group, [w for _, w in tables])
    offsets = np.cumsum([0] + [len(v) for v, _ in tables[:-1]])
    pool = pl.Series([v for values, _ in tables for v in values], dtype=pl.String)
    return pool.gather(offsets[group] + local)


def choice(rng: np.random.Generator, n: int, table: Table) -> pl.Series:
    """n values of one table drawn with its weights."""
    return pick(rng, np.zeros(n, dtype=np.int64), [table])
