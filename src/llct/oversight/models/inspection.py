"""Tables of inspection: the post standards check 10 reads, runs of the checks and what they found, the
findings with their follow-up (log and attachments), inspection plans and their conclusions.

A run and its occurrences are written once by the runner and never edited (no form, no admin change, no
service updates them after the run finished). A finding's identity is its check and object, not a run, so
successive runs find the same finding; its follow-up moves through FindingStatus with a log row per step.
Nothing here is deleted: foreign keys protect.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.oversight.inspection.choices import Confidence, Severity
from llct.registry.choices import TheoryLevel

__all__ = [
    "ConclusionRecommendation",
    "Finding",
    "FindingAttachment",
    "FindingLog",
    "FindingStatus",
    "InspectionConclusion",
    "InspectionPlan",
    "InspectionRun",
    "Occurrence",
    "PostStandard",
    "RunStatus",
    "RunTrigger",
]


class PostStandard(models.Model):
    """The political-theory level a post's standard (tiêu chuẩn chức danh) requires, with the document that
    says so and how sure that reading is. The values come from documents outside REGULATIONS.md (QĐ 89-QĐ/TW,
    the government's rules on posts): an administrator fills them in; a level left empty is a gap."""

    post = models.ForeignKey(
        "registry.Post", on_delete=models.PROTECT, related_name="standards", verbose_name=_("chức vụ")
    )
    required_level = models.CharField(
        _("trình độ LLCT yêu cầu"),
        max_length=12,
        choices=[c for c in TheoryLevel.choices if c[0]],
        blank=True,
        help_text=_("Để trống khi chưa xác định được (khoảng trống cần điền)."),
    )
    citation = models.CharField(_("căn cứ"), max_length=255)
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    active = models.BooleanField(_("đang áp dụng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chuẩn chức danh về trình độ LLCT")
        verbose_name_plural = _("tiêu chuẩn chức danh về trình độ LLCT")
        ordering = ["post__code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["post", "valid_from"], name="one_standard_per_post_start")
        ]

    def __str__(self) -> str:
        level = self.get_required_level_display() if self.required_level else "?"
        return f"{self.post}: {level} [{self.confidence}]"


class RunStatus(models.TextChoices):
    PENDING = "cho", _("Đang chờ")
    RUNNING = "dang_chay", _("Đang chạy")
    DONE = "xong", _("Đã xong")
    FAILED = "loi", _("Có lỗi")


class RunTrigger(models.TextChoices):
    WEB = "web", _("Chạy từ trang web")
    COMMAND = "lenh", _("Chạy bằng lệnh llct inspect")
    NIGHTLY = "hang_dem", _("Giám sát hằng đêm")


class InspectionRun(models.Model):
    """One run of a set of checks over a unit subtree (none: the whole database) and a period."""

    checks = models.JSONField(_("các nội dung kiểm tra"), default=list)
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị được kiểm tra"),
    )
    period_from = models.DateField(_("từ ngày"), null=True, blank=True)
    period_to = models.DateField(_("đến ngày"))
    rules_version = models.CharField(_("phiên bản quy tắc"), max_length=40)
    rules = models.JSONField(_("quy tắc đã áp dụng"), default=dict)
    plan = models.ForeignKey(
        "InspectionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runs",
        verbose_name=_("kế hoạch kiểm tra"),
    )
    trigger = models.CharField(_("cách chạy"), max_length=10, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chạy"),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    started_at = models.DateTimeField(_("bắt đầu lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    done = models.PositiveSmallIntegerField(_("số nội dung đã chạy"), default=0)
    counts = models.JSONField(_("số phát hiện theo nội dung"), default=dict)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        verbose_name = _("lần chạy kiểm tra")
        verbose_name_plural = _("các lần chạy kiểm tra")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return (
            f"#{self.pk} {timezone.localtime(self.created_at):%d/%m/%Y %H:%M}"
            if self.created_at
            else f"#{self.pk}"
        )

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)

    @property
    def percent(self) -> int:
        return 100 if not self.checks else round(100 * self.done / len(self.checks))


class FindingStatus(models.TextChoices):
    OPEN = "moi", _("Mới phát hiện")
    EXPLAINED = "da_giai_trinh", _("Đơn vị đã giải trình")
    ACCEPTED = "chap_nhan", _("Chấp nhận giải trình")
    REMEDIATION = "phai_khac_phuc", _("Yêu cầu khắc phục")
    RESOLVED = "da_khac_phuc", _("Đã khắc phục")


class Finding(models.Model):
    """What a check found about one object, across runs: identity (check, object kind, object id, part),
    the unit responsible, where it stands, and the last values read. `present` says whether the last
    supervision run of the whole database still found it."""

    check_code = models.CharField(_("nội dung kiểm tra"), max_length=40)
    object_kind = models.CharField(_("loại đối tượng"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    part = models.CharField(_("phần"), max_length=40, blank=True)
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị chịu trách nhiệm")
    )
    label = models.CharField(_("đối tượng"), max_length=255)
    values = models.JSONField(_("giá trị đã đọc"), default=dict)
    clause = models.TextField(_("căn cứ"))
    confidence = models.CharField(_("độ tin cậy"), max_length=1, choices=Confidence.choices)
    severity = models.CharField(_("mức độ"), max_length=12, choices=Severity.choices)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    deadline = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    first_run = models.ForeignKey(InspectionRun, on_delete=models.PROTECT, related_name="+")
    last_run = models.ForeignKey(InspectionRun, on_delete=models.PROTECT, related_name="+")
    first_found_at = models.DateTimeField(_("phát hiện lần đầu"))
    last_found_at = models.DateTimeField(_("phát hiện gần nhất"))
    present = models.BooleanField(_("còn phát hiện"), default=True)

    class Meta:
        verbose_name = _("phát hiện kiểm tra")
        verbose_name_plural = _("phát hiện kiểm tra")
        ordering = ["-first_found_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["check_code", "object_kind", "object_id", "part"], name="one_finding_per_check_object"
            )
        ]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["check_code", "status"])]

    def __str__(self) -> str:
        return f"{self.check_code} {self.object_ref}"

    @property
    def object_ref(self) -> str:
        return f"{self.object_kind}:{self.object_id}"

    @property
    def is_open(self) -> bool:
        return self.status in (FindingStatus.OPEN, FindingStatus.EXPLAINED, FindingStatus.REMEDIATION)


class Occurrence(models.Model):
    """A finding as one run found it, with the values that run read and the unit it named."""

    run = models.ForeignKey(InspectionRun, on_delete=models.PROTECT, related_name="occurrences")
    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="occurrences")
    unit = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="+")
    label = models.CharField(max_length=255)
    values = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("phát hiện của lần chạy")
        verbose_name_plural = _("phát hiện của lần chạy")
        ordering = ["run", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "finding"], name="one_occurrence_per_run")]

    def __str__(self) -> str:
        return f"{self.run_id}/{self.finding_id}"


class FindingLog(models.Model):
    """One step of a finding's follow-up: who, when, from which status to which, and the text (explanation,
    decision, evidence). Rows without an author are the runner's (found, found again)."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="log")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ"), max_length=16, choices=FindingStatus.choices, blank=True)
    to_status = models.CharField(_("sang"), max_length=16, choices=FindingStatus.choices)
    text = models.TextField(_("nội dung"), blank=True)
    deadline = models.DateField(_("hạn khắc phục"), null=True, blank=True)
    run = models.ForeignKey(InspectionRun, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("nhật ký xử lý phát hiện")
        verbose_name_plural = _("nhật ký xử lý phát hiện")
        ordering = ["finding", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding_id}: {self.from_status} → {self.to_status}"


class FindingAttachment(models.Model):
    """A file given with an explanation or as evidence of remediation."""

    log = models.ForeignKey(FindingLog, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="inspection/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["log", "pk"]

    def __str__(self) -> str:
        return self.name


class InspectionPlan(models.Model):
    """An inspection (kế hoạch kiểm tra): the year, the unit inspected, the topics (checks), the team and the
    dates."""

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên cuộc kiểm tra"), max_length=255)
    decision_number = models.CharField(_("số quyết định kiểm tra"), max_length=60, blank=True)
    subject = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị được kiểm tra")
    )
    inspecting_unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan kiểm tra")
    )
    topics = models.JSONField(_("nội dung kiểm tra"), default=list)
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("đoàn kiểm tra"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    period_from = models.DateField(_("thời kỳ kiểm tra từ"), null=True, blank=True)
    period_to = models.DateField(_("thời kỳ kiểm tra đến"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("lập lúc"), auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[team])

    class Meta:
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        ordering = ["-year", "-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="plan_dates")
        ]

    def __str__(self) -> str:
        return self.title


class InspectionConclusion(models.Model):
    """The conclusion (kết luận kiểm tra) of a plan: the general assessment, who signs, and the
    recommendations with their deadlines; the findings it lists are the plan's."""

    plan = models.OneToOneField(InspectionPlan, on_delete=models.PROTECT, related_name="conclusion")
    number = models.CharField(_("số kết luận"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signed_by = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150)
    assessment = models.TextField(_("nhận xét, đánh giá chung"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết luận kiểm tra")
        verbose_name_plural = _("kết luận kiểm tra")

    def __str__(self) -> str:
        return self.number


class ConclusionRecommendation(models.Model):
    conclusion = models.ForeignKey(
        InspectionConclusion, on_delete=models.PROTECT, related_name="recommendations"
    )
    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    text = models.TextField(_("kiến nghị"))
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["conclusion", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
