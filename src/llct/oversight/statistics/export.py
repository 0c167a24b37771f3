"""The analysts' export: one row per enrolment with its dimensions and no personal data (no name,
citizen ID, birth date or mark — the age band stands for the birth date), as Parquet for Polars, DuckDB or
a spreadsheet. Read in chunks straight from the grouped expressions the statistics use, so the export and
the figures agree; units are written as they were and as they are now."""

import datetime as dt
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
from django.db.models import F
from django.utils import timezone

from llct.training.models import Enrolment

from .catalogue import Indicator
from .dimensions import DIMENSIONS
from .units import Units

CHUNK = 100_000
# The enrolments as the statistics read them: placed in a year by their class's opening date.
_ENROLMENTS = Indicator(
    code="enrolments",
    label_vi="Học viên của lớp",
    label_en="Enrolments",
    definition="",
    unit="",
    basis="",
    kind="count",
    fact="enrolments",
    date="training_class__starts_on",
)
_VALUES = ("year", "month", "level", "programme", "family", "mode", "sex", "ethnicity", "age_band")
_UNITS = ("institution", "sending_unit")
SCHEMA = {
    "class_code": pl.String,
    "class_starts_on": pl.Date,
    "class_ends_on": pl.Date,
    "year": pl.Int32,
    "month": pl.Int8,
    "level": pl.String,
    "programme": pl.String,
    "family": pl.String,
    "mode": pl.String,
    "sex": pl.String,
    "ethnicity": pl.String,
    "age_band": pl.String,
    "status": pl.String,
    "completed": pl.Boolean,
    "institution": pl.String,
    "institution_kind": pl.String,
    "institution_now": pl.String,
    "sending_unit": pl.String,
    "sending_unit_sector": pl.String,
    "sending_unit_now": pl.String,
}


def enrolments_export(year_from: int, year_to: int, output: Path, *, on: dt.date | None = None) -> int:
    """Write the enrolments of the classes opened from `year_from` to `year_to` to `output`; returns how
    many rows were written."""
    units = Units(on or timezone.localdate())
    expressions = {f"d_{code}": DIMENSIONS[code].expression(_ENROLMENTS) for code in _VALUES}
    rows = (
        Enrolment.objects.filter(
            training_class__starts_on__gte=dt.date(year_from, 1, 1),
            training_class__starts_on__lte=dt.date(year_to, 12, 31),
        )
        .order_by("pk")
        .values(
            class_code=F("training_class__code"),
            class_starts_on=F("training_class__starts_on"),
            class_ends_on=F("training_class__ends_on"),
            enrolment_status=F("status"),
            enrolment_completed=F("completed"),
            institution_id=F("training_class__institution"),
            sending_unit_ref=F("sending_unit"),
            **expressions,
        )
    )
    written = 0
    writer = None
    chunk: list[dict] = []
    try:
        for row in rows.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) == CHUNK:
                writer = _write(chunk, units, output, writer)
                written += len(chunk)
                chunk = []
        if chunk or writer is None:
            writer = _write(chunk, units, output, writer)
            written += len(chunk)
    finally:
        if writer is not None:
            writer.close()
    return written


def _write(chunk: list[dict], units: Units, output: Path, writer):
    ids = {r["institution_id"] for r in chunk} | {r["sending_unit_ref"] for r in chunk}
    units.load(pks=ids)
    units.prepare_images(ids)

    def unit(pk, attribute="code"):
        return getattr(units.row(pk), attribute)

    def now(pk):
        return units.image(pk).code

    frame = pl.DataFrame(
        {
            "class_code": [r["class_code"] for r in chunk],
            "class_starts_on": [r["class_starts_on"] for r in chunk],
            "class_ends_on": [r["class_ends_on"] for r in chunk],
            **{code: [r[f"d_{code}"] for r in chunk] for code in _VALUES},
            "status": [r["enrolment_status"] for r in chunk],
            "completed": [r["enrolment_completed"] for r in chunk],
            "institution": [unit(r["institution_id"]) for r in chunk],
            "institution_kind": [unit(r["institution_id"], "kind") for r in chunk],
            "institution_now": [now(r["institution_id"]) for r in chunk],
            "sending_unit": [unit(r["sending_unit_ref"]) for r in chunk],
            "sending_unit_sector": [unit(r["sending_unit_ref"], "sector") for r in chunk],
            "sending_unit_now": [now(r["sending_unit_ref"]) for r in chunk],
        },
        schema=SCHEMA,
    )
    table = frame.to_arrow()
    if writer is None:
        writer = pq.ParquetWriter(output, table.schema)
    writer.write_table(table)
    return writer
