"""Nominations (cử đi học): the list with the nomination form (cadre searched, special case when not
eligible), the cadre autocomplete, and a nomination's page with its transitions and log."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import selectors
from llct.training.choices import ClassStatus
from llct.training.forms.planning import NominationForm
from llct.training.services import nominations as nomination_services
from llct.web.access import require
from llct.web.actions import act, submit


@require(Action.VIEW)
def nomination_list(request: HttpRequest) -> HttpResponse:
    nominations = selectors.nomination_list(request.user)
    if request.GET.get("status"):
        nominations = nominations.filter(status=request.GET["status"])
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
    return render(request, "training/nomination_list.html", {"nominations": nominations[:500], "form": form})


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
