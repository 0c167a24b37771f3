"""Check of nominations approved over a failed eligibility decision."""

from django.utils.translation import gettext_lazy as _

from llct.oversight.inspection.choices import Confidence, Severity
from llct.training.choices import NominationStatus
from llct.training.models import Nomination

from .base import Check, Clause, Offence, Period, Subtree, dmy
from .clauses import QD57, QD350
from .learners import special_case_in_force


def _approved_not_eligible(subtree: Subtree, period: Period):
    nominations = Nomination.objects.filter(
        subtree.q("sending_unit"),
        period.q("nominated_on"),
        status__in=[NominationStatus.APPROVED, NominationStatus.ADMITTED],
        eligible=False,
        special_case__isnull=True,
    ).exclude(special_case_in_force("cadre_id", "programme__level", "nominated_on"))
    rows = nominations.values(
        "pk",
        "status",
        "nominated_on",
        "eligibility",
        "sending_unit_id",
        "cadre__full_name",
        "cadre__code",
        "programme__name",
    )
    for row in rows.order_by("pk"):
        decision = row["eligibility"] or {}
        yield Offence(
            "nomination",
            row["pk"],
            row["sending_unit_id"],
            f"{row['cadre__full_name']} ({row['cadre__code']}) — {row['programme__name']}",
            {
                "status": row["status"],
                "nominated_on": dmy(row["nominated_on"]),
                "regulation": decision.get("regulation", ""),
                "reasons": decision.get("summary", ""),
            },
        )


NOMINATION_NOT_ELIGIBLE = Check(
    code="nomination_not_eligible",
    title=_("Hồ sơ cử đi học được duyệt khi kết quả xét là không đủ điều kiện, không có trường hợp đặc biệt"),
    title_en="Nomination approved over a failed eligibility decision without a special case",
    clauses=(
        Clause(QD57, chapter="II", topic="đối tượng, tiêu chuẩn đào tạo"),
        Clause(QD350, topic="trường hợp đặc biệt do cấp có thẩm quyền quyết định"),
    ),
    confidence=Confidence.SUMMARY,
    severity=Severity.HIGH,
    object_kinds=("nomination",),
    find=_approved_not_eligible,
)

CHECKS = (NOMINATION_NOT_ELIGIBLE,)
