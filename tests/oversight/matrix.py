"""Objects for the project's scope matrix (tests/test_scope_matrix.py): a briefing organised in province
Bắc Sơn and one in Nam Hà; the action the statistics URLs need; the queries that make the statistics
lists show everything they may (with every unit dimension, so that a unit outside the scope would show)."""

import datetime as dt

from llct.accounts.permissions import Action
from llct.oversight.models import Briefing, BriefingAttendance


def _briefing(organiser, audience) -> Briefing:
    briefing = Briefing.objects.create(
        date=dt.date(2025, 12, 2), topic="Quán triệt", kind="quan_triet", organiser=organiser
    )
    BriefingAttendance.objects.create(briefing=briefing, unit=audience, attendees=40)
    return briefing


def statistics_url_kwargs(w) -> tuple[dict, dict]:
    inside = _briefing(w.tree["new_commune"], w.tree["new_commune"])
    outside = _briefing(w.tree["south_commune"], w.tree["south_commune"])
    return {"pk": inside.pk}, {"pk": outside.pk}


STATISTICS_ACTIONS = {"statistics:briefing_detail": Action.VIEW_STATISTICS}

_EVERY_UNIT = (
    "indicators=learner_places,classes_opened,credentials_issued,briefing_attendance"
    "&rows=unit,institution,sending_unit"
)
STATISTICS_LIST_QUERIES = {
    "statistics:page": f"?{_EVERY_UNIT}&depth=9",
    "statistics:csv": f"?{_EVERY_UNIT}",
    "api:statistics": f"?{_EVERY_UNIT}",
    "statistics:report": "?report=province_yearly&year=2025&format=xlsx",
    "statistics:records": "?indicators=learner_places,credentials_issued,classes_opened,briefing_attendance",
}
