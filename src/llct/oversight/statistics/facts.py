"""The facts statistics count: one base query per kind of record (classes, enrolments, credentials…),
and for each the path from its rows to what the dimensions read — the unit a row belongs to, the
programme, the study mode, the institution, the sending unit, the learner.

`unit` is the unit a row belongs to: the one whose subtree counts it, which the user's scope and the
`unit` filter and dimension read (the institution for classes, learners and documents, the sending unit
for nominations, the planning unit for plans, the organiser for briefings).

A kept aggregate (rows already summed per class and outcome, refreshed by the task queue) can later
stand in for a fact: it only has to answer the same grouped query (`llct.oversight.statistics.engine`).
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Exists, F, Func, IntegerField, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from llct.training.choices import NominationStatus

# QĐ 1147: certificates are issued within 15 days of the recognition decision (calendar days).
ISSUE_DEADLINE_DAYS = 15


class DaysBetween(Func):
    """Whole days from the second date to the first (`later - earlier`), as an integer on every database
    (PostgreSQL subtracts dates into days; SQLite through julianday)."""

    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _logged(status: str) -> Callable[[], Q]:
    """Nominations whose log shows they once moved to `status` (whatever their state now)."""

    def condition() -> Q:
        log = apps.get_model("training", "NominationLog")
        return Q(Exists(log.objects.filter(nomination=OuterRef("pk"), to_status=status)))

    return condition


def issued_late() -> Q:
    return Q(issued_on__gt=F("recognition__signed_on") + dt.timedelta(days=ISSUE_DEADLINE_DAYS))


@dataclass(frozen=True)
class Fact:
    """A base query: rows of `model`, with the paths (Django lookups) the dimensions read."""

    code: str
    label: str
    model: str  # "app_label.Model"
    unit: str  # the unit the row belongs to (a foreign key to registry.Unit)
    programme: str | None = None
    mode: str | None = None
    institution: str | None = None
    sending_unit: str | None = None
    cadre: str | None = None
    # Named conditions and quantities the catalogue refers to (comparisons between columns, computed sums).
    conditions: dict[str, Callable[[], Q]] = field(default_factory=dict)
    quantities: dict[str, Callable[[], object]] = field(default_factory=dict)
    # The record list a figure links to: which columns to show, and the detail page of a row (a URL name
    # and the lookup of the primary key it takes).
    columns: tuple[str, ...] = ()
    link: tuple[str, str] | None = None
    # A computed fact (`computed.py`) names the dimensions its records carry; a counted one reads them
    # from its paths.
    dimensions: frozenset[str] | None = None

    def queryset(self) -> QuerySet:
        return self.model_class().objects.all()

    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def path(self, role: str) -> str | None:
        """The lookup path of a role: unit, programme, mode, institution, sending_unit, cadre."""
        return getattr(self, role)


FACTS: dict[str, Fact] = {
    fact.code: fact
    for fact in (
        Fact(
            "classes",
            _("Lớp học"),
            "training.TrainingClass",
            unit="institution",
            programme="programme",
            mode="mode",
            institution="institution",
            columns=(
                "code",
                "name",
                "institution__name",
                "programme__name",
                "starts_on",
                "ends_on",
                "status",
            ),
            link=("training:class_detail", "pk"),
        ),
        Fact(
            "enrolments",
            _("Học viên của lớp"),
            "training.Enrolment",
            unit="training_class__institution",
            programme="training_class__programme",
            mode="training_class__mode",
            institution="training_class__institution",
            sending_unit="sending_unit",
            cadre="cadre",
            columns=(
                "training_class__code",
                "cadre__full_name",
                "sending_unit__name",
                "training_class__programme__name",
                "training_class__starts_on",
                "training_class__ends_on",
                "status",
            ),
            link=("training:class_detail", "training_class"),
        ),
        Fact(
            "credentials",
            _("Văn bằng, giấy chứng nhận"),
            "credentials.Credential",
            unit="register__institution",
            programme="programme",
            mode="enrolment__training_class__mode",
            institution="register__institution",
            sending_unit="enrolment__sending_unit",
            cadre="holder",
            conditions={"issued_late": issued_late},
            quantities={"days_to_issue": lambda: DaysBetween(F("issued_on"), F("recognition__signed_on"))},
            columns=(
                "serial",
                "holder_name",
                "programme__name",
                "recognition__signed_on",
                "issued_on",
                "status",
                "revoked_on",
            ),
            link=("credentials:credential_detail", "pk"),
        ),
        Fact(
            "nominations",
            _("Cử đi học"),
            "training.Nomination",
            unit="sending_unit",
            programme="programme",
            mode="mode",
            sending_unit="sending_unit",
            cadre="cadre",
            conditions={
                "ever_submitted": _logged(NominationStatus.SUBMITTED),
                "ever_approved": _logged(NominationStatus.APPROVED),
            },
            columns=("cadre__full_name", "programme__name", "sending_unit__name", "nominated_on", "status"),
            link=("training:nomination_detail", "pk"),
        ),
        Fact(
            "plan_nominations",
            _("Cử đi học theo chỉ tiêu kế hoạch"),
            "training.Nomination",
            unit="quota__plan__unit",
            programme="programme",
            mode="mode",
            institution="quota__institution",
            sending_unit="sending_unit",
            cadre="cadre",
            columns=(
                "cadre__full_name",
                "programme__name",
                "sending_unit__name",
                "quota__plan__year",
                "nominated_on",
                "status",
            ),
            link=("training:nomination_detail", "pk"),
        ),
        Fact(
            "quotas",
            _("Chỉ tiêu kế hoạch"),
            "training.PlanQuota",
            unit="plan__unit",
            programme="programme",
            mode="mode",
            institution="institution",
            quantities={"quota": lambda: F("quota")},
            columns=(
                "plan__unit__name",
                "plan__year",
                "programme__name",
                "mode",
                "institution__name",
                "quota",
            ),
            link=("training:plan_detail", "plan"),
        ),
        Fact(
            "sessions",
            _("Buổi học"),
            "training.Session",
            unit="training_class__institution",
            programme="training_class__programme",
            mode="training_class__mode",
            institution="training_class__institution",
            quantities={"periods": lambda: F("periods")},
            columns=("training_class__code", "date", "periods", "lecturer__full_name", "topic"),
            link=("training:class_detail", "training_class"),
        ),
        Fact(
            "lecturer_sessions",
            _("Buổi giảng của giảng viên"),
            "training.Session",
            unit="lecturer__institution",
            institution="lecturer__institution",
            quantities={"periods": lambda: F("periods")},
            columns=("lecturer__full_name", "training_class__code", "date", "periods", "topic"),
            link=("training:class_detail", "training_class"),
        ),
        Fact(
            "lecturers",
            _("Định mức giờ chuẩn của giảng viên cơ hữu"),
            "training.Lecturer",
            unit="institution",
            institution="institution",
            columns=("full_name", "institution__name", "kind", "management_role"),
            dimensions=frozenset({"year", "unit", "institution", "institution_kind"}),
        ),
        Fact(
            "backlog",
            _("Cán bộ đủ điều kiện chưa được đào tạo"),
            "registry.Cadre",
            unit="unit",
            sending_unit="unit",
            cadre="pk",
            columns=("code", "full_name", "unit__name", "theory_level", "birth_date"),
            link=("registry:cadre_detail", "pk"),
            dimensions=frozenset({"level", "unit", "sending_unit", "sector", "sex", "ethnicity", "age_band"}),
        ),
        Fact(
            "briefings",
            _("Hội nghị tập huấn, quán triệt"),
            "oversight.Briefing",
            unit="organiser",
            columns=("date", "topic", "organiser__name", "kind"),
            link=("statistics:briefing_detail", "pk"),
        ),
        Fact(
            "briefing_attendance",
            _("Số người dự hội nghị theo đơn vị"),
            "oversight.BriefingAttendance",
            unit="briefing__organiser",
            sending_unit="unit",
            quantities={"attendees": lambda: F("attendees")},
            columns=(
                "briefing__date",
                "briefing__topic",
                "briefing__organiser__name",
                "unit__name",
                "attendees",
            ),
            link=("statistics:briefing_detail", "briefing"),
        ),
    )
}
