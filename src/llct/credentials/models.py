"""The master register (sổ gốc), its yearly counters, the credentials it records, certified copies, bulk
issue jobs, and the stock of pre-printed diploma blanks (phôi)."""

import base64
import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import BlankStatus, CredentialKind, CredentialStatus, IssueJobStatus, RevocationReason


def new_token() -> str:
    """The verification token printed in the QR code: 80 random bits in 16 upper-case base-32 characters,
    unguessable. Upper-case letters and digits fit the QR code's alphanumeric mode, which makes a smaller
    code than the older lower-case tokens (22 URL-safe characters), which stay valid."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


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
    # The public facts as entered in the register on issue (the document bears them as printed, even if the
    # registry later corrects a name): verification reads this one row and no other table.
    holder_name = models.CharField(_("họ và tên trên văn bằng"), max_length=150, blank=True)
    programme_name = models.CharField(_("chương trình trên văn bằng"), max_length=255, blank=True)
    programme_level = models.CharField(_("trình độ trên văn bằng"), max_length=20, blank=True)
    institution_name = models.CharField(_("cơ sở cấp trên văn bằng"), max_length=255, blank=True)
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
    handed_over_on = models.DateField(_("ngày trao"), null=True, blank=True)
    handed_over_to = models.CharField(_("người nhận"), max_length=150, blank=True)
    loss_reported_on = models.DateField(_("ngày báo mất (trước khi trao)"), null=True, blank=True)
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
    without_blank = models.PositiveIntegerField(_("bằng chưa có phôi"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    # Times the job was taken up again after its worker died (llct.credentials.services.issue_jobs_recover);
    # a runner that finds the count changed under it stops, leaving the job to the newer one.
    resumed = models.PositiveSmallIntegerField(_("số lần tiếp tục"), default=0)
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


class BlankStock(models.Model):
    """A batch of pre-printed diploma blanks (phôi bằng) an institution received: the serials from
    `prefix first_number` to `prefix last_number`, e.g. "AB 000101–AB 000200". The centre prints and keeps
    the blanks (QĐ 208; HD 11), so each one is accounted for: unused, used by one diploma, or spoiled."""

    institution = models.ForeignKey(
        "registry.Unit", on_delete=models.PROTECT, related_name="blank_stocks", verbose_name=_("cơ sở")
    )
    prefix = models.CharField(_("ký hiệu"), max_length=10, blank=True)
    first_number = models.PositiveIntegerField(_("từ số"))
    last_number = models.PositiveIntegerField(_("đến số"))
    digits = models.PositiveSmallIntegerField(_("số chữ số"), default=6)
    received_on = models.DateField(_("ngày nhận"))
    document = models.CharField(_("biên bản, chứng từ nhận"), max_length=255, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lô phôi bằng")
        verbose_name_plural = _("lô phôi bằng")
        ordering = ["institution", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_number__gte=models.F("first_number")), name="blank_range_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.serial(self.first_number)}–{self.serial(self.last_number)}"

    def serial(self, number: int) -> str:
        """The serial as printed on the blank, e.g. "AB 000101"."""
        digits = f"{number:0{self.digits}d}"
        return f"{self.prefix} {digits}" if self.prefix else digits


class Blank(models.Model):
    """One pre-printed blank. Used by at most one diploma and only once: `credential` is unique, and a
    blank is "used" exactly when it is linked (database constraints, so concurrent issuers cannot share
    one). A spoiled blank (misprinted, torn) is kept with the reason and never used."""

    stock = models.ForeignKey(BlankStock, on_delete=models.PROTECT, related_name="blanks")
    # The stock's institution, repeated so that the database can refuse the same serial twice across stocks.
    institution = models.ForeignKey("registry.Unit", on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(_("ký hiệu"), max_length=10, blank=True)
    number = models.PositiveIntegerField(_("số"))
    serial = models.CharField(_("số hiệu phôi"), max_length=40)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=BlankStatus.choices, default=BlankStatus.AVAILABLE
    )
    credential = models.OneToOneField(
        Credential,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blank",
        verbose_name=_("văn bằng in trên phôi"),
    )
    spoiled_on = models.DateField(_("ngày hỏng"), null=True, blank=True)
    spoiled_reason = models.CharField(_("lý do hỏng"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phôi bằng")
        verbose_name_plural = _("phôi bằng")
        ordering = ["stock", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "prefix", "number"], name="each_blank_serial_once"
            ),
            models.CheckConstraint(
                condition=Q(status=BlankStatus.USED, credential__isnull=False)
                | (~Q(status=BlankStatus.USED) & Q(credential__isnull=True)),
                name="blank_used_iff_linked",
            ),
        ]
        indexes = [models.Index(fields=["institution", "status", "stock", "number"])]

    def __str__(self) -> str:
        return self.serial
