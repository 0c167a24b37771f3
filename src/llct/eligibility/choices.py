"""Vocabularies of eligibility. Values are the keys of the screening output (roster-format.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    SO_CAP = "so_cap", _("Sơ cấp")
    TRUNG_CAP = "trung_cap", _("Trung cấp")
    CAO_CAP = "cao_cap", _("Cao cấp")


class StudyMode(models.TextChoices):
    FULL_TIME = "tap_trung", _("Tập trung")
    PART_TIME = "khong_tap_trung", _("Không tập trung")


class VersionOrigin(models.TextChoices):
    SHIPPED = "shipped", _("Bản phát hành kèm phần mềm")
    EDITED = "edited", _("Quản trị viên đã sửa hoặc thêm")
