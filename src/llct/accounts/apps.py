from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "llct.accounts"
    verbose_name = _("Tài khoản và phân quyền")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the start-up check)
