"""The statistics page (choose indicators, rows, columns, period, unit and filters; a pivot table with
subtotals, a chart by year stacked by level, drill-down by unit), its CSV, the records behind each figure,
and briefings. Everything is counted within the user's scope; a unit outside it answers 404."""

from django.core.paginator import Paginator
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from llct.accounts.permissions import Action, can
from llct.errors import AppError
from llct.oversight.models import Briefing, ReportJob
from llct.registry.models import Unit
from llct.registry.scope import scope_paths, scoped
from llct.web.access import require

from .briefings import briefing_record
from .catalogue import base_parts, indicators
from .dashboards import Panel, dashboard_panels
from .dimensions import DIMENSIONS
from .engine import StatisticsQuery, UnitOutOfScope, statistics_records, statistics_table
from .forms import AttendanceFormSet, BriefingForm, StatisticsForm
from .params import CELL, EMPTY, cell_params, query_from_params, query_params
from .records import record_columns, record_rows
from .report_files import report_csv, report_pdf, report_xlsx
from .report_jobs import report_job_progress, report_job_start
from .reports import layouts, report_build

DEFAULT_INDICATORS = "classes_opened,learner_places"
CHART_YEARS = 7  # the chart shows at least these years up to the period's end…
CHART_MAX_YEARS = 15  # …and at most these


def _params(request: HttpRequest) -> dict[str, str]:
    """The request's parameters, a repeated one (checkboxes, the row selects) joined by commas."""
    get = request.GET
    params = {key: ",".join(v for v in get.getlist(key) if v) for key in get}
    rows = [params.pop(k, "") for k in ("rows", "rows_2", "rows_3")]
    params["rows"] = ",".join(r for r in rows if r)
    if not get:  # the first visit: last year's classes and learner-places by unit and level
        params.update(
            indicators=DEFAULT_INDICATORS,
            rows="unit",
            columns="level",
            year_from=str(timezone.localdate().year - 1),
            year_to=str(timezone.localdate().year - 1),
        )
    return params


def _form(query: StatisticsQuery | None, params: dict[str, str]) -> StatisticsForm:
    rows = list(query.rows) if query else params.get("rows", "").split(",")
    initial = {
        **params,
        "indicators": query.indicators if query else params.get("indicators", "").split(","),
        "rows": rows[0] if rows else "",
        "rows_2": rows[1] if len(rows) > 1 else "",
        "rows_3": rows[2] if len(rows) > 2 else "",
        "units": params.get("units") or "as_then",
    }
    return StatisticsForm(initial=initial)


def _table(request: HttpRequest, query: StatisticsQuery):
    try:
        return statistics_table(query, scope_paths(request.user))
    except UnitOutOfScope as exc:
        raise Http404(exc.messages[0]) from exc


def _chart(request: HttpRequest, query: StatisticsQuery) -> dict | None:
    """The first indicator by year (the period, or at least the last seven years up to its end), stacked by
    level."""
    indicator = indicators()[query.indicators[0]]
    last = query.year_to or timezone.localdate().year
    by_year = StatisticsQuery(
        indicators=(indicator.code,),
        rows=("year",),
        columns=("level",),
        filters=query.filters,
        year_from=max(min(query.year_from or last, last - CHART_YEARS + 1), last - CHART_MAX_YEARS + 1),
        year_to=last,
        unit=query.unit,
        units=query.units,
    )
    table = _table(request, by_year)
    years = [(str(y),) for y in range(by_year.year_from, last + 1)]
    stacked = [c for c in table.column_keys if any(table.value(indicator, y, c) for y in years)]
    series = [
        {"name": table.column_label(c), "data": [table.value(indicator, y, c) for y in years]}
        for c in stacked
    ] or [{"name": indicator.label, "data": [table.value(indicator, y) for y in years]}]
    if not any(v for s in series for v in s["data"]):
        return None
    years = [y for (y,) in years]
    return {"title": f"{indicator.label} ({indicator.unit})", "years": years, "series": series}


def _links(table, query: StatisticsQuery) -> dict:
    """For each displayed figure, the URL of its records; for unit rows, the URL that drills down."""
    base = query_params(query)
    records = reverse("statistics:records")
    page = reverse("statistics:page")
    row_dims = list(query.rows)
    column_dims = list(query.columns)

    def figure(indicator, row, column):
        params = {**base, "indicators": indicator.code, **cell_params(row_dims[: len(row)], row)}
        if column is not None:
            params |= cell_params(column_dims, column)
        return f"{records}?{urlencode(params)}"

    def drill(row):
        if "unit" not in row_dims[: len(row)]:
            return None
        code = row[row_dims.index("unit")]
        if not code:
            return None
        return f"{page}?{urlencode({**base, 'unit': code, 'depth': table.depth + 1})}"

    return {"figure": figure, "drill": drill}


def _layout(table, query: StatisticsQuery) -> list[dict]:
    links = _links(table, query)
    out = []
    for display in table.display_rows():
        cells = [
            [
                {"value": value, "url": links["figure"](ind, display.key, column)}
                for ind, value in zip(table.indicators, values, strict=True)
            ]
            for column, values in zip(table.column_keys, display.cells, strict=True)
        ]
        totals = [
            {"value": value, "url": links["figure"](ind, display.key, None)}
            for ind, value in zip(table.indicators, display.totals, strict=True)
        ]
        out.append(
            {
                "kind": display.kind,
                "labels": display.labels + [""] * (len(table.row_dims) - len(display.labels)),
                "drill": links["drill"](display.key) if display.kind == "row" else None,
                "drill_at": query.rows.index("unit") if "unit" in query.rows else None,
                "cells": cells if table.column_dims else [],
                "totals": totals,
            }
        )
    return out


def _breadcrumb(request: HttpRequest, query: StatisticsQuery, table) -> list[dict]:
    """The root's ancestors within the scope, each a link back up."""
    if table.root is None:
        return []
    paths = scope_paths(request.user)
    base = query_params(query)
    page = reverse("statistics:page")
    root = table.root
    above = [root.path[:n] for n in range(Unit.steplen, len(root.path), Unit.steplen)]
    chain = [*Unit.objects.filter(path__in=above).order_by("path"), root]
    out = []
    for unit in chain:
        if any(unit.path.startswith(p) for p in paths):
            out.append(
                {
                    "name": unit.name,
                    "url": f"{page}?{urlencode({**base, 'unit': unit.code, 'depth': unit.depth + 1})}",
                }
            )
    return out


FORMATS = ("xlsx", "pdf")


def _report_links(query: StatisticsQuery) -> list[dict]:
    """The standard reports for the period's last year and the chosen unit: each made by the task queue
    (the page shows its progress), in each format."""
    year = query.year_to or timezone.localdate().year - 1
    return [
        {
            "code": code,
            "title": layout.title.format(year=year, next_year=year + 1),
            "basis": layout.basis,
            "year": year,
            "unit": query.unit,
            "units": query.units,
        }
        for code, layout in layouts().items()
    ]


@require(Action.VIEW_STATISTICS)
def statistics_page(request: HttpRequest) -> HttpResponse:
    params = _params(request)
    error, query, table = None, None, None
    try:
        query = query_from_params(params)
        table = _table(request, query)
    except Http404:
        raise
    except AppError as exc:
        error = exc.messages[0]
    context = {"form": _form(query, params), "error": error, "table": table, "query": query}
    if not request.GET and not request.htmx:  # the room's landing: the user's dashboard above the table
        context["dashboard"] = [_drawn(request, p, lazy=True) for p in dashboard_panels(request.user)]
    if table is not None:
        context |= {
            "layout": _layout(table, query),
            "columns": [table.column_label(c) for c in table.column_keys] if table.column_dims else [],
            "chart": _chart(request, query),
            "breadcrumb": _breadcrumb(request, query, table),
            "csv_url": f"{reverse('statistics:csv')}?{urlencode(query_params(query))}",
            "api_url": f"{reverse('api:statistics')}?{urlencode(query_params(query))}",
            "reports": _report_links(query),
        }
    template = "statistics/_result.html" if request.htmx else "statistics/page.html"
    return render(request, template, context)


def _drawn(request: HttpRequest, panel: Panel, *, lazy: bool = False) -> dict:
    """A dashboard panel with its table (not yet for a panel drawn after the page)."""
    table = None
    if panel.query is not None and not (lazy and panel.lazy):
        table = statistics_table(panel.query, scope_paths(request.user))
    return {"panel": panel, "table": table, "rows": table.display_rows() if table else []}


@require(Action.VIEW_STATISTICS)
@require_GET
def dashboard_fragment(request: HttpRequest) -> HttpResponse:
    """The user's dashboard drawn in full, or one of its panels (`panel=`: those drawn after the page)."""
    key = request.GET.get("panel", "")
    panels = [p for p in dashboard_panels(request.user) if not key or p.key == key]
    return render(request, "statistics/_dashboard.html", {"dashboard": [_drawn(request, p) for p in panels]})


@require(Action.VIEW_STATISTICS)
def statistics_csv(request: HttpRequest) -> HttpResponse:
    """The page's table as UTF-8 CSV, as `llct statistics` writes it."""
    try:
        table = _table(request, query_from_params(_params(request)))
    except AppError as exc:
        return HttpResponse(exc.messages[0], status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="thong-ke.csv"'
    table.write_csv(response)
    return response


@require(Action.VIEW_STATISTICS)
def records(request: HttpRequest) -> HttpResponse:
    """The records a figure counts (each counted indicator it is made of), with the same filters and cell."""
    params = _params(request)
    try:
        query = query_from_params(params)
    except AppError as exc:
        raise Http404(exc.messages[0]) from exc
    scope = scope_paths(request.user)
    sections = []
    page_number = request.GET.get("page") or 1
    for code in dict.fromkeys(p for c in query.indicators for p in base_parts(indicators()[c])):
        indicator = indicators()[code]
        try:
            rows = statistics_records(code, query, scope)
        except UnitOutOfScope as exc:
            raise Http404(exc.messages[0]) from exc
        fact = indicator.source
        rows = rows.order_by(*(["-" + indicator.date] if indicator.date else []), "pk")
        if fact.link:
            rows = rows.annotate(link_pk=F(fact.link[1]))
        page = Paginator(rows.values(*fact.columns, *(["link_pk"] if fact.link else [])), 100).get_page(
            page_number
        )
        sections.append(
            {
                "indicator": indicator,
                "headers": record_columns(fact),
                "page": page,
                "rows": record_rows(fact, page.object_list),
            }
        )
    cell = [
        (DIMENSIONS[name.removeprefix(CELL)].label, "—" if code == EMPTY else code)
        for name, code in params.items()
        if name.startswith(CELL) and name.removeprefix(CELL) in DIMENSIONS
    ]
    table_params = {k: v for k, v in params.items() if not k.startswith(CELL)}
    back = f"{reverse('statistics:page')}?{urlencode(table_params)}"
    return render(request, "statistics/records.html", {"sections": sections, "cell": cell, "back": back})


@require(Action.VIEW_STATISTICS)
def briefing_list(request: HttpRequest) -> HttpResponse:
    briefings = scoped(Briefing.objects.select_related("organiser"), request.user, "organiser")
    page = Paginator(briefings, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "statistics/briefing_list.html",
        {"page": page, "may_record": can(request.user, Action.RECORD_BRIEFING)},
    )


@require(Action.VIEW_STATISTICS)
def briefing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    briefing = get_object_or_404(
        scoped(Briefing.objects.select_related("organiser"), request.user, "organiser"), pk=pk
    )
    attendance = list(briefing.attendance.select_related("unit"))
    total = sum(a.attendees for a in attendance)
    return render(
        request,
        "statistics/briefing_detail.html",
        {"briefing": briefing, "attendance": attendance, "total": total},
    )


@require(Action.RECORD_BRIEFING)
def briefing_new(request: HttpRequest) -> HttpResponse:
    units = scoped(Unit.objects.valid_on(timezone.localdate()), request.user, "")
    rows = request.GET.get("rows", "")
    extra = min(int(rows), 200) if rows.isdigit() else 5
    data = request.POST if request.method == "POST" else None
    form = BriefingForm(data, units=units)
    formset = AttendanceFormSet(data, initial=[{}] * extra, prefix="attendance", form_kwargs={"units": units})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        attendance = [
            {
                "unit": f.cleaned_data["unit"],
                "attendees": f.cleaned_data["attendees"],
                "names": f.cleaned_data["names"],
            }
            for f in formset
            if f.cleaned_data.get("unit")
        ]
        try:
            briefing = briefing_record(request.user, attendance=attendance, **form.cleaned_data)
        except AppError as exc:
            if exc.field:
                form.add_error(exc.field, exc.messages[0])
            else:
                form.add_error(None, exc.messages[0])
        else:
            return redirect("statistics:briefing_detail", pk=briefing.pk)
    return render(
        request,
        "statistics/briefing_form.html",
        {"form": form, "formset": formset, "more_rows": extra + 5},
    )


REPORT_FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "pdf": ("application/pdf", "pdf"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


@require(Action.VIEW_STATISTICS)
def report_download(request: HttpRequest) -> HttpResponse:
    """A standard report of the user's scope (or a unit in it) for a year, as .xlsx, PDF or CSV."""
    get = request.GET
    code = get.get("report", "")
    kind = get.get("format", "xlsx")
    year = get.get("year", "")
    if code not in layouts() or kind not in REPORT_FORMATS:
        raise Http404
    try:
        report = report_build(
            code,
            int(year) if year.isdigit() else timezone.localdate().year - 1,
            scope_paths(request.user),
            unit=get.get("unit", "").strip(),
            units=get.get("units", "as_then"),
        )
    except UnitOutOfScope as exc:
        raise Http404(exc.messages[0]) from exc
    except AppError as exc:
        return HttpResponse(exc.messages[0], status=400, content_type="text/plain; charset=utf-8")
    content_type, suffix = REPORT_FORMATS[kind]
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{code}-{report.year}.{suffix}"'
    if kind == "xlsx":
        report_xlsx(report, response)
    elif kind == "pdf":
        response.write(report_pdf(report))
    else:
        report_csv(report, response)
    return response


def _report_job(request: HttpRequest, pk: int) -> ReportJob:
    return get_object_or_404(scoped(ReportJob.objects.select_related("unit"), request.user, "unit"), pk=pk)


@require(Action.VIEW_STATISTICS)
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    """Queue a standard report (report, year, unit, units, format) and show its progress."""
    post = request.POST
    year = post.get("year", "")
    try:
        job = report_job_start(
            request.user,
            report=post.get("report", ""),
            year=int(year) if year.isdigit() else timezone.localdate().year - 1,
            unit=post.get("unit", "").strip(),
            units=post.get("units", "as_then"),
            fmt=post.get("format", "xlsx"),
        )
    except UnitOutOfScope as exc:
        raise Http404(exc.messages[0]) from exc
    except AppError as exc:
        return HttpResponse(exc.messages[0], status=400, content_type="text/plain; charset=utf-8")
    return redirect("statistics:report_job", pk=job.pk)


@require(Action.VIEW_STATISTICS)
@require_GET
def report_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = _report_job(request, pk)
    layout = layouts().get(job.report)
    context = {"job": job, "progress": report_job_progress(job), "layout": layout}
    if layout is not None:
        context["title"] = layout.title.format(year=job.year, next_year=job.year + 1)
    return render(request, "statistics/report_job.html", context)


@require(Action.VIEW_STATISTICS)
@require_GET
def report_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment polled by htmx; once the job has finished the whole page reloads."""
    job = _report_job(request, pk)
    response = render(
        request, "statistics/_report_progress.html", {"job": job, "progress": report_job_progress(job)}
    )
    if job.finished and request.htmx:
        response["HX-Refresh"] = "true"
    return response


@require(Action.VIEW_STATISTICS)
@require_GET
def report_job_file(request: HttpRequest, pk: int) -> HttpResponse:
    job = _report_job(request, pk)
    if not job.file:
        raise Http404
    content_type, suffix = REPORT_FORMATS[job.format]
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"{job.report}-{job.year}.{suffix}",
        content_type=content_type,
    )
