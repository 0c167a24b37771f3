"""The programme catalogue: what is taught, for how long, how it is assessed and what it leads to."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from llct.registry.choices import TheoryLevel
from llct.training.choices import AssessmentScheme, ProgrammeFamily, ProgrammeOutput

# QĐ 1147: 5–<7 Trung bình, 7–<8 Khá, 8–<9 Giỏi, 9–10 Xuất sắc (also the assumed bands of LLCT levels).
DEFAULT_BANDS = {"trung_binh": 5.0, "kha": 7.0, "gioi": 8.0, "xuat_sac": 9.0}


class Programme(models.Model):
    """A training or refresher programme, loaded from `training/data/programmes.yaml` with its citations."""

    code = models.CharField(_("mã chương trình"), max_length=40, unique=True)
    name = models.CharField(_("tên chương trình"), max_length=255)
    family = models.CharField(_("nhóm"), max_length=12, choices=ProgrammeFamily.choices)
    level = models.CharField(
        _("trình độ LLCT đạt được"), max_length=12, choices=TheoryLevel.choices, blank=True
    )
    output = models.CharField(_("kết quả khi hoàn thành"), max_length=20, choices=ProgrammeOutput.choices)
    modes = models.JSONField(_("hình thức học"), default=list, blank=True)
    usual_duration = models.CharField(_("thời gian thường lệ"), max_length=120, blank=True)
    offered_from = models.DateField(_("mở từ ngày"), null=True, blank=True)
    offered_until = models.DateField(_("mở đến ngày"), null=True, blank=True)
    assessment_scheme = models.CharField(_("cách đánh giá"), max_length=20, choices=AssessmentScheme.choices)
    pass_mark = models.DecimalField(_("điểm đạt"), max_digits=4, decimal_places=2, default=Decimal("5.00"))
    bands = models.JSONField(_("ngưỡng xếp loại"), default=dict, blank=True)
    bands_assumed = models.BooleanField(
        _("ngưỡng xếp loại là giả định"),
        default=False,
        help_text=_("Dùng ngưỡng của QĐ 1147 cho đến khi chương trình quy định ngưỡng riêng."),
    )
    final_weight = models.DecimalField(
        _("trọng số thi cuối khóa / khóa luận"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0.50"),
        help_text=_(
            "Điểm cuối khóa = (1 − trọng số) × trung bình điểm học phần + trọng số × điểm thi cuối khóa."
        ),
    )
    min_attendance_percent = models.PositiveSmallIntegerField(_("tỷ lệ chuyên cần tối thiểu (%)"), default=80)
    min_learners = models.PositiveSmallIntegerField(_("số học viên tối thiểu để mở lớp"), default=0)
    target_groups = models.TextField(_("đối tượng"), blank=True)
    citation = models.TextField(_("căn cứ"), blank=True)
    assumptions = models.TextField(_("giả định"), blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chương trình")
        verbose_name_plural = _("chương trình đào tạo, bồi dưỡng")
        ordering = ["family", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_commune_centre(self) -> bool:
        return self.family == ProgrammeFamily.COMMUNE_CENTRE

    @property
    def total_periods(self) -> int:
        return sum(m.periods for m in self.modules.all())


class Module(models.Model):
    """A module (học phần, chuyên đề) of a programme, with its periods (tiết, 45 minutes)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="modules", verbose_name=_("chương trình")
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    code = models.CharField(_("mã học phần"), max_length=40)
    name = models.CharField(_("tên học phần"), max_length=255)
    periods = models.PositiveSmallIntegerField(_("số tiết"), validators=[MinValueValidator(1)])
    has_exam = models.BooleanField(_("có thi hết học phần"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("học phần")
        verbose_name_plural = _("học phần")
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="module_code_per_programme")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.periods} tiết)"
