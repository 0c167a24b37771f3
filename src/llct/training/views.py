"""Training pages. Views only translate HTTP: reads through `selectors` (scoped; outside → 404), writes
through `services` (which check the role → 403, and the rules → a Vietnamese message)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from llct.accounts.permissions import Action, can
from llct.accounts.scope import scoped
from llct.registry.choices import TRAINING_INSTITUTION_KINDS
from llct.registry.models import Cadre, Unit
from llct.training import selectors
from llct.training.choices import AttendanceStatus, Discipline
from llct.training.forms import ClassForm, NominationForm, RecognitionForm, SessionForm
from llct.training.models import Appeal, Programme, RecognitionDecision
from llct.training.services import classes as class_services
from llct.training.services import nominations as nomination_services
from llct.training.services import plans as plan_services
from llct.training.services.assessment import essays as essay_services
from llct.training.services.assessment.results import (
    class_assess,
    enrolment_discipline,
    enrolment_result,
    enrolment_reward,
)
from llct.training.services.attendance import attendance_record, attendance_summary
from llct.training.services.errors import TrainingRuleError
from llct.training.services.recognition import recognition_decide, recognition_pdf
from llct.training.services.workload import lecturer_load


def _viewer(request: HttpRequest) -> None:
    if not can(request.user, Action.VIEW):
        raise PermissionDenied


def _refused(request: HttpRequest, error: TrainingRuleError) -> None:
    messages.error(request, " ".join(error.messages))


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    programmes = Programme.objects.prefetch_related("modules")
    return render(request, "training/programme_list.html", {"programmes": programmes})


# ── plans ──


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    if request.method == "POST":
        unit = get_object_or_404(scoped(Unit.objects.all(), request.user, ""), pk=request.POST.get("unit"))
        plan = plan_services.plan_create(unit=unit, year=int(request.POST.get("year") or 0), by=request.user)
        return redirect("training:plan_detail", pk=plan.pk)
    return render(
        request,
        "training/plan_list.html",
        {
            "plans": selectors.plan_list(request.user),
            "units": scoped(Unit.objects.all(), request.user, "")[:200],
        },
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer(request)
    plan = get_object_or_404(selectors.plan_list(request.user), pk=pk)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "quota":
                programme = get_object_or_404(Programme, pk=request.POST.get("programme"))
                plan_services.quota_set(
                    plan=plan,
                    programme=programme,
                    quota=int(request.POST.get("quota") or 0),
                    mode=request.POST.get("mode", ""),
                    by=request.user,
                )
            elif step == "approve":
                plan_services.plan_approve(
                    plan=plan,
                    approving_body=request.POST.get("approving_body", ""),
                    document=request.POST.get("document", ""),
                    by=request.user,
                )
            elif step == "fix":
                plan_services.plan_fix(plan=plan, by=request.user)
        except TrainingRuleError as error:
            _refused(request, error)
        return redirect("training:plan_detail", pk=plan.pk)
    return render(
        request,
        "training/plan_detail.html",
        {
            "plan": plan,
            "rows": selectors.plan_actual(plan),
            "programmes": Programme.objects.filter(active=True),
        },
    )


# ── nominations ──


@login_required
def nomination_list(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    nominations = selectors.nomination_list(request.user)
    if request.GET.get("status"):
        nominations = nominations.filter(status=request.GET["status"])
    form = None
    if can(request.user, Action.MANAGE_NOMINATIONS):
        form = NominationForm(
            request.POST or None,
            cadres=scoped(Cadre.objects.all(), request.user),
            units=scoped(Unit.objects.exclude(kind__in=TRAINING_INSTITUTION_KINDS), request.user, ""),
            initial={"nominated_on": timezone.localdate()},
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                nomination = nomination_services.nomination_create(**form.cleaned_data, by=request.user)
                messages.success(request, _("Đã lập hồ sơ cử đi học."))
                return redirect("training:nomination_detail", pk=nomination.pk)
            except TrainingRuleError as error:
                _refused(request, error)
    return render(request, "training/nomination_list.html", {"nominations": nominations[:500], "form": form})


@login_required
def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer(request)
    nomination = get_object_or_404(selectors.nomination_list(request.user), pk=pk)
    if request.method == "POST":
        name = request.POST.get("transition", "")
        if name not in nomination_services.TRANSITIONS:
            raise PermissionDenied
        klass = None
        if request.POST.get("training_class"):
            klass = get_object_or_404(selectors.class_list(request.user), pk=request.POST["training_class"])
        try:
            nomination_services.nomination_transition(
                nomination, name, by=request.user, reason=request.POST.get("reason", ""), training_class=klass
            )
        except TrainingRuleError as error:
            _refused(request, error)
        return redirect("training:nomination_detail", pk=nomination.pk)
    classes = selectors.class_list(request.user).filter(
        programme=nomination.programme, status__in=["mo", "dang_hoc"]
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


# ── classes ──


@login_required
def class_list(request: HttpRequest) -> HttpResponse:
    _viewer(request)
    form = None
    if can(request.user, Action.RUN_TRAINING):
        form = ClassForm(
            request.POST or None,
            institutions=scoped(Unit.objects.filter(kind__in=TRAINING_INSTITUTION_KINDS), request.user, ""),
            lecturers=selectors.lecturer_list(request.user),
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                klass = class_services.class_open(**form.cleaned_data, by=request.user)
                return redirect("training:class_detail", pk=klass.pk)
            except TrainingRuleError as error:
                _refused(request, error)
    return render(
        request, "training/class_list.html", {"classes": selectors.class_list(request.user), "form": form}
    )


@login_required
def class_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer(request)
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    if request.method == "POST":
        step = request.POST.get("step")
        try:
            if step == "start":
                class_services.class_start(klass, by=request.user)
            elif step == "session":
                form = SessionForm(request.POST, lecturers=selectors.lecturer_list(request.user))
                if form.is_valid():
                    class_services.session_add(klass, **form.cleaned_data, by=request.user)
            elif step == "hand_in":
                essay_services.marks_hand_in(klass, on=timezone.localdate(), by=request.user)
            elif step == "publish":
                essay_services.marks_publish(klass, on=timezone.localdate(), by=request.user)
            elif step == "assess":
                class_assess(klass, by=request.user)
            elif step == "recognise":
                form = RecognitionForm(request.POST)
                if form.is_valid():
                    recognition_decide(klass, **form.cleaned_data, by=request.user)
        except TrainingRuleError as error:
            _refused(request, error)
        return redirect("training:class_detail", pk=klass.pk)
    enrolments = klass.enrolments.select_related("cadre", "sending_unit").prefetch_related("essays")
    rows = [
        {"enrolment": e, "attendance": attendance_summary(e), "result": enrolment_result(e)}
        for e in enrolments
    ]
    return render(
        request,
        "training/class_detail.html",
        {
            "klass": klass,
            "rows": rows,
            "sessions": klass.sessions.select_related("lecturer", "module"),
            "session_form": SessionForm(lecturers=selectors.lecturer_list(request.user)),
            "recognition_form": RecognitionForm(initial={"signed_on": timezone.localdate()}),
            "deadlines": essay_services.class_deadlines(klass, timezone.localdate()),
            "recognition": RecognitionDecision.objects.filter(training_class=klass).first(),
            "lecturers": selectors.lecturer_list(request.user).filter(institution=klass.institution),
            "disciplines": [c for c in Discipline.choices if c[0]],
        },
    )


@login_required
def session_attendance(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """The attendance sheet of one session (an htmx fragment inside the class page)."""
    _viewer(request)
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    session = get_object_or_404(klass.sessions, pk=session_pk)
    enrolments = klass.enrolments.select_related("cadre").exclude(status="rut")
    if request.method == "POST":
        try:
            for e in enrolments:
                status = request.POST.get(f"status-{e.pk}")
                if status in AttendanceStatus.values:
                    attendance_record(
                        session,
                        e,
                        status,
                        reason=request.POST.get(f"reason-{e.pk}", ""),
                        confirmed=bool(request.POST.get(f"confirmed-{e.pk}")),
                        by=request.user,
                    )
            messages.success(request, _("Đã lưu điểm danh."))
        except TrainingRuleError as error:
            _refused(request, error)
    marks = {a.enrolment_id: a for a in session.attendance.all()}
    rows = [(e, marks.get(e.pk)) for e in enrolments]
    return render(
        request,
        "training/_attendance.html",
        {"klass": klass, "session": session, "rows": rows, "statuses": AttendanceStatus.choices},
    )


@login_required
@require_POST
def essay_mark(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    """Hand in and mark the essay of one learner (two markers)."""
    if not can(request.user, Action.ENTER_MARKS):
        raise PermissionDenied
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    enrolment = get_object_or_404(klass.enrolments, pk=enrolment_pk)
    lecturers = selectors.lecturer_list(request.user).filter(institution=klass.institution)
    first = lecturers.filter(pk=request.POST.get("first_marker") or None).first()
    second = lecturers.filter(pk=request.POST.get("second_marker") or None).first()
    try:
        if first is None or second is None:
            raise TrainingRuleError(_("%(n)s: chọn hai giảng viên chấm.") % {"n": enrolment.cadre.full_name})
        first_mark = Decimal(request.POST.get("first_mark", "").replace(",", "."))
        second_mark = Decimal(request.POST.get("second_mark", "").replace(",", "."))
        essay = essay_services.essay_submit(enrolment, submitted_on=timezone.localdate(), by=request.user)
        essay_services.essay_mark(
            essay,
            first_marker=first,
            first_mark=first_mark,
            second_marker=second,
            second_mark=second_mark,
            marked_on=timezone.localdate(),
            by=request.user,
        )
    except TrainingRuleError as error:
        _refused(request, error)
    except InvalidOperation:
        messages.error(request, _("%(n)s: điểm phải là số từ 0 đến 10.") % {"n": enrolment.cadre.full_name})
    return redirect("training:class_detail", pk=klass.pk)


@login_required
@require_POST
def learner_action(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    """Per-learner decisions: reward (≤ 10%), discipline, appeal (lodge, re-mark, director's mark). The
    page needs the marking role; rewards, discipline and the director's mark also need Action.APPROVE,
    checked by the services."""
    if not can(request.user, Action.ENTER_MARKS):
        raise PermissionDenied
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    enrolment = get_object_or_404(klass.enrolments, pk=enrolment_pk)
    step, today = request.POST.get("step"), timezone.localdate()
    lecturers = selectors.lecturer_list(request.user).filter(institution=klass.institution)
    try:
        if step == "reward":
            enrolment_reward(enrolment, by=request.user)
        elif step == "discipline":
            enrolment_discipline(
                enrolment,
                request.POST.get("kind", ""),
                reason=request.POST.get("reason", ""),
                by=request.user,
            )
        elif step in ("appeal", "remark", "director"):
            essay = enrolment.essays.order_by("-attempt").first()
            if essay is None:
                raise TrainingRuleError(_("Học viên chưa có bài thu hoạch."))
            appeal = Appeal.objects.filter(essay=essay).first()
            if step == "appeal":
                essay_services.appeal_lodge(essay, lodged_on=today, by=request.user)
            elif appeal is None:
                raise TrainingRuleError(_("Chưa có đơn phúc tra của học viên này."))
            elif step == "remark":
                marker = lecturers.filter(pk=request.POST.get("marker") or None).first()
                if marker is None:
                    raise TrainingRuleError(_("Chọn giảng viên phúc tra."))
                essay_services.appeal_remark(
                    appeal,
                    marker=marker,
                    remark=Decimal(request.POST.get("mark", "").replace(",", ".")),
                    on=today,
                    by=request.user,
                )
            else:
                essay_services.appeal_director_decide(
                    appeal,
                    mark=Decimal(request.POST.get("mark", "").replace(",", ".")),
                    minutes=request.POST.get("minutes", ""),
                    on=today,
                    by=request.user,
                )
    except TrainingRuleError as error:
        _refused(request, error)
    except InvalidOperation:
        messages.error(request, _("%(n)s: điểm phải là số từ 0 đến 10.") % {"n": enrolment.cadre.full_name})
    return redirect("training:class_detail", pk=klass.pk)


@login_required
def recognition_download(request: HttpRequest, pk: int) -> HttpResponse:
    _viewer(request)
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    decision = get_object_or_404(RecognitionDecision, training_class=klass)
    response = HttpResponse(recognition_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="quyet-dinh-{klass.code}.pdf"'
    return response


@login_required
def lecturer_list(request: HttpRequest) -> HttpResponse:
    """Each lecturer's teaching load: standard hours taught / norm (QĐ 1147 art. 13)."""
    _viewer(request)
    year = int(request.GET.get("year") or dt.date.today().year)
    loads = [lecturer_load(lecturer, year) for lecturer in selectors.lecturer_list(request.user)]
    return render(request, "training/lecturer_list.html", {"loads": loads, "year": year})
