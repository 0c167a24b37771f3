"""Vocabularies of statistics. Values are stable keys (the API, saved reports); labels are what users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BriefingKind(models.TextChoices):
    TRAINING = "tap_huan", _("Hội nghị tập huấn")
    RESOLUTION = "quan_triet", _("Hội nghị học tập, quán triệt nghị quyết")
    UPDATE = "thong_tin", _("Hội nghị thông tin thời sự, cập nhật kiến thức")


class UnitsAs(models.TextChoices):
    """Which units a figure is counted under: as they were when the record was made, or today's units
    that succeeded them (the registry's predecessor and successor links)."""

    THEN = "as_then", _("Theo đơn vị khi đó")
    NOW = "as_now", _("Theo đơn vị hiện nay")


class ReportJobState(models.TextChoices):
    WAITING = "cho", _("Đang chờ")
    RUNNING = "dang_lap", _("Đang lập")
    DONE = "xong", _("Đã xong")
    FAILED = "loi", _("Không lập được")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", _("Bảng tính .xlsx")
    PDF = "pdf", _("PDF (A4)")
    CSV = "csv", _("CSV")
