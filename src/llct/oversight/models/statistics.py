"""Tables of statistics: briefings (counted by headcount, not by roster); later kept aggregates and saved
reports."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.oversight.statistics.choices import BriefingKind

__all__ = ["Briefing", "BriefingAttendance"]


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
