"""The registry: units (a dated tree), the post catalogue, cadres, their assignments, planning and ratings."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from llct.roster.citizen_ids import ascii_digits, citizen_id_problem

from .choices import (
    EQUIVALENCE_CERTIFICATES_END,
    TRAINING_INSTITUTION_KINDS,
    Education,
    PartyStatus,
    Rating,
    Sector,
    Sex,
    TheoryLevel,
    TheoryProof,
    Tier,
    UnitKind,
)


def valid_on_filter(day: dt.date) -> Q:
    """Rows in force on `day`: started on or before it, not ended before it."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def valid_range_constraint(name: str) -> models.CheckConstraint:
    """An end date, when there is one, not before the start date."""
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True)
        | Q(valid_from__isnull=True)
        | Q(valid_to__gte=models.F("valid_from")),
        name=name,
    )


class ValidOnQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> "ValidOnQuerySet":
        return self.filter(valid_on_filter(day))


class UnitQuerySet(MP_NodeQuerySet):
    def valid_on(self, day: dt.date) -> "UnitQuerySet":
        return self.filter(valid_on_filter(day))


class UnitManager(MP_NodeManager):
    def get_queryset(self) -> UnitQuerySet:
        return UnitQuerySet(self.model, using=self._db).order_by("path")

    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.get_queryset().valid_on(day)


class Unit(MP_Node):
    """A Party, state, Front, army, police, enterprise or public-service unit, or a training institution.

    The tree never moves: a restructure (the 2025 merger of provinces, the end of districts) closes the old
    units with `valid_to` and opens new ones with `valid_from`, linking them through `predecessors`, so
    the tree as it was on any date stays queryable and the new units inherit the old ones' records.
    """

    code = models.CharField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=255)
    tier = models.CharField(_("cấp"), max_length=20, choices=Tier.choices)
    sector = models.CharField(_("khối"), max_length=30, choices=Sector.choices)
    kind = models.CharField(_("loại đơn vị"), max_length=40, choices=UnitKind.choices)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self", symmetrical=False, related_name="successors", blank=True, verbose_name=_("đơn vị tiền thân")
    )
    served_communes = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="political_centres",
        blank=True,
        verbose_name=_("xã, phường, đặc khu được phân công phục vụ"),
        help_text=_("Chỉ dùng cho Trung tâm Chính trị cấp xã (QĐ 360-QĐ/TW)."),
    )

    # The links to predecessors and served communes are part of each audit row (before → after).
    history = HistoricalRecords(
        excluded_fields=["path", "depth", "numchild"], m2m_fields=[predecessors, served_communes]
    )
    objects = UnitManager()
    node_order_by = ["name"]

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        constraints = [valid_range_constraint("unit_valid_range")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_training_institution(self) -> bool:
        return self.kind in TRAINING_INSTITUTION_KINDS

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


class Post(models.Model):
    """A post (chức vụ) of the catalogue. `rank` orders posts across sectors and tiers, so that
    "phó trưởng phòng hoặc tương đương trở lên" is the comparison rank ≥ rank(phó trưởng phòng)."""

    code = models.CharField(_("mã chức vụ"), max_length=40, unique=True)
    title = models.CharField(_("tên chức vụ"), max_length=255)
    aliases = models.JSONField(_("tên gọi khác, viết tắt"), default=list, blank=True)
    sector = models.CharField(_("khối"), max_length=30, choices=Sector.choices)
    tier = models.CharField(_("cấp"), max_length=20, choices=Tier.choices)
    rank = models.PositiveSmallIntegerField(_("bậc"), validators=[MinValueValidator(1)])
    note = models.TextField(_("ghi chú, căn cứ"), blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("danh mục chức vụ")
        ordering = ["-rank", "tier", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_tier_display()})"


citizen_id_validator = RegexValidator(
    r"^\d{12}$", _("Số CCCD/định danh cá nhân phải gồm đúng 12 chữ số."), code="citizen_id"
)


class Cadre(models.Model):
    """A cadre, civil servant, Party member or worker whose training the system follows.

    `unit` is the managing unit: the unit whose organisation board keeps this record, and the one that
    decides who may see it.
    """

    code = models.CharField(_("mã cán bộ"), max_length=40, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=150)
    # Three digits per character of a 150-character name, and six more (llct.vntext.name_sort_key).
    name_sort_key = models.CharField(max_length=456, db_index=True, editable=False)
    name_search = models.CharField(max_length=150, db_index=True, editable=False)
    citizen_id = models.CharField(
        _("số CCCD"), max_length=12, unique=True, null=True, blank=True, validators=[citizen_id_validator]
    )
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=3, choices=Sex.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=50, default="Kinh", blank=True)
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="cadres", verbose_name=_("đơn vị quản lý")
    )

    party_status = models.CharField(_("đảng viên"), max_length=12, choices=PartyStatus.choices, blank=True)
    party_admitted_on = models.DateField(_("ngày vào Đảng"), null=True, blank=True)
    party_official_on = models.DateField(_("ngày chính thức"), null=True, blank=True)

    education = models.CharField(_("trình độ học vấn"), max_length=12, choices=Education.choices, blank=True)
    theory_level = models.CharField(
        _("trình độ LLCT"), max_length=12, choices=TheoryLevel.choices, blank=True
    )
    theory_proof = models.CharField(
        _("minh chứng trình độ LLCT"), max_length=12, choices=TheoryProof.choices, blank=True
    )
    theory_document_number = models.CharField(
        _("số hiệu văn bằng / giấy xác nhận"), max_length=60, blank=True
    )
    theory_issuer = models.CharField(_("cơ sở cấp"), max_length=255, blank=True)
    theory_issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)

    grade = models.CharField(_("ngạch"), max_length=100, blank=True)
    grade_since = models.DateField(_("ngày giữ ngạch"), null=True, blank=True)
    lecturer_since = models.DateField(_("giảng viên LLCT từ"), null=True, blank=True)

    extra = models.JSONField(_("cột bổ sung"), default=dict, blank=True)

    history = HistoricalRecords(excluded_fields=["name_sort_key", "name_search"])

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["name_sort_key", "code"]
        indexes = [models.Index(fields=["unit", "name_sort_key"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.code})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (
            self.party_official_on
            and self.party_admitted_on
            and self.party_official_on < self.party_admitted_on
        ):
            errors["party_official_on"] = _("Ngày chính thức không thể trước ngày vào Đảng.")
        if self.party_status == PartyStatus.FULL and self.party_admitted_on and not self.party_official_on:
            errors["party_official_on"] = _("Đảng viên chính thức cần có ngày chính thức.")
        if (
            self.theory_proof == TheoryProof.EQUIVALENCE
            and self.theory_issued_on
            and self.theory_issued_on >= EQUIVALENCE_CERTIFICATES_END
        ):
            errors["theory_issued_on"] = _(
                "Giấy xác nhận tương đương chỉ có giá trị nếu cấp trước ngày 09/07/2021 (Kết luận 09-KL/TW)."
            )
        if self.theory_proof and not self.theory_level:
            errors["theory_level"] = _("Có minh chứng thì phải ghi trình độ LLCT tương ứng.")
        if self.birth_date and self.birth_date > dt.date.today():
            errors["birth_date"] = _("Ngày sinh không thể ở tương lai.")
        if self.citizen_id:
            self.citizen_id = ascii_digits(self.citizen_id)  # ００１… is the same number as 001…
            problem = citizen_id_problem(self.citizen_id, self.birth_date, self.sex)
            if len(self.citizen_id) == 12 and problem:
                errors["citizen_id"] = problem
        if errors:
            raise ValidationError(errors)


class Assignment(models.Model):
    """A post held by a cadre in a unit over a period (several may run at once: concurrent posts)."""

    cadre = models.ForeignKey(
        Cadre, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("cán bộ")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("chức vụ")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("đơn vị"),
    )
    unit_name = models.CharField(_("tên đơn vị (như ghi)"), max_length=255, blank=True)
    title_as_written = models.CharField(_("chức vụ (như ghi)"), max_length=255, blank=True)
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ValidOnQuerySet.as_manager()

    class Meta:
        verbose_name = _("chức vụ đảm nhiệm")
        verbose_name_plural = _("chức vụ đảm nhiệm")
        ordering = ["-valid_from", "pk"]
        constraints = [valid_range_constraint("assignment_valid_range")]

    def __str__(self) -> str:
        return f"{self.cadre}: {self.post}"

    def clean(self) -> None:
        _check_period(self)


class PlanningEntry(models.Model):
    """A planning (quy hoạch) of a cadre for a post over a term."""

    cadre = models.ForeignKey(
        Cadre, on_delete=models.CASCADE, related_name="planning", verbose_name=_("cán bộ")
    )
    post = models.ForeignKey(
        Post, on_delete=models.PROTECT, related_name="planning", verbose_name=_("chức vụ quy hoạch")
    )
    title_as_written = models.CharField(_("chức vụ (như ghi)"), max_length=255, blank=True)
    term = models.CharField(_("nhiệm kỳ"), max_length=20, blank=True, help_text=_("Ví dụ 2025-2030"))
    valid_from = models.DateField(_("từ ngày"), null=True, blank=True)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)

    history = HistoricalRecords()
    objects = ValidOnQuerySet.as_manager()

    class Meta:
        verbose_name = _("quy hoạch")
        verbose_name_plural = _("quy hoạch")
        ordering = ["-valid_from", "pk"]
        constraints = [valid_range_constraint("planning_valid_range")]

    def __str__(self) -> str:
        return f"{self.cadre} → {self.post}"

    def clean(self) -> None:
        _check_period(self)


def _check_period(row) -> None:
    if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
        raise ValidationError({"valid_to": _("Ngày kết thúc không thể trước ngày bắt đầu.")})


class YearlyRating(models.Model):
    """The performance rating (xếp loại chất lượng) of a cadre for one year."""

    cadre = models.ForeignKey(
        Cadre, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("cán bộ")
    )
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(1945)])
    rating = models.CharField(_("xếp loại"), max_length=20, choices=Rating.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại hằng năm")
        verbose_name_plural = _("xếp loại hằng năm")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["cadre", "year"], name="one_rating_per_year")]

    def __str__(self) -> str:
        return f"{self.cadre} {self.year}: {self.get_rating_display()}"


# Django finds the import's models here.
from llct.registry.roster_import.models import ImportJob, ImportProblem  # noqa: E402, F401
