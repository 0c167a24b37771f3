"""Regulation versions as the installation keeps them, the provinces' implementing regulations, the record
of what was seeded from the package, and special-case decisions (trường hợp đặc biệt)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import Level, VersionOrigin


class RegulationVersion(models.Model):
    """One regulation version (e.g. QĐ 57-QĐ/TW) as a readable data file, editable by administrators.

    `text` is the version file itself (YAML, as shipped or as edited); the header fields repeat what the
    file says so lists can be shown without parsing it. `shipped_digest` is the digest of the shipped file
    last applied, so a later seed can tell an administrator's edit from an untouched shipped text.
    """

    number = models.CharField(_("số hiệu"), max_length=40, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=255)
    in_force_from = models.DateField(_("hiệu lực từ"))
    in_force_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    text = models.TextField(_("nội dung (YAML)"))
    origin = models.CharField(_("nguồn"), max_length=10, choices=VersionOrigin.choices)
    shipped_digest = models.CharField(max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiên bản quy định")
        verbose_name_plural = _("phiên bản quy định")
        ordering = ["in_force_from", "number"]

    def __str__(self) -> str:
        return self.number


class ProvincialRegulation(models.Model):
    """A province's implementing regulation (llct.regulations.overlays): a dated file on top of the
    national version it implements, loaded and checked by an administrator of that province. `text` is
    the file; the other fields repeat what it says, for lists."""

    province = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("tỉnh, thành phố")
    )
    number = models.CharField(_("số hiệu"), max_length=60, unique=True)
    title = models.CharField(_("tên văn bản"), max_length=255)
    base = models.CharField(_("thực hiện quy định"), max_length=40)
    in_force_from = models.DateField(_("hiệu lực từ"))
    in_force_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    example = models.BooleanField(_("tệp ví dụ"), default=False)
    text = models.TextField(_("nội dung (YAML)"))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy định của tỉnh")
        verbose_name_plural = _("quy định của tỉnh")
        ordering = ["province__name", "in_force_from"]

    def __str__(self) -> str:
        return self.number


class SeededPost(models.Model):
    """What the shipped catalogue last wrote into a post, so reseeding updates untouched posts and keeps
    an administrator's edits."""

    code = models.CharField(max_length=40, unique=True)
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("chức vụ đã nạp từ danh mục phát hành")
        verbose_name_plural = _("chức vụ đã nạp từ danh mục phát hành")

    def __str__(self) -> str:
        return self.code


class SpecialCaseDecision(models.Model):
    """A decision of the competent authority on one cadre and level that departs from the rules
    (QĐ 350-QĐ/TW: special cases are decided by the competent authority). It is shown beside the rule
    decision and never replaces its explanation."""

    cadre = models.ForeignKey(
        "registry.Cadre", on_delete=models.PROTECT, related_name="special_cases", verbose_name=_("cán bộ")
    )
    level = models.CharField(_("trình độ"), max_length=12, choices=Level.choices)
    eligible = models.BooleanField(_("được cử đi học"))
    modes = models.JSONField(_("hình thức học"), default=list, blank=True)
    authority = models.CharField(_("cấp có thẩm quyền quyết định"), max_length=255)
    document_number = models.CharField(_("số văn bản"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    reason = models.TextField(_("lý do"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi nhận"),
    )
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trường hợp đặc biệt")
        verbose_name_plural = _("trường hợp đặc biệt")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["cadre", "level", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.cadre} · {self.get_level_display()} · {self.document_number}"
