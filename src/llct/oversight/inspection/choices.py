"""Vocabularies of inspection: how a clause was read and how serious an offence is."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Confidence(models.TextChoices):
    """How the clause was read (REGULATIONS.md): in the text, in an official summary, inferred, unknown."""

    TEXT = "T", _("[T] đọc trong văn bản")
    SUMMARY = "S", _("[S] đọc trong bản tóm tắt chính thức")
    INFERRED = "I", _("[I] suy luận")
    UNKNOWN = "?", _("[?] chưa rõ")


class Severity(models.TextChoices):
    HIGH = "cao", _("Nghiêm trọng")
    MEDIUM = "trung_binh", _("Trung bình")
    LOW = "thap", _("Nhẹ")
