from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Statistics, standard reports and dashboards; inspection checks, runs, findings and plans. At the top
    of the data flow: it reads every other app and writes only its own tables; nothing imports it."""

    name = "llct.oversight"
    verbose_name = _("Thống kê, kiểm tra, giám sát")

    def ready(self) -> None:
        # The task queue registers tasks when their modules are imported.
        from llct.oversight.inspection import tasks as _inspection_tasks  # noqa: F401
        from llct.oversight.statistics import tasks as _statistics_tasks  # noqa: F401
