"""Vocabularies of credentials. Values are stable keys (the API); labels are what users read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialKind(models.TextChoices):
    """The document a programme leads to (its `output`); one register per institution and kind."""

    DIPLOMA = "bang", _("Bằng tốt nghiệp")
    CERTIFICATE = "giay_chung_nhan", _("Giấy chứng nhận")


# The part of the serial that names the kind (see `Credential.serial`).
KIND_PREFIX = {CredentialKind.DIPLOMA: "BTN", CredentialKind.CERTIFICATE: "GCN"}


class CredentialStatus(models.TextChoices):
    VALID = "hieu_luc", _("Còn hiệu lực")
    REVOKED = "thu_hoi", _("Đã thu hồi, hủy bỏ")
    REPLACED = "cap_lai", _("Đã được cấp lại (bản cũ không còn giá trị)")


class RevocationReason(models.TextChoices):
    """The grounds for revocation listed by QĐ 1147."""

    FRAUD = "gian_lan", _("Gian lận trong học tập, đánh giá hoặc hồ sơ")
    NO_AUTHORITY = "khong_tham_quyen", _("Cấp không đúng thẩm quyền")
    ALTERED = "tay_xoa", _("Bị tẩy xóa, sửa chữa")
    CENTRE_ERROR = "sai_sot", _("Cơ sở đào tạo cấp sai sót")


class IssueJobStatus(models.TextChoices):
    PENDING = "cho", _("Đang chờ")
    RUNNING = "dang_chay", _("Đang cấp")
    DONE = "xong", _("Đã xong")
    FAILED = "loi", _("Có lỗi")


class BlankStatus(models.TextChoices):
    AVAILABLE = "chua_dung", _("Chưa dùng")
    USED = "da_dung", _("Đã in văn bằng")
    SPOILED = "hong", _("Hỏng, hủy")
