"""Objects for the project's scope matrix (tests/test_scope_matrix.py): a run, a finding with an attached
file and an inspection plan inside province Bắc Sơn and in Nam Hà; `inspection_url_kwargs(w, url_name)` →
(inside kwargs, outside kwargs)."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from llct.accounts.models import Role
from llct.oversight.models import (
    Finding,
    FindingAttachment,
    FindingLog,
    FindingStatus,
    InspectionPlan,
    InspectionRun,
    RunTrigger,
)

DAY = dt.date(2026, 3, 2)


def _objects(w, province, unit, tag: str) -> dict:
    run = InspectionRun.objects.create(
        checks=["class_below_25"], unit=province, period_to=DAY, rules_version="v", trigger=RunTrigger.WEB
    )
    now = timezone.now()
    finding = Finding.objects.create(
        check_code="class_below_25",
        object_kind="trainingclass",
        object_id=1 if tag == "BS" else 2,
        unit=unit,
        label=f"MATRIX-{tag} lớp",
        values={"learners": 3},
        clause="Điều ?, QĐ 1147-QĐ/BTGDVTW",
        confidence="T",
        severity="trung_binh",
        first_run=run,
        last_run=run,
        first_found_at=now,
        last_found_at=now,
    )
    run.occurrences.create(finding=finding, unit=unit, label=finding.label, values=finding.values)
    log = FindingLog.objects.create(finding=finding, action="found", to_status=FindingStatus.OPEN, run=run)
    attachment = FindingAttachment(log=log, name=f"MATRIX-{tag}.txt", uploaded_by=w.users[Role.ADMIN])
    attachment.file.save(f"matrix-{tag}.txt", ContentFile(b"bien ban"), save=True)
    plan = InspectionPlan.objects.create(
        year=2026,
        title=f"Kiểm tra MATRIX-{tag}",
        subject=province,
        inspecting_unit=province,
        topics=["class_below_25"],
        starts_on=DAY,
        ends_on=DAY,
        period_to=DAY,
        created_by=w.users[Role.ADMIN],
    )
    return dict(run=run, finding=finding, attachment=attachment, plan=plan)


def inspection_world(w) -> tuple[dict, dict]:
    """(inside, outside) objects, made once per matrix world."""
    if not hasattr(w, "_inspection"):
        w._inspection = (
            _objects(w, w.tree["north"], w.tree["centre"], "BS"),
            _objects(w, w.tree["south"], w.tree["south_commune"], "NH"),
        )
    return w._inspection


def _kwargs(objects: dict, url_name: str) -> dict:
    run, plan = {"pk": objects["run"].pk}, {"pk": objects["plan"].pk}
    return {
        "inspection:run_detail": run,
        "inspection:run_progress": run,
        "inspection:run_export": run,
        "inspection:finding_detail": {"pk": objects["finding"].pk},
        "inspection:attachment": {"pk": objects["attachment"].pk},
        "inspection:plan_detail": plan,
        "inspection:conclusion_pdf": plan,
        "inspection:conclusion_xlsx": plan,
    }[url_name]


def inspection_url_kwargs(w, url_name: str) -> tuple[dict, dict]:
    inside, outside = inspection_world(w)
    return _kwargs(inside, url_name), _kwargs(outside, url_name)


INSPECTION_URLS = (
    "inspection:run_detail",
    "inspection:run_progress",
    "inspection:run_export",
    "inspection:finding_detail",
    "inspection:attachment",
    "inspection:plan_detail",
    "inspection:conclusion_pdf",
    "inspection:conclusion_xlsx",
)
