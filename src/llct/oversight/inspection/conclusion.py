"""The conclusion of an inspection (kết luận kiểm tra) as an A4 PDF (typst) and as .xlsx: the findings of the
plan's last run with their clauses, the unit's explanations and the inspector's decisions, the general
assessment, the recommendations with their deadlines, and the signature block. Before the conclusion is
written the PDF is a draft (dự thảo) of the findings."""

import io
from pathlib import Path

import xlsxwriter
from django.utils.translation import gettext as _

from llct.documents.pdf import render_pdf
from llct.oversight.models import FindingStatus, InspectionPlan
from llct.registry.models import Unit

from . import export
from .checks import CHECKS
from .checks.base import dmy
from .findings import finding_decision, finding_explanation
from .plans import plan_findings, plan_last_run

TEMPLATE = Path(__file__).resolve().parent / "typst" / "conclusion.typ"


def conclusion_data(plan: InspectionPlan) -> dict:
    """What the document shows, as plain strings (dates dd/mm/yyyy)."""
    conclusion = getattr(plan, "conclusion", None)
    run = plan_last_run(plan)
    findings = []
    for i, finding in enumerate(plan_findings(plan), start=1):
        explanation, decision = finding_explanation(finding), finding_decision(finding)
        check = CHECKS.get(finding.check_code)
        findings.append(
            {
                "n": str(i),
                "title": str(check.title) if check else finding.check_code,
                "object": finding.label,
                "unit": finding.unit.name,
                "clause": finding.clause,
                "confidence": finding.confidence,
                "explanation": explanation.text if explanation else "",
                "decision": decision.text if decision else "",
                "status": str(FindingStatus(finding.status).label),
                "deadline": dmy(finding.deadline),
            }
        )
    parent = Unit.objects.get_parent(plan.inspecting_unit) if plan.inspecting_unit.depth > 1 else None
    recommendations = (
        [
            {"unit": r.unit.name, "text": r.text, "deadline": dmy(r.deadline)}
            for r in conclusion.recommendations.select_related("unit")
        ]
        if conclusion
        else []
    )
    return {
        "draft": conclusion is None,
        "parent_name": parent.name if parent else "",
        "inspecting_unit": plan.inspecting_unit.name,
        "number": conclusion.number if conclusion else "",
        "signed_on": dmy(conclusion.signed_on) if conclusion else "",
        "title": plan.title,
        "decision_number": plan.decision_number,
        "subject": plan.subject.name,
        "starts_on": dmy(plan.starts_on),
        "ends_on": dmy(plan.ends_on),
        "period_from": dmy(plan.period_from) or _("khi bắt đầu có dữ liệu"),
        "period_to": dmy(plan.period_to),
        "topics": [str(CHECKS[c].title) for c in plan.topics if c in CHECKS],
        "team": [u.get_full_name() or u.username for u in plan.team.all()],
        "run": f"{run} ({run.rules_version})" if run else "",
        "findings": findings,
        "assessment": conclusion.assessment if conclusion else "",
        "recommendations": recommendations,
        "signer_title": conclusion.signer_title if conclusion else "",
        "signed_by": conclusion.signed_by if conclusion else "",
    }


def conclusion_pdf(plan: InspectionPlan) -> bytes:
    return render_pdf(TEMPLATE, conclusion_data(plan))


def conclusion_xlsx(plan: InspectionPlan) -> bytes:
    """Sheets: the findings (the export's columns), the conclusion's explanations and decisions, and the
    recommendations."""
    data = conclusion_data(plan)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    export.write_rows(book, _("Phát hiện"), export.finding_rows(plan_findings(plan)))
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(_("Kết luận")[:31])
    headers = [
        _("TT"),
        _("Nội dung"),
        _("Đối tượng"),
        _("Đơn vị"),
        _("Căn cứ"),
        _("Giải trình"),
        _("Kết luận"),
        _("Tình trạng"),
        _("Hạn khắc phục"),
    ]
    sheet.write_row(0, 0, headers, bold)
    keys = ("n", "title", "object", "unit", "clause", "explanation", "decision", "status", "deadline")
    for r, row in enumerate(data["findings"], start=1):
        sheet.write_row(r, 0, [row[k] for k in keys], wrap)
    sheet.set_column(0, 0, 5)
    sheet.set_column(1, 8, 30)
    recs = book.add_worksheet(_("Kiến nghị")[:31])
    recs.write_row(0, 0, [_("Đơn vị"), _("Kiến nghị"), _("Thời hạn")], bold)
    for r, row in enumerate(data["recommendations"], start=1):
        recs.write_row(r, 0, [row["unit"], row["text"], row["deadline"]], wrap)
    recs.set_column(0, 2, 40)
    book.close()
    return out.getvalue()
