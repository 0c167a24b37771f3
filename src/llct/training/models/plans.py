"""Annual training plans and their quotas (chỉ tiêu)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.training.choices import PlanStatus, StudyMode

from .programmes import Programme


class TrainingPlan(models.Model):
    """A unit's annual plan: drafted, approved by the competent body, then fixed."""

    unit = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="training_plans", verbose_name=_("đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000)])
    status = models.CharField(_("trạng thái"), max_length=12, choices=PlanStatus.choices, default="du_thao")
    title = models.CharField(_("tên kế hoạch"), max_length=255, blank=True)
    approving_body = models.CharField(_("cơ quan phê duyệt"), max_length=255, blank=True)
    approval_document = models.CharField(_("số văn bản phê duyệt"), max_length=60, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    fixed_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người lập"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch đào tạo")
        verbose_name_plural = _("kế hoạch đào tạo")
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="one_plan_per_unit_year")]

    def __str__(self) -> str:
        return self.title or f"{self.unit} {self.year}"


class PlanQuota(models.Model):
    """A quota of a plan: how many learners for one programme, mode and institution."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="quotas")
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="quotas", verbose_name=_("chương trình")
    )
    mode = models.CharField(_("hình thức"), max_length=20, choices=StudyMode.choices, blank=True)
    institution = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cơ sở đào tạo"),
    )
    quota = models.PositiveIntegerField(_("chỉ tiêu"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["plan", "programme__code", "mode"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "programme", "mode", "institution"],
                name="one_quota_per_line",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.code} {self.mode}: {self.quota}"
