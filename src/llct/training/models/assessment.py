"""Marks: the QĐ 1147 essay with two markers and appeals, module and final exams of LLCT levels, and the
recognition decision (quyết định công nhận) of a class."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.training.choices import AppealOutcome, Discipline, MarkKind

from .classes import Enrolment, Lecturer, TrainingClass
from .programmes import Module

_TEN = [MinValueValidator(0), MaxValueValidator(10)]


def _mark(label: str, **kw) -> models.DecimalField:
    return models.DecimalField(
        label, max_digits=4, decimal_places=2, null=True, blank=True, validators=_TEN, **kw
    )


class Essay(models.Model):
    """The final essay (bài thu hoạch) of a commune-centre course: attempt 1, or 2 for the one rewrite."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="essays")
    attempt = models.PositiveSmallIntegerField(
        _("lần"), default=1, validators=[MinValueValidator(1), MaxValueValidator(2)]
    )
    submitted_on = models.DateField(_("ngày nộp bài"))
    first_marker = models.ForeignKey(
        Lecturer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chấm 1"),
    )
    first_mark = _mark(_("điểm người chấm 1"))
    second_marker = models.ForeignKey(
        Lecturer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chấm 2"),
    )
    second_mark = _mark(_("điểm người chấm 2"))
    mark = _mark(_("điểm bài thu hoạch"))
    marked_on = models.DateField(_("ngày chấm xong"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bài thu hoạch")
        verbose_name_plural = _("bài thu hoạch")
        ordering = ["enrolment", "attempt"]
        constraints = [models.UniqueConstraint(fields=["enrolment", "attempt"], name="one_essay_per_attempt")]

    def __str__(self) -> str:
        return f"{self.enrolment} #{self.attempt}: {self.mark}"


class Appeal(models.Model):
    """An appeal (phúc tra) of an essay mark, re-marked by a lecturer who was not a first marker."""

    essay = models.OneToOneField(Essay, on_delete=models.CASCADE, related_name="appeal")
    lodged_on = models.DateField(_("ngày đề nghị phúc tra"))
    marker = models.ForeignKey(
        Lecturer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phúc tra"),
    )
    remark = _mark(_("điểm phúc tra"))
    outcome = models.CharField(_("kết quả"), max_length=10, choices=AppealOutcome.choices, default="cho")
    director_mark = _mark(_("điểm do Giám đốc quyết định"))
    minutes = models.CharField(_("số biên bản"), max_length=255, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Giám đốc quyết định"),
    )
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phúc tra")
        verbose_name_plural = _("phúc tra")

    def __str__(self) -> str:
        return f"{self.essay}: {self.outcome}"


class Mark(models.Model):
    """A mark of an LLCT-level programme: a module exam, the final exam or the thesis (10-point scale)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="marks")
    kind = models.CharField(_("loại"), max_length=14, choices=MarkKind.choices)
    module = models.ForeignKey(Module, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    attempt = models.PositiveSmallIntegerField(_("lần thi"), default=1)
    value = models.DecimalField(_("điểm"), max_digits=4, decimal_places=2, validators=_TEN)
    examined_on = models.DateField(_("ngày thi"), null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm")
        verbose_name_plural = _("điểm")
        ordering = ["enrolment", "kind", "module", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "kind", "module", "attempt"], name="one_mark_per_exam_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.kind} {self.module_id}: {self.value}"


class RecognitionDecision(models.Model):
    """The decision recognising who completed a class (quyết định công nhận), with marks and bands."""

    training_class = models.OneToOneField(
        TrainingClass, on_delete=models.PROTECT, related_name="recognition", verbose_name=_("lớp")
    )
    number = models.CharField(_("số quyết định"), max_length=60)
    signed_on = models.DateField(_("ngày ký"))
    signed_by = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    enrolments = models.ManyToManyField(
        Enrolment, related_name="recognitions", verbose_name=_("học viên được công nhận")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định công nhận")
        verbose_name_plural = _("quyết định công nhận")
        ordering = ["-signed_on"]
        constraints = [
            models.UniqueConstraint(fields=["training_class", "number"], name="recognition_number_per_class")
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.training_class.code})"


class DisciplineRecord(models.Model):
    """A discipline decision on a learner (QĐ 1147: reprimand, warning, expulsion — which cancels results):
    who recorded it and when, the decision's number and date, and what expulsion undid — the recognition
    decision the learner was taken off and the documents revoked."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="discipline_records")
    kind = models.CharField(_("hình thức kỷ luật"), max_length=16, choices=Discipline.choices)
    reason = models.TextField(_("lý do"))
    document = models.CharField(_("số quyết định kỷ luật"), max_length=60, blank=True)
    decided_on = models.DateField(_("ngày quyết định"))
    recognition = models.ForeignKey(
        RecognitionDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hủy kết quả trong quyết định công nhận"),
    )
    revoked_serials = models.JSONField(_("văn bằng, chứng chỉ bị thu hồi"), default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người ghi")
    )
    recorded_at = models.DateTimeField(_("ghi lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quyết định kỷ luật học viên")
        verbose_name_plural = _("quyết định kỷ luật học viên")
        ordering = ["enrolment", "decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.kind} ({self.document})"
