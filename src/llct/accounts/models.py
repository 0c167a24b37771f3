"""Users, their role and the unit whose subtree bounds everything they see."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị hệ thống")
    ORG_BOARD = "ban_to_chuc", _("Cán bộ ban tổ chức")
    DIRECTOR = "giam_doc", _("Lãnh đạo cơ sở đào tạo")
    ACADEMIC_OFFICER = "giao_vu", _("Cán bộ giáo vụ")
    LECTURER = "giang_vien", _("Giảng viên")
    INSPECTOR = "kiem_tra", _("Cán bộ kiểm tra, tuyên giáo")


class User(AbstractUser):
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.INSPECTOR)
    unit = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("đơn vị"),
        help_text=_("Người dùng chỉ thấy dữ liệu của đơn vị này và các đơn vị trực thuộc."),
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
