"""Eligibility pages: the cadre panel, the eligible-cadres list and its export, special cases, the
regulation versions and the provinces' implementing regulations. Views only translate between HTTP and
the services and selectors."""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from llct.accounts.permissions import Action, can
from llct.eligibility.choices import Level
from llct.eligibility.export import eligible_cadres_xlsx
from llct.eligibility.forms import (
    EligibleCadresForm,
    OnDateForm,
    ProvincialRegulationForm,
    RegulationVersionForm,
    SpecialCaseForm,
    today,
)
from llct.eligibility.models import RegulationVersion, SpecialCaseDecision
from llct.eligibility.presenting import decision_view, overlay_items, version_items
from llct.eligibility.selectors import eligible_cadres
from llct.eligibility.services.profiles import decide_for_cadre
from llct.eligibility.services.provincial import (
    provincial_regulation_check,
    provincial_regulation_save,
    provincial_regulations,
)
from llct.eligibility.services.rulebook import (
    StoredRulebookError,
    current_rulebook,
    regulation_version_save,
)
from llct.eligibility.services.special_cases import special_case_record, special_cases_for
from llct.registry import selectors as registry
from llct.regulations import RegulationDataError, shipped_texts
from llct.web.access import require
from llct.web.actions import submit

PAGE_SIZE = 200


@require(Action.VIEW)
def cadre_panel(request: HttpRequest, cadre_id: int) -> HttpResponse:
    """The cadre page's eligibility panel (htmx partial): each level on the chosen date, with every reason
    and any special-case decision beside it."""
    cadre = get_object_or_404(registry.cadre_list(request.user), pk=cadre_id)
    form = OnDateForm(request.GET or None)
    on = form.day()
    specials = special_cases_for(cadre, on)
    try:
        levels = [
            {"decision": decision_view(decide_for_cadre(cadre, level, on)), "special": specials.get(level)}
            for level in Level.values
        ]
    except StoredRulebookError as exc:
        levels, error = [], str(exc)
    else:
        error = ""
    context = {
        "cadre": cadre,
        "on": on,
        "form": form,
        "levels": levels,
        "load_error": error,
        "can_record": can(request.user, Action.RECORD_SPECIAL_CASE),
    }
    return render(request, "eligibility/_cadre_panel.html", context)


@require(Action.RECORD_SPECIAL_CASE)
@require_http_methods(["GET", "POST"])
def special_case_add(request: HttpRequest, cadre_id: int) -> HttpResponse:
    cadre = get_object_or_404(registry.cadre_list(request.user), pk=cadre_id)
    form = SpecialCaseForm(request.POST or None, initial={"decided_on": today()})
    if response := submit(
        request,
        form,
        lambda data: special_case_record(cadre=cadre, by=request.user, **data),
        done=_("Đã ghi nhận trường hợp đặc biệt."),
        then=redirect("registry:cadre_detail", cadre.pk),
    ):
        return response
    history = SpecialCaseDecision.objects.filter(cadre=cadre).select_related("recorded_by")
    return render(
        request, "eligibility/special_case_form.html", {"cadre": cadre, "form": form, "history": history}
    )


@require(Action.VIEW)
def eligible_cadre_list(request: HttpRequest) -> HttpResponse:
    """Eligible cadres of a unit subtree for a level, a study mode and a date, with .xlsx export."""
    units = registry.unit_list(request.user)
    form = EligibleCadresForm(request.GET or None, units=units, initial={"on": today()})
    result = None
    page = None
    error = ""
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        on = data["on"] or today()
        try:
            result = eligible_cadres(
                request.user,
                level=data["level"],
                on=on,
                unit=data["unit"],
                mode=data["mode"],
                show=data["show"] or "eligible",
                q=data["q"],
            )
        except StoredRulebookError as exc:
            error = str(exc)
    if result is not None:
        if request.GET.get("export") == "xlsx":
            buffer = io.BytesIO()
            eligible_cadres_xlsx(result, buffer, level=data["level"], on=on, unit=data["unit"])
            response = HttpResponse(
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = (
                f'attachment; filename="du-dieu-kien-{data["level"]}-{on:%Y%m%d}.xlsx"'
            )
            return response
        page = Paginator(result.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    context = {
        "form": form,
        "result": result,
        "page": page,
        "query": query.urlencode(),
        "load_error": error,
        "may_nominate": result is not None and can(request.user, Action.MANAGE_NOMINATIONS),
    }
    return render(request, "eligibility/eligible_cadres.html", context)


@require(Action.VIEW)
def version_list(request: HttpRequest) -> HttpResponse:
    """Every stored regulation version: dates, levels and each item with its citation and confidence."""
    versions = [{"version": v, "items": version_items(v)} for v in RegulationVersion.objects.all()]
    try:
        current_rulebook()
    except StoredRulebookError as exc:
        error = str(exc)
    else:
        error = ""
    context = {
        "versions": versions,
        "can_edit": can(request.user, Action.EDIT_CATALOGUE),
        "load_error": error,
    }
    return render(request, "eligibility/version_list.html", context)


@require(Action.EDIT_CATALOGUE)
@require_http_methods(["GET", "POST"])
def version_edit(request: HttpRequest, version_id: int | None = None) -> HttpResponse:
    version = get_object_or_404(RegulationVersion, pk=version_id) if version_id else None
    form = RegulationVersionForm(request.POST or None, initial={"text": version.text if version else ""})
    if request.method == "POST" and form.is_valid():
        try:
            saved = regulation_version_save(form.cleaned_data["text"], by=request.user, version=version)
        except RegulationDataError as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(request, _("Đã lưu phiên bản %(number)s.") % {"number": saved.number})
            return redirect("eligibility:version_list")
    return render(request, "eligibility/version_form.html", {"form": form, "version": version})


@require(Action.VIEW)
def provincial_list(request: HttpRequest) -> HttpResponse:
    """The implementing regulations of the provinces in the user's scope, each item with its citation."""
    regulations = [{"regulation": r, "items": overlay_items(r)} for r in provincial_regulations(request.user)]
    context = {"regulations": regulations, "can_edit": can(request.user, Action.EDIT_CATALOGUE)}
    return render(request, "eligibility/provincial_list.html", context)


@require(Action.EDIT_CATALOGUE)
@require_http_methods(["GET", "POST"])
def provincial_edit(request: HttpRequest, regulation_id: int | None = None) -> HttpResponse:
    """Load a province's regulation (typed, pasted or uploaded): «Kiểm tra» checks it as the national files
    are checked and writes nothing; «Lưu» saves it when the check passes. Only for provinces in scope."""
    regulation = (
        get_object_or_404(provincial_regulations(request.user), pk=regulation_id) if regulation_id else None
    )
    initial = regulation.text if regulation else ""
    if not regulation and request.GET.get("example"):
        initial = shipped_texts()["overlays/vi-du-hoa-son.yaml"]
    form = ProvincialRegulationForm(request.POST or None, request.FILES or None, initial={"text": initial})
    if request.method == "POST" and form.is_valid():
        text, name = form.cleaned_data["text"], form.cleaned_data["name"]
        try:
            if "check" in request.POST:
                spec, province = provincial_regulation_check(
                    text, user=request.user, regulation=regulation, name=name
                )
            else:
                saved = provincial_regulation_save(text, by=request.user, regulation=regulation, name=name)
        except RegulationDataError as exc:
            form.add_error("text", str(exc))
        else:
            if "check" in request.POST:
                messages.success(
                    request,
                    _("Tệp hợp lệ: %(number)s của %(province)s (chưa lưu).")
                    % {"number": spec.number, "province": province.name},
                )
            else:
                messages.success(request, _("Đã lưu quy định %(number)s.") % {"number": saved.number})
                return redirect("eligibility:provincial_list")
    return render(request, "eligibility/provincial_form.html", {"form": form, "regulation": regulation})
