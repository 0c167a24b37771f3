"""Export of a cadre list in the roster format (roster-format.md), so that export → import gives the
same data back: identity, the posts held on the day with the unit of each, the planning, the ratings of
the two years before it. Cấp and Khối are those of the highest-ranked post, as the format has one of each;
the registry's own columns (`columns`: Mã đơn vị, Mã chức vụ, Mã đơn vị công tác, Mã chức vụ quy hoạch)
carry each post's catalogue code and unit, which the importer reads back.

Personal data is masked for roles without Action.SEE_PERSONAL_DATA, and the unknown columns an import
kept (`Cadre.extra`, whatever a board put in its spreadsheet) are left out for them; a masked export
cannot be imported: the reader recognises masked citizen IDs and year-only birth dates as errors."""

import datetime as dt
import io
from collections import defaultdict

import polars as pl
import xlsxwriter
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.registry.masking import mask_birth_date, mask_citizen_id
from llct.registry.models import Assignment, Cadre, PlanningEntry, YearlyRating
from llct.roster import KEYS, write_roster
from llct.roster.cells import neutralise_text

from .columns import HEADERS, PLANNED_CODES, POSITION_CODES, POSITION_UNITS, UNIT_CODE

_CHUNK = 5_000


def roster_export(queryset: QuerySet[Cadre], *, personal: bool, on: dt.date | None = None) -> bytes:
    """The cadres of `queryset` (already cut to the user's scope and filters) as an .xlsx roster: posts
    and planning held on `on`, ratings of the two years before it."""
    return _write(roster_frame(queryset, personal=personal, on=on), "xlsx")


def roster_frame(queryset: QuerySet[Cadre], *, personal: bool, on: dt.date | None = None) -> pl.DataFrame:
    """The roster frame (the format's keys, then the registry's columns under their headers, then the
    kept unknown columns) of the cadres of `queryset`."""
    on = on or timezone.localdate()
    cadres = list(queryset.select_related("unit").order_by("name_sort_key", "code"))
    ids = [c.pk for c in cadres]
    held = Q(valid_from__isnull=True) | Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    posts = _group(
        Assignment.objects.filter(*held).select_related("post", "unit").order_by("-post__rank", "pk"), ids
    )
    planned = _group(
        PlanningEntry.objects.filter(*held).select_related("post").order_by("-post__rank", "pk"), ids
    )
    ratings = {
        (r.cadre_id, r.year): r.rating
        for r in _chunks(YearlyRating.objects.filter(year__in=(on.year - 1, on.year - 2)), ids)
    }
    extra_columns = sorted({k for c in cadres for k in (c.extra or {})}) if personal else []
    rows = []
    for c in cadres:
        held_posts, plans = posts.get(c.pk, []), planned.get(c.pk, [])
        first = held_posts[0].post if held_posts else None
        first_plan = plans[0].post if plans else None
        rows.append(
            {
                "code": c.code,
                "full_name": c.full_name,
                "citizen_id": c.citizen_id if personal else mask_citizen_id(c.citizen_id),
                "birth_date": c.birth_date if personal else mask_birth_date(c.birth_date),
                "sex": c.sex or None,
                "ethnicity": c.ethnicity or None,
                "party_status": c.party_status or None,
                "education": c.education or None,
                "theory_level": c.theory_level or None,
                "position": _joined(a.post.title for a in held_posts),
                "tier": first.tier if first else None,
                "sector": first.sector if first else None,
                "unit": c.unit.name,
                "planned_position": _joined(p.post.title for p in plans),
                "planned_tier": first_plan.tier
                if first_plan and (not first or first_plan.tier != first.tier)
                else None,
                "grade": c.grade or None,
                "grade_since": c.grade_since,
                "lecturer_since": c.lecturer_since,
                "rating_last": ratings.get((c.pk, on.year - 1)),
                "rating_before_last": ratings.get((c.pk, on.year - 2)),
                HEADERS[UNIT_CODE]: c.unit.code,
                HEADERS[POSITION_CODES]: _joined(a.post.code for a in held_posts),
                HEADERS[POSITION_UNITS]: _joined(a.unit.code if a.unit else "" for a in held_posts),
                HEADERS[PLANNED_CODES]: _joined(p.post.code for p in plans),
                **{k: _text((c.extra or {}).get(k)) for k in extra_columns},
            }
        )
    schema = {
        "birth_date": pl.Date if personal else pl.String,
        "grade_since": pl.Date,
        "lecturer_since": pl.Date,
    }
    keys = [*KEYS, *HEADERS.values(), *extra_columns]
    return pl.DataFrame(rows or None, schema={k: schema.get(k, pl.String) for k in keys}, orient="row")


def problems_export(problems) -> bytes:
    """Every problem of an import (row, column, value, reason) as an .xlsx sheet, values neutralised
    like the roster export's (a value may be anything the uploaded file held)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet(_("Lỗi"))
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    sheet.write_row(0, 0, [_("Dòng"), _("Cột"), _("Giá trị"), _("Lỗi và cách sửa")], bold)
    for width, column in ((8, 0), (24, 1), (40, 2), (100, 3)):
        sheet.set_column(column, column, width)
    for index, (row, column, value, reason) in enumerate(problems, start=1):
        sheet.write_row(index, 0, [row, neutralise_text(column), neutralise_text(value), reason])
    sheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()


def _joined(items) -> str | None:
    return "; ".join(items) or None


def _text(value) -> str | None:
    return None if value is None else str(value)


def _chunks(queryset, ids: list[int]):
    for start in range(0, len(ids), _CHUNK):
        yield from queryset.filter(cadre_id__in=ids[start : start + _CHUNK])


def _group(queryset, ids: list[int]) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for row in _chunks(queryset, ids):
        grouped[row.cadre_id].append(row)
    return grouped


def _write(frame: pl.DataFrame, fmt: str) -> bytes:
    buffer = io.BytesIO()
    write_roster(frame, buffer, fmt)
    return buffer.getvalue()
