"""The master register (sổ gốc), its yearly counters, the credentials it records, certified copies and bulk
issue jobs."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import CredentialKind, CredentialStatus, IssueJobStatus, RevocationReason


def new_token() -> str:
    """The verification token printed in the QR code: 128 random bits, unguessable."""
    return secrets.token_urlsafe(16)


class CertificateRegister(models.Model):
    """The master register (sổ gốc) of one issuing institution for one kind of document; kept permanently
    (QĐ 1147), so it is never deleted while a credential refers to it."""

    institution = models.ForeignKey(
        "registry.Unit",
        on_delete=models.PROTECT,
        related_name="certificate_registers",
        verbose_name=_("cơ sở cấp"),
    )
    kind = models.CharField(_("loại văn bằng"), max_length=20, choices=CredentialKind.choices)
    created_at = models.DateTimeField(_("lập sổ lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sổ gốc cấp văn bằng, chứng chỉ")
        verbose_name_plural = _("sổ gốc cấp văn bằng, chứng chỉ")
        ordering = ["institution__path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["institution", "kind"], name="one_register_per_institution_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.institution}"


class RegisterYear(models.Model):
    """The counter of one register in one calendar year. Issuing locks this row (SELECT … FOR UPDATE) and
    takes the next number inside the issuing transaction, so numbers are consecutive and a failed issue
    gives its number back. A derived counter, so it keeps no history of its own (the credentials do)."""

    register = models.ForeignKey(CertificateRegister, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000)])
    last_number = models.PositiveIntegerField(_("số vào sổ cuối cùng"), default=0)

    class Meta:
        verbose_name = _("năm của sổ gốc")
        verbose_name_plural = _("năm của sổ gốc")
        ordering = ["register", "year"]
        constraints = [
            models.UniqueConstraint(fields=["register", "year"], name="one_counter_per_register_year")
        ]

    def __str__(self) -> str:
        return f"{self.register} {self.year}: {self.last_number}"


class Credential(models.Model):
    """One diploma or certificate, as entered in the register.

    The serial reads `<institution code>/<BTN|GCN>/<year>/<number, 6 digits>`,
    e.g. "BS-TTCT1/GCN/2026/000123":
    it names the register (institution and kind), the calendar year and the number in that year's sequence.
    """

    register = models.ForeignKey(
        CertificateRegister, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("sổ gốc")
    )
    year = models.PositiveSmallIntegerField(_("năm vào sổ"))
    number = models.PositiveIntegerField(_("số vào sổ"))
    serial = models.CharField(_("số hiệu"), max_length=80, unique=True)
    holder = models.ForeignKey(
        "registry.Cadre",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("người được cấp"),
    )
    enrolment = models.ForeignKey(
        "training.Enrolment",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("học viên của lớp"),
    )
    programme = models.ForeignKey(
        "training.Programme",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("chương trình"),
    )
    recognition = models.ForeignKey(
        "training.RecognitionDecision",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("quyết định công nhận"),
    )
    issued_on = models.DateField(_("ngày cấp"))
    signed_by = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người vào sổ"),
    )
    blank_serial = models.CharField(
        _("số hiệu phôi"),
        max_length=40,
        blank=True,
        help_text=_("Số in sẵn trên phôi bằng; mỗi phôi chỉ dùng một lần."),
    )
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=CredentialStatus.choices, default=CredentialStatus.VALID
    )
    revocation_reason = models.CharField(
        _("lý do thu hồi"), max_length=20, choices=RevocationReason.choices, blank=True
    )
    revocation_authority = models.CharField(_("cơ quan, văn bản thu hồi"), max_length=255, blank=True)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("cấp lại cho"),
    )
    reissue_reason = models.CharField(_("lý do cấp lại"), max_length=255, blank=True)
    token = models.CharField(_("mã xác minh"), max_length=32, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("vào sổ lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bằng, chứng chỉ")
        verbose_name_plural = _("văn bằng, chứng chỉ")
        ordering = ["register", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "number"], name="one_number_per_register_year"
            ),
            # Issued once per learner and programme; a re-issued (replaced) document no longer counts.
            models.UniqueConstraint(
                fields=["holder", "programme"],
                condition=~Q(status=CredentialStatus.REPLACED),
                name="one_credential_per_holder_programme",
            ),
            models.UniqueConstraint(
                fields=["register", "blank_serial"],
                condition=~Q(blank_serial=""),
                name="each_blank_used_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "issued_on"])]

    def __str__(self) -> str:
        return self.serial

    @property
    def is_valid(self) -> bool:
        return self.status == CredentialStatus.VALID


class CertifiedCopy(models.Model):
    """A certified copy (bản sao) issued from the register: the same day, or the next working day when it
    was requested after 15:00 (QĐ 1147)."""

    credential = models.ForeignKey(Credential, on_delete=models.PROTECT, related_name="copies")
    requested_at = models.DateTimeField(_("yêu cầu lúc"))
    requested_by = models.CharField(_("người yêu cầu"), max_length=150, blank=True)
    issued_on = models.DateField(_("ngày cấp bản sao"))
    copies = models.PositiveSmallIntegerField(_("số bản"), default=1, validators=[MinValueValidator(1)])
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người cấp"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bản sao từ sổ gốc")
        verbose_name_plural = _("bản sao từ sổ gốc")
        ordering = ["credential", "requested_at"]

    def __str__(self) -> str:
        return f"{self.credential} ({self.issued_on:%d/%m/%Y})"


class IssueJob(models.Model):
    """A bulk issue for a whole class, run as a background task; the page polls its progress."""

    training_class = models.ForeignKey(
        "training.TrainingClass", on_delete=models.CASCADE, related_name="issue_jobs", verbose_name=_("lớp")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=IssueJobStatus.choices, default=IssueJobStatus.PENDING
    )
    total = models.PositiveIntegerField(_("tổng số"), default=0)
    done = models.PositiveIntegerField(_("đã xử lý"), default=0)
    issued = models.PositiveIntegerField(_("đã cấp"), default=0)
    skipped = models.JSONField(_("không cấp"), default=list, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đợt cấp theo lớp")
        verbose_name_plural = _("đợt cấp theo lớp")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.training_class_id}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)
