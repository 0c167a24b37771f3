"""The statistics room's landing: a dashboard per role, each panel a statistics query of this year over
the user's scope, linked to the statistics page that shows it in full.

- an organisation board: this year's plan against what was done, and the training backlog;
- an institution (its director or academic officer): its classes, their results and the documents overdue
  (more than 15 days after the recognition decision);
- an inspector or administrator: the main figures of its subtree, unit by unit.

The backlog screens every cadre of the subtree by the rules, so its panel is drawn after the page, by htmx.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from llct.accounts.models import Role
from llct.credentials.selectors import credentials_overdue

from .engine import StatisticsQuery
from .params import query_params


@dataclass(frozen=True)
class Panel:
    key: str
    title: str
    query: StatisticsQuery | None = None
    lazy: bool = False  # drawn after the page (htmx)
    count: int | None = None  # a panel that is one number with its list (the overdue documents)
    link: str = ""

    @property
    def url(self) -> str:
        if self.link or self.query is None:
            return self.link
        return f"{reverse('statistics:page')}?{urlencode(query_params(self.query))}"


def _year(indicators: tuple[str, ...], year: int, **fields) -> StatisticsQuery:
    return StatisticsQuery(indicators=indicators, year_from=year, year_to=year, **fields)


def dashboard_panels(user) -> list[Panel]:
    """The panels of the user's dashboard (none for a role without one)."""
    year = timezone.localdate().year
    role = user.role if not user.is_superuser else Role.ADMIN
    if role == Role.ORG_BOARD:
        plan = ("plan_quota", "plan_nominated", "plan_admitted", "plan_completed", "plan_fulfilment")
        return [
            Panel(
                "plan",
                _("Kế hoạch năm %(year)s và thực hiện") % {"year": year},
                _year(plan, year, rows=("programme",)),
            ),
            Panel(
                "backlog",
                _("Cán bộ đủ điều kiện chưa được đào tạo"),
                _year(("training_backlog",), year, rows=("level",)),
                lazy=True,
            ),
        ]
    if role in (Role.DIRECTOR, Role.ACADEMIC_OFFICER) and user.unit is not None:
        own = {"unit": user.unit.code}
        classes = ("classes_opened", "classes_closed", "learner_places")
        results = ("learners_assessed", "completed", "not_completed", "expelled", "pass_rate")
        return [
            Panel(
                "classes",
                _("Lớp năm %(year)s") % {"year": year},
                _year(classes, year, rows=("programme",), **own),
            ),
            Panel("results", _("Kết quả học tập năm %(year)s") % {"year": year}, _year(results, year, **own)),
            Panel(
                "overdue",
                _("Văn bằng, chứng chỉ quá hạn cấp (15 ngày)"),
                count=credentials_overdue(user).count(),
                link=reverse("credentials:overdue"),
            ),
        ]
    if role in (Role.INSPECTOR, Role.ADMIN):
        figures = ("classes_opened", "learner_places", "completed", "credentials_issued", "credentials_late")
        return [
            Panel(
                "subtree",
                _("Số liệu năm %(year)s theo đơn vị") % {"year": year},
                _year(figures, year, rows=("unit",)),
            )
        ]
    return []
