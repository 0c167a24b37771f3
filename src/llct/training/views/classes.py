"""Classes: the list with the opening form, and a class's page — learners with attendance and results,
committee and homeroom lecturer, schedule, essays and their deadlines, the recognition decision and the
link to the issuing page of credentials."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from llct.accounts.permissions import Action, can
from llct.credentials.choices import RevocationReason
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import selectors
from llct.training.choices import AssessmentScheme, Discipline, ProgrammeOutput
from llct.training.forms.assessment import DayForm, ReceiveForm, RecognitionForm
from llct.training.forms.classes import (
    AdmitForm,
    ClassForm,
    CommitteeForm,
    CommuneListForm,
    HomeroomForm,
    SessionForm,
)
from llct.training.models import DisciplineRecord, RecognitionDecision
from llct.training.services import classes as class_services
from llct.training.services.assessment import essays as essay_services
from llct.training.services.assessment.results import class_results

from .class_steps import STEPS
from .common import refused, require, run, viewer


@login_required
def class_list(request: HttpRequest) -> HttpResponse:
    viewer(request)
    form = None
    if can(request.user, Action.RUN_TRAINING):
        form = ClassForm(
            request.POST or None,
            institutions=scoped(Unit.objects.filter(kind__in=TRAINING_INSTITUTION_KINDS), request.user, ""),
            lecturers=selectors.lecturer_list(request.user).filter(active=True),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        opened = {}

        def open_class(data):
            opened["klass"] = class_services.class_open(**data, by=request.user)

        if run(form, open_class):
            return redirect("training:class_detail", pk=opened["klass"].pk)
    return render(
        request, "training/class_list.html", {"classes": selectors.class_list(request.user), "form": form}
    )


def _forms(klass, user) -> dict:
    return {
        "homeroom_form": HomeroomForm(klass=klass),
        "committee_form": CommitteeForm(klass=klass),
        "session_form": SessionForm(klass=klass),
        "admit_form": AdmitForm(klass=klass),
        "enrol_list_form": CommuneListForm(klass=klass, user=user)
        if klass.programme.is_commune_centre
        else None,
        "receive_form": ReceiveForm(),
        "hand_in_form": DayForm(step="hand_in"),
        "publish_form": DayForm(step="publish"),
        "recognise_form": RecognitionForm(initial={"signed_on": timezone.localdate()}),
    }


def _context(request: HttpRequest, klass, bound: dict | None = None) -> dict:
    today = timezone.localdate()
    user = request.user
    recognition = RecognitionDecision.objects.filter(training_class=klass).first()
    deadlines = essay_services.class_deadlines(klass, today)
    return {
        "klass": klass,
        "rows": class_results(klass, as_of=today),
        "sessions": klass.sessions.select_related("lecturer", "module"),
        "deadlines": deadlines,
        "late": [d for d in deadlines if d["late"]],
        "recognition": recognition,
        "issuing": recognition is not None
        and klass.programme.output in (ProgrammeOutput.CERTIFICATE, ProgrammeOutput.DIPLOMA),
        "lecturers": selectors.class_lecturers(klass),
        "disciplines": [c for c in Discipline.choices if c[0]],
        "revocation_reasons": RevocationReason.choices,
        "discipline_records": DisciplineRecord.objects.filter(enrolment__training_class=klass).select_related(
            "enrolment__cadre", "recorded_by", "recognition"
        ),
        "essays": klass.programme.assessment_scheme == AssessmentScheme.ESSAY_QD1147,
        "may_run": can(user, Action.RUN_TRAINING),
        "may_mark": can(user, Action.ENTER_MARKS),
        "may_approve": can(user, Action.APPROVE),
        **_forms(klass, user),
        **(bound or {}),
    }


@login_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    viewer(request)
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    if request.method == "POST":
        step = STEPS.get(request.POST.get("step", ""))
        if step is None:
            return redirect("training:class_detail", pk=klass.pk)
        require(request, step.action)
        if step.form is None:
            try:
                step.call(request, klass, {})
            except ValidationError as error:
                refused(request, error)
            return redirect("training:class_detail", pk=klass.pk)
        form = step.form(request.POST, klass=klass, user=request.user)
        if run(form, lambda data: step.call(request, klass, data)):
            return redirect("training:class_detail", pk=klass.pk)
        name = f"{request.POST['step']}_form"
        context = _context(request, klass, {name: form})
        return render(request, "training/class_detail.html", context)
    return render(request, "training/class_detail.html", _context(request, klass))
