"""The audit trail across records (django-simple-history's rows of each kept model): who changed what and
when, filtered by kind of record, user, unit subtree and dates — always cut to the viewer's scope through
the unit each kind of record belongs to. (A finding's steps are in its own log, on its page.)"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from llct.credentials.models import Credential
from llct.eligibility.models import SpecialCaseDecision
from llct.registry.models import Assignment, Cadre, Unit
from llct.registry.scope import unit_filter
from llct.training.models import Enrolment, Nomination, TrainingClass, TrainingPlan


@dataclass(frozen=True)
class Trail:
    model: type[Model]
    unit: str  # the lookup of the unit the record belongs to ("" for a unit itself)


TRAILS: dict[str, Trail] = {
    "cadre": Trail(Cadre, "unit"),
    "assignment": Trail(Assignment, "cadre__unit"),
    "unit": Trail(Unit, ""),
    "specialcase": Trail(SpecialCaseDecision, "cadre__unit"),
    "plan": Trail(TrainingPlan, "unit"),
    "nomination": Trail(Nomination, "sending_unit"),
    "class": Trail(TrainingClass, "institution"),
    "enrolment": Trail(Enrolment, "training_class__institution"),
    "credential": Trail(Credential, "register__institution"),
}
ACTIONS = {"+": _("Tạo"), "~": _("Sửa"), "-": _("Xóa")}


def trail_rows(
    user,
    kind: str,
    *,
    unit: Unit | None = None,
    who: str = "",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet:
    """The history rows of `kind` in the user's scope (and `unit`'s subtree), newest first."""
    trail = TRAILS[kind]
    rows = trail.model.history.filter(unit_filter(user, trail.unit)).select_related("history_user")
    if unit is not None:
        lookup = f"{trail.unit}__path__startswith" if trail.unit else "path__startswith"
        rows = rows.filter(**{lookup: unit.path})
    if who.strip():
        rows = rows.filter(history_user__username__icontains=who.strip())
    if since is not None:
        rows = rows.filter(history_date__date__gte=since)
    if until is not None:
        rows = rows.filter(history_date__date__lte=until)
    return rows.order_by("-history_date", "-history_id")


def changes(row) -> list[tuple[str, object, object]]:
    """What one history row changed against the row before it: (field label, before, after)."""
    previous = row.prev_record
    if previous is None:
        return []
    fields = {f.name: f for f in row.instance_type._meta.fields}
    out = []
    for change in row.diff_against(previous).changes:
        field = fields.get(change.field)
        out.append((str(field.verbose_name) if field else change.field, change.old, change.new))
    return out
