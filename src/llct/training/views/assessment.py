"""Assessment pages: marking a learner's essay (two markers), the per-learner decisions (rewrite, appeal,
re-mark, the director's mark, reward, discipline), the exam sheet of LLCT-level classes, and the
recognition decision's PDF."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from llct.accounts.permissions import Action
from llct.credentials.choices import RevocationReason
from llct.training import selectors
from llct.training.choices import AssessmentScheme, MarkKind
from llct.training.forms.assessment import (
    DirectorForm,
    DisciplineForm,
    EssayMarkForm,
    ExamSheetForm,
    RemarkForm,
    RewriteForm,
)
from llct.training.models import Appeal, Mark, RecognitionDecision
from llct.training.services.assessment import appeals as appeal_services
from llct.training.services.assessment import essays as essay_services
from llct.training.services.assessment.discipline import enrolment_discipline
from llct.training.services.assessment.exams import mark_enter
from llct.training.services.assessment.results import (
    assessment_preview,
    enrolment_reward,
    missing_marks_message,
)
from llct.training.services.assessment.results import class_assess as assess
from llct.training.services.classes import COUNTED
from llct.training.services.errors import TrainingRuleError
from llct.training.services.recognition import recognition_pdf
from llct.web.access import check, require
from llct.web.actions import act, add_errors, refused


def _form_messages(request: HttpRequest, form, who: str) -> None:
    """A per-learner form's errors as messages naming the learner and the field."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        for error in errors:
            messages.error(request, f"{who} — {label}: {error}" if label else f"{who}: {error}")


def _back(klass, enrolment) -> HttpResponse:
    return redirect(reverse("training:class_detail", args=[klass.pk]) + f"#learner-{enrolment.pk}")


def _learner(request: HttpRequest, pk: int, enrolment_pk: int):
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    enrolment = get_object_or_404(klass.enrolments.select_related("cadre"), pk=enrolment_pk)
    return klass, enrolment


def _apply(request: HttpRequest, form, who: str, call) -> None:
    if not form.is_valid():
        _form_messages(request, form, who)
        return
    try:
        call(form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
        _form_messages(request, form, who)


@require(Action.ENTER_MARKS)
@require_POST
def essay_mark(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    """Two lecturers' marks of one learner's latest essay (a lecturer assigned as one of its markers, or
    the staff running the class on their behalf)."""
    klass, enrolment = _learner(request, pk, enrolment_pk)
    who = enrolment.cadre.full_name
    form = EssayMarkForm(request.POST, lecturers=selectors.class_lecturers(klass))
    essay = enrolment.essays.order_by("-attempt").first()
    if essay is None:
        messages.error(request, _("%(n)s chưa nộp bài thu hoạch.") % {"n": who})
        return redirect("training:class_detail", pk=klass.pk)
    _apply(
        request,
        form,
        who,
        lambda d: essay_services.essay_mark(essay, **d, marked_on=timezone.localdate(), by=request.user),
    )
    return _back(klass, enrolment)


@require(Action.ENTER_MARKS)
@require_POST
def learner_action(request: HttpRequest, pk: int, enrolment_pk: int) -> HttpResponse:
    """Per-learner decisions. The page needs the marking role; rewrites and appeals also need to run the
    class, rewards and discipline Action.APPROVE, the director's mark the director — checked by the
    services."""
    klass, enrolment = _learner(request, pk, enrolment_pk)
    who, today, by = enrolment.cadre.full_name, timezone.localdate(), request.user
    step = request.POST.get("step")
    essay = enrolment.essays.order_by("-attempt").first()
    appeal = Appeal.objects.filter(essay=essay).first() if essay is not None else None
    lecturers = selectors.class_lecturers(klass)
    try:
        if step == "reward":
            enrolment_reward(enrolment, by=by)
        elif step == "discipline":
            _apply(
                request,
                DisciplineForm(request.POST),
                who,
                lambda d: enrolment_discipline(
                    enrolment,
                    d["kind"],
                    reason=d["reason"],
                    document=d["document"],
                    on=d["decided_on"] or today,
                    revocation_reason=d["revocation_reason"] or RevocationReason.FRAUD,
                    by=by,
                ),
            )
        elif step == "rewrite":
            _apply(
                request,
                RewriteForm(request.POST),
                who,
                lambda d: essay_services.essay_submit(enrolment, submitted_on=d["submitted_on"], by=by),
            )
        elif step in ("appeal", "remark", "director") and essay is None:
            raise TrainingRuleError(_("%(n)s chưa có bài thu hoạch.") % {"n": who})
        elif step == "appeal":
            appeal_services.appeal_lodge(essay, lodged_on=today, by=by)
        elif step in ("remark", "director") and appeal is None:
            raise TrainingRuleError(_("Chưa có đơn phúc tra của %(n)s.") % {"n": who})
        elif step == "remark":
            _apply(
                request,
                RemarkForm(request.POST, lecturers=lecturers),
                who,
                lambda d: appeal_services.appeal_remark(
                    appeal, marker=d["marker"], remark=d["mark"], on=today, by=by
                ),
            )
        elif step == "director":
            _apply(
                request,
                DirectorForm(request.POST),
                who,
                lambda d: appeal_services.appeal_director_decide(
                    appeal, mark=d["mark"], minutes=d["minutes"], on=today, by=by
                ),
            )
    except TrainingRuleError as error:
        refused(request, error)
    return _back(klass, enrolment)


@require(Action.VIEW)
def exam_marks(request: HttpRequest, pk: int) -> HttpResponse:
    """The exam sheet of an LLCT-level class: module exams and the final exam or thesis of every learner
    on the 10-point scale, as the programme configures them (modules with an exam, the final weight, the
    pass mark and bands — shown, with a note when the bands are an assumption). Saved all or nothing."""
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    if klass.programme.assessment_scheme != AssessmentScheme.EXAMS:
        messages.error(request, _("Lớp này đánh giá bằng bài thu hoạch (QĐ 1147), không có bảng điểm thi."))
        return redirect("training:class_detail", pk=klass.pk)
    enrolments = list(klass.enrolments.select_related("cadre").filter(status__in=COUNTED))
    modules = [m for m in klass.programme.modules.all() if m.has_exam]
    marks = {
        (m.enrolment_id, m.kind, m.module_id): m.value
        for m in Mark.objects.filter(enrolment__training_class=klass, attempt=1)
    }
    form = ExamSheetForm(request.POST or None, enrolments=enrolments, modules=modules, marks=marks)
    if request.method == "POST":
        check(request.user, Action.ENTER_MARKS)
        if form.is_valid() and _save_sheet(request, form):
            messages.success(request, _("Đã lưu bảng điểm."))
            return redirect("training:exam_marks", pk=klass.pk)
        messages.error(request, _("Chưa lưu bảng điểm: sửa các ô báo lỗi rồi lưu lại."))
    programme = klass.programme
    return render(
        request,
        "training/exam_marks.html",
        {
            "klass": klass,
            "programme": programme,
            "modules": modules,
            "form": form,
            "bands": sorted((programme.bands or {}).items(), key=lambda item: item[1]),
            "kinds": MarkKind,
        },
    )


def _save_sheet(request: HttpRequest, form: ExamSheetForm) -> bool:
    data = form.cleaned_data
    failed = False
    with transaction.atomic():
        for enrolment, kind, module, value, name in form.entries():
            try:
                with transaction.atomic():
                    mark_enter(
                        enrolment,
                        kind=kind,
                        value=value,
                        module=module,
                        attempt=data["attempt"],
                        examined_on=data["examined_on"],
                        by=request.user,
                    )
            except TrainingRuleError as error:
                form.add_error(name, error.messages)
                failed = True
        if failed:
            transaction.set_rollback(True)
    return not failed


@require(Action.VIEW)
def recognition_download(request: HttpRequest, pk: int) -> HttpResponse:
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    decision = get_object_or_404(RecognitionDecision, training_class=klass)
    response = HttpResponse(recognition_pdf(decision), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="quyet-dinh-{klass.code}.pdf"'
    return response


@require(Action.ENTER_MARKS)
def class_assess(request: HttpRequest, pk: int) -> HttpResponse:
    """Deciding a class's results, in two steps: this page says what will happen (who completes, who does
    not and why, or which required marks are missing and so refuse it); its button decides."""
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    if request.method == "POST":
        return act(
            request,
            lambda: assess(klass, by=request.user),
            back=redirect("training:class_assess", pk=klass.pk),
            then=redirect("training:class_detail", pk=klass.pk),
            done=_("Đã xét kết quả của lớp."),
        )
    preview = assessment_preview(klass)
    refusal = missing_marks_message(preview.missing, shown=len(preview.missing)) if preview.missing else ""
    return render(
        request, "training/class_assess.html", {"klass": klass, "preview": preview, "refusal": refusal}
    )
