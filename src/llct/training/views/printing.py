"""A4 print views of a class: the mark sheet (bảng điểm) and the attendance sheet (sổ điểm danh), in the
administrative layout of llct/web/print.html."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action
from llct.documents.place import document_place
from llct.registry.models import Unit
from llct.training import selectors
from llct.training.choices import AttendanceStatus
from llct.training.models import Attendance
from llct.training.services.assessment.results import class_results
from llct.web.access import require

_MARK = {AttendanceStatus.PRESENT: "x", AttendanceStatus.EXCUSED: "P", AttendanceStatus.ABSENT: "K"}


def _frame(klass, title: str) -> dict:
    parent = Unit.objects.get_parent(klass.institution)
    parent_name = parent.name if parent else ""
    return {
        "klass": klass,
        "title": title,
        "subtitle": f"{klass.code} — {klass.name} · {klass.starts_on:%d/%m/%Y} – {klass.ends_on:%d/%m/%Y}",
        "parent": parent_name,
        "issuer": klass.institution.name,
        "place": document_place(parent_name, klass.institution.name),
        "today": timezone.localdate(),
        "signer_title": _("Giám đốc"),
        "back": reverse("training:class_detail", args=[klass.pk]),
    }


@require(Action.VIEW)
def class_print(request: HttpRequest, pk: int, sheet: str) -> HttpResponse:
    klass = get_object_or_404(selectors.class_list(request.user), pk=pk)
    if sheet == "diem":
        rows = sorted(class_results(klass), key=lambda r: r.enrolment.cadre.name_sort_key)
        context = _frame(klass, _("Bảng điểm")) | {"rows": rows}
        return render(request, "training/print_marks.html", context)
    if sheet == "diem-danh":
        sessions = list(klass.sessions.order_by("date", "pk"))
        enrolments = list(klass.enrolments.select_related("cadre").order_by("cadre__name_sort_key"))
        marks = {
            (a.enrolment_id, a.session_id): _MARK.get(a.status, "")
            for a in Attendance.objects.filter(session__training_class=klass).only(
                "enrolment_id", "session_id", "status"
            )
        }
        grid = [(e, [marks.get((e.pk, s.pk), "") for s in sessions]) for e in enrolments]
        context = _frame(klass, _("Sổ điểm danh")) | {"sessions": sessions, "grid": grid}
        return render(request, "training/print_attendance.html", context)
    raise Http404
