"""The dimensions a figure can be broken down by, and how each reads a fact's rows.

Most dimensions are values the database groups by (year, level, programme, sex…). The unit dimensions
(the unit at a depth of the tree, the institution and its kind, the sending unit and its sector) are
grouped by unit id and resolved afterwards through `llct.oversight.statistics.units`, so that they can
be read by the units as they were or as they are now. Codes are stable: scripts and the API use them.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, F, IntegerField, Value, When
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import LessThan
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from llct.registry.choices import Sex, TheoryLevel
from llct.training.choices import ProgrammeFamily, StudyMode

from .catalogue import Indicator

ETHNICITY = {"kinh": _("Dân tộc Kinh"), "thieu_so": _("Dân tộc thiểu số"), "": _("Chưa rõ")}
AGE_BANDS = {
    "duoi_30": _("Dưới 30 tuổi"),
    "30_39": _("Từ 30 đến 39 tuổi"),
    "40_49": _("Từ 40 đến 49 tuổi"),
    "50_59": _("Từ 50 đến 59 tuổi"),
    "tu_60": _("Từ 60 tuổi"),
    "": _("Chưa rõ ngày sinh"),
}
_AGE_LIMITS = ((30, "duoi_30"), (40, "30_39"), (50, "40_49"), (60, "50_59"))
NO_LEVEL = _("Bồi dưỡng (không theo trình độ)")
NO_MODE = _("Không ghi hình thức")


@dataclass(frozen=True)
class Dimension:
    code: str
    label: Promise
    role: str  # the fact path it reads: date, programme, mode, cadre, unit, institution, sending_unit
    unit_attribute: str | None = None  # unit dimensions: "" the unit itself, or "kind", "sector"

    @property
    def is_unit(self) -> bool:
        return self.unit_attribute is not None

    def applies(self, indicator: Indicator) -> bool:
        """Whether the indicator's rows carry this dimension (a plan has no month, a class no learner)."""
        if indicator.source.dimensions is not None:
            return self.code in indicator.source.dimensions
        if self.role == "date":
            return not (self.code == "month" and indicator.year_only)
        if self.code == "age_band" and indicator.year_only:
            return False
        return indicator.source.path(self.role) is not None

    def expression(self, indicator: Indicator):
        """What the database groups by for this dimension (a unit id for unit dimensions)."""
        fact = indicator.source
        if self.is_unit:
            return F(fact.path(self.role))
        date = F(indicator.date)
        if self.code == "year":
            return date if indicator.year_only else ExtractYear(indicator.date)
        if self.code == "month":
            return ExtractMonth(indicator.date)
        path = fact.path(self.role)
        if self.role == "programme":
            return F(f"{path}__{ {'level': 'level', 'programme': 'code', 'family': 'family'}[self.code] }")
        if self.role == "mode":
            return F(path)
        if self.code == "sex":
            return F(f"{path}__sex")
        if self.code == "ethnicity":
            ethnicity = f"{path}__ethnicity"
            return Case(
                When(**{ethnicity: ""}, then=Value("")),
                When(**{f"{ethnicity}__iexact": "kinh"}, then=Value("kinh")),
                default=Value("thieu_so"),
                output_field=CharField(),
            )
        return _age_band(F(f"{path}__birth_date"), date, f"{path}__birth_date")


def _age_band(birth, on, birth_path: str):
    """The age band of a person born on `birth` at the date `on` (whole years, birthdays counted)."""

    def month_day(d):
        return ExtractMonth(d) * 100 + ExtractDay(d)

    not_yet = Case(
        When(LessThan(month_day(on), month_day(birth)), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    age = ExtractYear(on) - ExtractYear(birth) - not_yet
    return Case(
        When(**{f"{birth_path}__isnull": True}, then=Value("")),
        *(When(LessThan(age, limit), then=Value(code)) for limit, code in _AGE_LIMITS),
        default=Value("tu_60"),
        output_field=CharField(),
    )


DIMENSIONS: dict[str, Dimension] = {
    d.code: d
    for d in (
        Dimension("year", _("Năm"), "date"),
        Dimension("month", _("Tháng"), "date"),
        Dimension("level", _("Trình độ"), "programme"),
        Dimension("programme", _("Chương trình"), "programme"),
        Dimension("family", _("Nhóm chương trình"), "programme"),
        Dimension("mode", _("Hình thức học"), "mode"),
        Dimension("unit", _("Đơn vị"), "unit", unit_attribute=""),
        Dimension("institution", _("Cơ sở đào tạo"), "institution", unit_attribute=""),
        Dimension("institution_kind", _("Loại cơ sở đào tạo"), "institution", unit_attribute="kind"),
        Dimension("sending_unit", _("Đơn vị cử"), "sending_unit", unit_attribute=""),
        Dimension("sector", _("Khối"), "sending_unit", unit_attribute="sector"),
        Dimension("sex", _("Giới tính"), "cadre"),
        Dimension("ethnicity", _("Dân tộc"), "cadre"),
        Dimension("age_band", _("Nhóm tuổi"), "cadre"),
    )
}


def choice_labels(code: str) -> dict[str, object] | None:
    """The labels of a dimension whose values are a fixed vocabulary, in their order; None otherwise."""
    if code == "level":
        return {"": NO_LEVEL, **{k: v for k, v in TheoryLevel.choices if k}}
    if code == "family":
        return dict(ProgrammeFamily.choices)
    if code == "mode":
        return {**dict(StudyMode.choices), "": NO_MODE}
    if code == "sex":
        return dict(Sex.choices)
    if code == "ethnicity":
        return dict(ETHNICITY)
    if code == "age_band":
        return dict(AGE_BANDS)
    return None
