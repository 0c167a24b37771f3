"""Classes, lecturers, learners (enrolments), the schedule and attendance."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.training.choices import (
    AttendanceStatus,
    Band,
    ClassStatus,
    CommitteeRole,
    Discipline,
    EnrolmentStatus,
    LecturerKind,
    ManagementRole,
    StudyMode,
)

from .programmes import Module, Programme


class Lecturer(models.Model):
    """A lecturer of a training institution: full-time (cơ hữu), concurrent (kiêm chức) or visiting."""

    institution = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="lecturers", verbose_name=_("cơ sở đào tạo")
    )
    full_name = models.CharField(_("họ và tên"), max_length=150)
    kind = models.CharField(_("loại giảng viên"), max_length=12, choices=LecturerKind.choices)
    management_role = models.CharField(
        _("kiêm nhiệm quản lý"), max_length=14, choices=ManagementRole.choices, blank=True
    )
    youngest_child_born_on = models.DateField(
        _("ngày sinh con nhỏ nhất (giảng viên nữ)"),
        null=True,
        blank=True,
        help_text=_("Giảm định mức: con dưới 12 tháng 15%, từ 12 đến 36 tháng 10% (QĐ 1147 Điều 13)."),
    )
    cadre = models.ForeignKey(
        "registry.Cadre", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="lecturers"
    )
    active = models.BooleanField(_("đang giảng dạy"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giảng viên")
        verbose_name_plural = _("giảng viên")
        ordering = ["institution", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class TrainingClass(models.Model):
    """A class opened by a competent institution for one programme and mode."""

    institution = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name=_("cơ sở đào tạo"),
    )
    code = models.CharField(_("mã lớp"), max_length=40, unique=True)
    name = models.CharField(_("tên lớp"), max_length=255)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="classes", verbose_name=_("chương trình")
    )
    mode = models.CharField(_("hình thức"), max_length=20, choices=StudyMode.choices, blank=True)
    starts_on = models.DateField(_("ngày khai giảng"))
    ends_on = models.DateField(_("ngày bế giảng"))
    venue = models.CharField(_("địa điểm"), max_length=255, blank=True)
    capacity = models.PositiveIntegerField(_("sĩ số tối đa"), validators=[MinValueValidator(1)])
    status = models.CharField(_("trạng thái"), max_length=14, choices=ClassStatus.choices, default="mo")
    homeroom_lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homeroom_classes",
        verbose_name=_("giảng viên chủ nhiệm"),
    )
    allocation = models.JSONField(_("căn cứ phân cấp"), default=dict, blank=True)
    essays_received_on = models.DateField(_("ngày nhận bài thu hoạch"), null=True, blank=True)
    marks_handed_in_on = models.DateField(_("ngày nộp điểm"), null=True, blank=True)
    marks_published_on = models.DateField(_("ngày công bố điểm"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lớp")
        verbose_name_plural = _("lớp")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="class_dates")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Enrolment(models.Model):
    """A learner in a class: attendance, final mark and band, completion and discipline."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("lớp")
    )
    cadre = models.ForeignKey(
        "registry.Cadre", on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("học viên")
    )
    nomination = models.OneToOneField(
        "training.Nomination", on_delete=models.PROTECT, null=True, blank=True, related_name="enrolment"
    )
    sending_unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị cử")
    )
    status = models.CharField(
        _("trạng thái"), max_length=18, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED
    )
    committee_role = models.CharField(
        _("ban cán sự lớp"), max_length=16, choices=CommitteeRole.choices, blank=True
    )
    attendance_percent = models.DecimalField(
        _("tỷ lệ chuyên cần (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    final_mark = models.DecimalField(
        _("điểm cuối khóa"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    band = models.CharField(_("xếp loại"), max_length=12, choices=Band.choices, blank=True)
    completed = models.BooleanField(_("hoàn thành"), default=False)
    rewarded = models.BooleanField(_("được khen thưởng"), default=False)
    discipline = models.CharField(_("kỷ luật"), max_length=16, choices=Discipline.choices, blank=True)
    discipline_reason = models.TextField(_("lý do kỷ luật"), blank=True)
    enrolled_at = models.DateTimeField(_("nhập học lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("học viên của lớp")
        verbose_name_plural = _("học viên của lớp")
        ordering = ["training_class", "cadre__name_sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "cadre"], name="one_enrolment_per_class")
        ]

    def __str__(self) -> str:
        return f"{self.cadre.full_name} @ {self.training_class.code}"


class Session(models.Model):
    """A scheduled teaching session: date, periods (45 minutes each), module and lecturer."""

    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("lớp")
    )
    date = models.DateField(_("ngày"))
    periods = models.PositiveSmallIntegerField(
        _("số tiết"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("học phần")
    )
    lecturer = models.ForeignKey(
        Lecturer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("giảng viên"),
    )
    topic = models.CharField(_("nội dung"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("buổi học")
        verbose_name_plural = _("lịch học")
        ordering = ["training_class", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.training_class.code} {self.date:%d/%m/%Y} ({self.periods} tiết)"


class Attendance(models.Model):
    """One learner at one session. An excused absence needs a reason confirmed by the sending unit."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("điểm danh"), max_length=14, choices=AttendanceStatus.choices)
    reason = models.CharField(_("lý do vắng"), max_length=255, blank=True)
    confirmed_by_sending_unit = models.BooleanField(_("đơn vị cử đã xác nhận"), default=False)
    confirmation_document = models.CharField(_("văn bản xác nhận"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="one_attendance_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}@{self.session_id}: {self.status}"
