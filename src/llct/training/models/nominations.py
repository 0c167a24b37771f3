"""Nominations (cử đi học) and their log: who moved a nomination from which state to which, when and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.training.choices import ACTIVE_NOMINATION_STATUSES, NominationStatus, StudyMode

from .plans import PlanQuota
from .programmes import Programme


class Nomination(models.Model):
    """A sending unit's proposal to train one cadre on one programme.

    `eligibility` keeps the rules engine's decision on `nominated_on` as it was computed (eligible, modes,
    regulation, institution, reasons), so the nomination can be explained later even if the rules change.
    A nomination of a cadre the engine found not eligible carries a special-case decision.
    """

    cadre = models.ForeignKey(
        "registry.Cadre", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("cán bộ")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="nominations", verbose_name=_("chương trình")
    )
    mode = models.CharField(_("hình thức"), max_length=20, choices=StudyMode.choices, blank=True)
    sending_unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="nominations", verbose_name=_("đơn vị cử")
    )
    quota = models.ForeignKey(
        PlanQuota,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("chỉ tiêu"),
    )
    training_class = models.ForeignKey(
        "training.TrainingClass",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("lớp"),
    )
    nominated_on = models.DateField(_("ngày cử"))
    status = models.CharField(
        _("trạng thái"), max_length=14, choices=NominationStatus.choices, default=NominationStatus.DRAFT
    )
    eligible = models.BooleanField(_("đủ điều kiện"), null=True)
    eligibility = models.JSONField(_("kết quả xét điều kiện"), default=dict, blank=True)
    special_case = models.ForeignKey(
        "eligibility.SpecialCaseDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
        verbose_name=_("quyết định trường hợp đặc biệt"),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cử đi học")
        verbose_name_plural = _("cử đi học")
        ordering = ["-nominated_on", "-pk"]
        constraints = [
            # One live nomination per cadre and programme: a double-submitted form creates nothing new.
            models.UniqueConstraint(
                fields=["cadre", "programme"],
                condition=Q(status__in=[s.value for s in ACTIVE_NOMINATION_STATUSES]),
                name="one_active_nomination_per_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.cadre.full_name} → {self.programme.code}"

    @property
    def is_special_case(self) -> bool:
        return self.special_case_id is not None


class NominationLog(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("lúc"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    from_status = models.CharField(_("từ"), max_length=14, choices=NominationStatus.choices, blank=True)
    to_status = models.CharField(_("sang"), max_length=14, choices=NominationStatus.choices)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("nhật ký cử đi học")
        verbose_name_plural = _("nhật ký cử đi học")
        ordering = ["nomination", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.from_status} → {self.to_status}"
