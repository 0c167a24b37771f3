"""Tables of statistics: briefings (counted by headcount, not by roster) and the kept aggregates (tallies)
that stand in for the records at national scale."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.oversight.statistics.choices import BriefingKind, ReportFormat, ReportJobState

__all__ = [
    "Briefing",
    "BriefingAttendance",
    "ClassTally",
    "ClassYearTally",
    "CredentialTally",
    "CredentialYearTally",
    "ReportJob",
    "TallyRefresh",
    "TallyState",
]


class Briefing(models.Model):
    """A briefing or resolution-study conference (hội nghị tập huấn, học tập, quán triệt nghị quyết): held
    for hundreds at once and recorded by the headcount each audience unit reports, a list of names being
    optional. Counted in the briefing-attendance indicator beside the update and topic classes."""

    date = models.DateField(_("ngày tổ chức"))
    topic = models.CharField(_("nội dung, chủ đề"), max_length=255)
    kind = models.CharField(_("loại hội nghị"), max_length=12, choices=BriefingKind.choices)
    organiser = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="briefings_organised",
        verbose_name=_("đơn vị tổ chức"),
        help_text=_("Trung tâm chính trị, trường chính trị hoặc cấp ủy, ban của cấp ủy."),
    )
    document = models.CharField(_("nghị quyết, văn bản được quán triệt"), max_length=255, blank=True)
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hội nghị tập huấn, quán triệt")
        verbose_name_plural = _("hội nghị tập huấn, quán triệt")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organiser", "date"])]

    def __str__(self) -> str:
        return f"{self.topic} ({self.date:%d/%m/%Y})"


class BriefingAttendance(models.Model):
    """How many people of one audience unit attended a briefing (and, optionally, who)."""

    briefing = models.ForeignKey(Briefing, on_delete=models.CASCADE, related_name="attendance")
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị dự")
    )
    attendees = models.PositiveIntegerField(_("số người dự"), validators=[MinValueValidator(1)])
    names = models.TextField(_("danh sách người dự (không bắt buộc)"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số người dự theo đơn vị")
        verbose_name_plural = _("số người dự theo đơn vị")
        ordering = ["briefing", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["briefing", "unit"], name="one_count_per_briefing_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.attendees}"


def _path_index(name: str, field: str = "unit_path") -> models.Index:
    """An index that serves subtree filters (`LIKE 'path%'`) whatever the database's collation: on
    PostgreSQL with `text_pattern_ops` (a plain B-tree serves prefixes only under the C collation; the
    registry's unique `Unit.path` has Django's `varchar_pattern_ops` twin already); other databases
    ignore the operator class."""
    return models.Index(fields=[field], name=name, opclasses=["text_pattern_ops"])


class ClassTally(models.Model):
    """Kept aggregate of classes and their learners: one row per class (`status` empty, `classes` = 1) and
    one per class and learner outcome (`learners` of that status). Written only by
    `llct.oversight.statistics.keeping`, from the records, after each change of the class (the task queue)
    or by a full rebuild; the engine reads it instead of the enrolments when it is fresh."""

    training_class = models.ForeignKey("training.TrainingClass", on_delete=models.CASCADE, related_name="+")
    institution = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255)  # the institution's path (a unit's path never changes)
    programme = models.ForeignKey("training.Programme", on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=20, blank=True)
    start_year = models.PositiveSmallIntegerField()
    start_month = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    end_month = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=18, blank=True)
    classes = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp theo lớp")
        verbose_name_plural = _("số liệu tổng hợp theo lớp")
        indexes = [_path_index("class_tally_path")]

    def __str__(self) -> str:
        return f"{self.training_class_id} {self.status or '='}: {self.classes or self.learners}"


class CredentialTally(models.Model):
    """Kept aggregate of the documents issued to a class's learners: one row per class, register's
    institution and document outcome (issue and revocation month, status, re-issue, issued late), with
    the count and the days from recognition to issue summed."""

    training_class = models.ForeignKey("training.TrainingClass", on_delete=models.CASCADE, related_name="+")
    institution = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255)
    programme = models.ForeignKey("training.Programme", on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=20, blank=True)
    issued_year = models.PositiveSmallIntegerField()
    issued_month = models.PositiveSmallIntegerField()
    revoked_year = models.PositiveSmallIntegerField(null=True)
    revoked_month = models.PositiveSmallIntegerField(null=True)
    status = models.CharField(max_length=12)
    reissued = models.BooleanField()
    late = models.BooleanField()
    credentials = models.PositiveIntegerField()
    days_to_issue = models.IntegerField()

    class Meta:
        verbose_name = _("số liệu tổng hợp văn bằng theo lớp")
        verbose_name_plural = _("số liệu tổng hợp văn bằng theo lớp")
        indexes = [_path_index("credential_tally_path")]

    def __str__(self) -> str:
        return f"{self.training_class_id} {self.status} {self.issued_year}: {self.credentials}"


class ClassYearTally(models.Model):
    """`ClassTally` summed over the classes of an institution by year (no class, no month): five times
    fewer rows, what national figures by year read. Kept with the class tallies, per institution."""

    institution = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255)
    programme = models.ForeignKey("training.Programme", on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=20, blank=True)
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=18, blank=True)
    classes = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu tổng hợp theo năm")
        verbose_name_plural = _("số liệu tổng hợp theo năm")
        indexes = [_path_index("class_year_tally_path")]

    def __str__(self) -> str:
        figure = self.classes or self.learners
        return f"{self.institution_id} {self.start_year} {self.status or '='}: {figure}"


class CredentialYearTally(models.Model):
    """`CredentialTally` summed over the classes of an institution by year of issue and revocation."""

    institution = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="+")
    unit_path = models.CharField(max_length=255)
    programme = models.ForeignKey("training.Programme", on_delete=models.PROTECT, related_name="+")
    mode = models.CharField(max_length=20, blank=True)
    issued_year = models.PositiveSmallIntegerField()
    revoked_year = models.PositiveSmallIntegerField(null=True)
    status = models.CharField(max_length=12)
    reissued = models.BooleanField()
    late = models.BooleanField()
    credentials = models.PositiveIntegerField()
    days_to_issue = models.IntegerField()

    class Meta:
        verbose_name = _("số liệu tổng hợp văn bằng theo năm")
        verbose_name_plural = _("số liệu tổng hợp văn bằng theo năm")
        indexes = [_path_index("credential_year_tally_path")]

    def __str__(self) -> str:
        return f"{self.institution_id} {self.status} {self.issued_year}: {self.credentials}"


class TallyRefresh(models.Model):
    """A class whose tallies wait for the task queue: written in the same transaction as the change, so a
    subtree with a waiting class is counted from the records until the task has run. `unit_path` is the
    path of a unit the class counts under (now, or in its tallies before the change)."""

    training_class_id = models.BigIntegerField()
    unit_path = models.CharField(max_length=255)
    requested_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lớp chờ cập nhật số liệu tổng hợp")
        verbose_name_plural = _("lớp chờ cập nhật số liệu tổng hợp")
        indexes = [_path_index("tally_refresh_path")]

    def __str__(self) -> str:
        return f"{self.training_class_id} ({self.unit_path})"


class TallyState(models.Model):
    """The one row saying the tallies exist: when they were last rebuilt and refreshed, and the highest
    ids of classes, enrolments and documents they have seen. A record with a higher id (written in bulk,
    without the model's signals) makes them not fresh until the next rebuild."""

    built_at = models.DateTimeField(null=True)  # None while the first rebuild runs
    refreshed_at = models.DateTimeField(null=True)
    class_mark = models.BigIntegerField(default=0)
    enrolment_mark = models.BigIntegerField(default=0)
    credential_mark = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("trạng thái số liệu tổng hợp")
        verbose_name_plural = _("trạng thái số liệu tổng hợp")

    def __str__(self) -> str:
        return f"{self.built_at:%d/%m/%Y %H:%M}" if self.built_at else "—"


class ReportJob(models.Model):
    """A standard report made by the task queue (a national or backlog report takes longer than a page
    should): what was asked, by whom, how far it got, and the file. Seen by the users whose scope holds
    its unit; the file is kept until someone deletes the job."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người lập")
    )
    report = models.CharField(_("báo cáo"), max_length=40)
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị"),
        help_text=_("Đơn vị được báo cáo, hoặc đơn vị của người lập khi báo cáo cả phạm vi."),
    )
    whole_scope = models.BooleanField(_("cả phạm vi của người lập"), default=False)
    units = models.CharField(_("cách tính đơn vị"), max_length=8, default="as_then")
    format = models.CharField(_("định dạng"), max_length=4, choices=ReportFormat.choices)
    state = models.CharField(
        _("trạng thái"), max_length=8, choices=ReportJobState.choices, default=ReportJobState.WAITING
    )
    message = models.TextField(_("thông báo"), blank=True)
    file = models.FileField(_("tệp"), upload_to="reports/%Y/%m/", blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("báo cáo đang lập")
        verbose_name_plural = _("báo cáo đang lập")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} {self.year} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (ReportJobState.DONE, ReportJobState.FAILED)
