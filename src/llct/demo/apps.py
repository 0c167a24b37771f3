from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo province and the data generators, and `llct demo` that loads and serves them. At the top of
    the data flow: it may import every app, and nothing imports it. No models of its own."""

    name = "llct.demo"
    verbose_name = _("Dữ liệu trình diễn")
