"""Nominations (cử đi học): the list with the nomination form (cadre searched, special case when not
eligible), the cadre autocomplete, and a nomination's page with its transitions and log."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from llct.accounts.permissions import Action, can
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import exports, selectors
from llct.training.choices import ClassStatus
from llct.training.forms.planning import BulkNominationForm, BulkStepForm, NominationForm
from llct.training.models import Programme
from llct.training.services import bulk
from llct.training.services import nominations as nomination_services
from llct.web.access import require
from llct.web.actions import act, submit
from llct.web.export import xlsx_response


@require(Action.VIEW)
def nomination_list(request: HttpRequest) -> HttpResponse:
    nominations = selectors.nomination_list(request.user)
    if request.GET.get("status"):
        nominations = nominations.filter(status=request.GET["status"])
    if request.GET.get("export") == "xlsx":
        rows = nominations.order_by("cadre__name_sort_key")
        return xlsx_response(_("Hồ sơ cử đi học"), exports.nomination_columns(), rows, "ho-so-cu-di-hoc")
    form = None
    if can(request.user, Action.MANAGE_NOMINATIONS):
        form = NominationForm(
            request.POST or None,
            user=request.user,
            units=scoped(Unit.objects.exclude(kind__in=TRAINING_INSTITUTION_KINDS), request.user, ""),
            initial={"nominated_on": timezone.localdate()},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if response := submit(
            request,
            form,
            lambda _data: nomination_services.nomination_create(**form.service_kwargs(), by=request.user),
            done=_("Đã lập hồ sơ cử đi học."),
            then=lambda nomination: redirect("training:nomination_detail", pk=nomination.pk),
        ):
            return response
    may_step = can(request.user, Action.MANAGE_NOMINATIONS) or can(request.user, Action.APPROVE)
    context = {
        "nominations": nominations[:500],
        "form": form,
        "step_form": BulkStepForm() if may_step else None,
    }
    return render(request, "training/nomination_list.html", context)


@require(Action.MANAGE_NOMINATIONS)
def cadre_lookup(request: HttpRequest) -> HttpResponse:
    """The nomination form's autocomplete (htmx): cadres of the scope whose name, without regard to
    accents, or code matches what is typed, as <option>s of the cadre field's datalist."""
    cadres = selectors.cadre_suggestions(request.user, request.GET.get("cadre", ""))
    return render(request, "training/_cadre_options.html", {"cadres": cadres})


@require(Action.VIEW)
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(selectors.nomination_list(request.user), pk=pk)
    if request.method == "POST":
        name = request.POST.get("transition", "")
        if name not in nomination_services.TRANSITIONS:
            raise PermissionDenied
        klass = None
        if request.POST.get("training_class"):
            klass = get_object_or_404(
                selectors.class_list(request.user), pk=_int(request.POST["training_class"])
            )
        page = redirect("training:nomination_detail", pk=nomination.pk)
        return act(
            request,
            lambda: nomination_services.nomination_transition(
                nomination, name, by=request.user, reason=request.POST.get("reason", ""), training_class=klass
            ),
            back=page,
        )
    classes = selectors.class_list(request.user).filter(
        programme=nomination.programme, status__in=[ClassStatus.OPEN, ClassStatus.IN_PROGRESS]
    )
    return render(
        request,
        "training/nomination_detail.html",
        {
            "nomination": nomination,
            "transitions": nomination_services.allowed_transitions(nomination, request.user),
            "log": nomination.log.select_related("by"),
            "classes": classes,
        },
    )


def _int(value: str) -> int:
    """An id from a form, or 0 (which matches nothing: 404) when it is not a number."""
    return int(value) if value.isdigit() else 0


def _outcomes(request: HttpRequest, title: str, outcomes) -> HttpResponse:
    done = sum(1 for o in outcomes if o.done)
    context = {"title": title, "outcomes": outcomes, "done": done, "refused": len(outcomes) - done}
    return render(request, "training/bulk_result.html", context)


def _ints(values) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


def _day(text: str):
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return None


@require(Action.MANAGE_NOMINATIONS)
@require_POST
def nominations_bulk(request: HttpRequest) -> HttpResponse:
    """Nominate the cadres ticked on the eligible list, in two steps: the list's button brings the ticked
    cadres here (with the level and date screened) to choose the programme, mode and date; this page's
    button nominates each (its own nomination, refusals per row)."""
    level, on = request.POST.get("level", ""), request.POST.get("on", "")
    programmes = Programme.objects.filter(active=True)
    if level:
        programmes = programmes.filter(level=level)
    form = BulkNominationForm(
        request.POST if "programme" in request.POST else None,
        cadres=selectors.nominable_cadres(request.user),
        programmes=programmes,
        initial={"nominated_on": _day(on) or timezone.localdate()},
    )
    chosen = selectors.nominable_cadres(request.user).filter(pk__in=_ints(request.POST.getlist("cadres")))
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        outcomes = bulk.nominations_create_many(
            data["cadres"].select_related("unit").order_by("name_sort_key"),
            programme=data["programme"],
            mode=data["mode"],
            nominated_on=data["nominated_on"],
            by=request.user,
        )
        return _outcomes(request, _("Lập hồ sơ cử đi học theo danh sách"), outcomes)
    context = {
        "form": form,
        "chosen": chosen.select_related("unit").order_by("name_sort_key"),
        "level": level,
    }
    return render(request, "training/bulk_nominate.html", context)


@require(Action.VIEW)
@require_POST
def nominations_step(request: HttpRequest) -> HttpResponse:
    """Submit, approve or reject the nominations ticked on the list (refusals per row)."""
    form = BulkStepForm(request.POST, nominations=selectors.nomination_list(request.user))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("training:nomination_list")
    data = form.cleaned_data
    outcomes = bulk.nominations_transition_many(
        data["nominations"].order_by("cadre__name_sort_key"),
        data["transition"],
        by=request.user,
        reason=data["reason"],
    )
    return _outcomes(request, str(dict(BulkStepForm.STEPS)[data["transition"]]), outcomes)
