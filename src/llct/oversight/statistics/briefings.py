"""Recording a briefing (hội nghị tập huấn, quán triệt) with the headcount each audience unit reports."""

from django.db import transaction
from django.utils.translation import gettext as _

from llct.accounts.audit import audit
from llct.accounts.permissions import Action, can
from llct.errors import AppError
from llct.oversight.models import Briefing, BriefingAttendance
from llct.registry.scope import in_scope


@transaction.atomic
def briefing_record(by, *, attendance: list[dict], **fields) -> Briefing:
    """Create a briefing and its attendance rows ({unit, attendees, names}); the organiser and every audience
    unit within the recorder's scope, each unit once, at least one."""
    if not can(by, Action.RECORD_BRIEFING):
        raise AppError(_("Bạn không có quyền ghi hội nghị tập huấn, quán triệt."))
    if not in_scope(by, fields["organiser"]):
        raise AppError(_("Đơn vị tổ chức không thuộc phạm vi của bạn."), field="organiser")
    if not attendance:
        raise AppError(_("Ghi ít nhất một đơn vị dự và số người dự."))
    units = [row["unit"] for row in attendance]
    if len({u.pk for u in units}) != len(units):
        raise AppError(_("Mỗi đơn vị chỉ ghi một dòng số người dự."))
    if any(not in_scope(by, u) for u in units):
        raise AppError(_("Có đơn vị dự không thuộc phạm vi của bạn."))
    briefing = audit(Briefing(created_by=by, **fields), by, _("Ghi hội nghị tập huấn, quán triệt"))
    briefing.save()
    for row in attendance:
        audit(BriefingAttendance(briefing=briefing, **row), by).save()
    return briefing
