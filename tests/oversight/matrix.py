"""Objects for the project's scope matrix (tests/test_scope_matrix.py): a briefing organised in province
Bắc Sơn and one in Nam Hà, and a report job of each; the action the statistics URLs need; the queries
that make the statistics lists show everything they may (with every unit dimension, so that a unit
outside the scope would show)."""

import datetime as dt

from django.core.files.base import ContentFile

from llct.accounts.models import Role
from llct.accounts.permissions import Action
from llct.oversight.models import Briefing, BriefingAttendance, ReportJob


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


def _report_job(w, unit) -> ReportJob:
    job = ReportJob.objects.create(
        created_by=w.users[Role.ORG_BOARD],
        report="province_yearly",
        year=2025,
        unit=unit,
        format="csv",
        state="xong",
    )
    job.file.save("province_yearly-2025.csv", ContentFile(b"x"))
    return job


def report_job_kwargs(w) -> tuple[dict, dict]:
    """A finished report job of Bắc Sơn and one of Nam Hà (seen by the users whose scope holds its unit)."""
    return {"pk": _report_job(w, w.tree["north"]).pk}, {"pk": _report_job(w, w.tree["south"]).pk}


REPORT_JOB_URLS = ("statistics:report_job", "statistics:report_job_status", "statistics:report_job_file")
STATISTICS_ACTIONS = {
    "statistics:briefing_detail": Action.VIEW_STATISTICS,
    **dict.fromkeys(REPORT_JOB_URLS, Action.VIEW_STATISTICS),
}

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
    "statistics:dashboard_panel": "",
}
