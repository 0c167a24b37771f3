"""Classes: the list with the opening form, and a class's page — learners with attendance and results,
committee and homeroom lecturer, schedule, essays and their deadlines, the recognition decision and the
link to the issuing page of credentials."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.credentials.choices import RevocationReason
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Unit
from llct.registry.scope import scoped
from llct.training import exports, selectors
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
from llct.web.access import check, require
from llct.web.actions import act, submit
from llct.web.export import xlsx_response

from .class_steps import STEPS


@require(Action.VIEW)
def class_list(request: HttpRequest) -> HttpResponse:
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
        if response := submit(
            request,
            form,
            lambda data: class_services.class_open(**data, by=request.user),
            then=lambda opened: redirect("training:class_detail", pk=opened.pk),
        ):
            return response
    work = request.GET.get("work", "")
    if request.GET.get("export") == "xlsx":
        rows = selectors.class_list(request.user).order_by("-starts_on", "code")
        return xlsx_response(_("Danh sách lớp"), exports.class_columns(), rows, "danh-sach-lop")
    if work in selectors.CLASS_WORK:
        classes = selectors.classes_waiting(request.user, work, timezone.localdate())
        waiting = selectors.CLASS_WORK[work][0]
    else:
        classes, waiting = selectors.class_list(request.user), ""
    return render(
        request,
        "training/class_list.html",
        {"classes": classes.order_by("-starts_on", "code"), "form": form, "waiting": waiting},
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
        "completing": klass.enrolments.filter(completed=True).count(),
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


@require(Action.VIEW)
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    if request.method == "POST":
        if not any(can(request.user, s.action) for s in STEPS.values()):
            raise PermissionDenied  # a role with no step on this page: 403 before any redirect
        step = STEPS.get(request.POST.get("step", ""))
        page = redirect("training:class_detail", pk=klass.pk)
        if step is None:
            return page
        check(request.user, step.action)
        if step.form is None:
            return act(request, lambda: step.call(request, klass, {}), back=page)
        form = step.form(request.POST, klass=klass, user=request.user)
        if response := submit(request, form, lambda data: step.call(request, klass, data), then=page):
            return response
        name = f"{request.POST['step']}_form"
        context = _context(request, klass, {name: form})
        return render(request, "training/class_detail.html", context)
    if request.GET.get("export") == "xlsx":
        rows = class_results(klass, as_of=timezone.localdate())
        title = _("Kết quả học tập lớp %(code)s") % {"code": klass.code}
        return xlsx_response(title, exports.result_columns(), rows, f"ket-qua-{klass.code}")
    return render(request, "training/class_detail.html", _context(request, klass))
