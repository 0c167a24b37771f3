"""The audit trail page (administrators and inspectors)."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from llct.accounts.permissions import Action
from llct.registry import selectors as registry
from llct.registry.fields import UnitChoiceField, picker_units
from llct.web.access import require
from llct.web.forms import DateField

from .selectors import ACTIONS, TRAILS, changes, trail_rows

LABELS = {
    "cadre": _("Cán bộ"),
    "assignment": _("Chức vụ đảm nhiệm"),
    "unit": _("Đơn vị"),
    "specialcase": _("Trường hợp đặc biệt"),
    "plan": _("Kế hoạch"),
    "nomination": _("Hồ sơ cử đi học"),
    "class": _("Lớp học"),
    "enrolment": _("Học viên của lớp"),
    "credential": _("Văn bằng, chứng chỉ"),
}


class TrailForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại hồ sơ"), choices=[(k, LABELS[k]) for k in TRAILS], required=False)
    unit = UnitChoiceField(label=_("Đơn vị (cả đơn vị trực thuộc)"), required=False)
    who = forms.CharField(label=_("Người thay đổi (tên đăng nhập)"), required=False, max_length=150)
    since = DateField(label=_("Từ ngày"), required=False)
    until = DateField(label=_("Đến ngày"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = picker_units(registry.unit_list(user), ended=True)


@require(Action.INSPECT)
def audit_trail(request: HttpRequest) -> HttpResponse:
    form = TrailForm(request.GET or None, user=request.user)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    kind = data.get("kind") or "cadre"
    rows = trail_rows(
        request.user,
        kind,
        unit=data.get("unit"),
        who=data.get("who", ""),
        since=data.get("since"),
        until=data.get("until"),
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    entries = [
        {"row": row, "action": ACTIONS.get(row.history_type, ""), "changes": changes(row)} for row in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "entries": entries,
        "kind": LABELS[kind],
        "query": query.urlencode(),
    }
    return render(request, "oversight/audit_trail.html", context)
