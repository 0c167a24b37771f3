"""The attendance sheet of one session (an htmx fragment inside the class page)."""

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action
from llct.training import selectors
from llct.training.choices import EnrolmentStatus
from llct.training.forms.assessment import AttendanceRowForm
from llct.training.services.attendance import attendance_record
from llct.training.services.errors import TrainingRuleError
from llct.web.access import check, require
from llct.web.actions import add_errors


@require(Action.VIEW)
def session_attendance(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    """GET: the sheet, each learner preset to their recorded status (present when none). POST: record the
    whole sheet, or — when any row is wrong — nothing, with each wrong row's message beside it."""
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    session = get_object_or_404(klass.sessions, pk=session_pk)
    enrolments = list(klass.enrolments.select_related("cadre").exclude(status=EnrolmentStatus.WITHDRAWN))
    recorded = {a.enrolment_id: a for a in session.attendance.all()}
    if request.method == "POST":
        check(request.user, Action.RUN_TRAINING)
        rows = [(e, AttendanceRowForm(request.POST, enrolment=e)) for e in enrolments]
        valid = [form.is_valid() for _e, form in rows]  # every row, so each wrong one shows its message
        if all(valid) and _record(request, session, rows):
            messages.success(request, _("Đã lưu điểm danh."))
            recorded = {a.enrolment_id: a for a in session.attendance.all()}
            rows = [(e, _initial(e, recorded.get(e.pk))) for e in enrolments]
        else:
            messages.error(request, _("Chưa lưu điểm danh: sửa các dòng báo lỗi rồi lưu lại."))
    else:
        rows = [(e, _initial(e, recorded.get(e.pk))) for e in enrolments]
    return render(request, "training/_attendance.html", {"klass": klass, "session": session, "rows": rows})


def _initial(enrolment, row) -> AttendanceRowForm:
    initial = {"status": "co_mat"}
    if row is not None:
        initial = {"status": row.status, "reason": row.reason, "confirmed": row.confirmed_by_sending_unit}
    return AttendanceRowForm(enrolment=enrolment, initial=initial)


def _record(request, session, rows) -> bool:
    """Record every row in one transaction; on any refusal roll all back and put it on its row."""
    failed = False
    with transaction.atomic():
        for enrolment, form in rows:
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    attendance_record(
                        session,
                        enrolment,
                        data["status"],
                        reason=data["reason"],
                        confirmed=data["confirmed"],
                        by=request.user,
                    )
            except TrainingRuleError as error:
                add_errors(form, error)
                failed = True
        if failed:
            transaction.set_rollback(True)
    return not failed
