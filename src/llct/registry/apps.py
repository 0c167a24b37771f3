from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "llct.registry"
    verbose_name = _("Sổ đăng ký cán bộ")

    def ready(self) -> None:
        from django.utils.translation import gettext

        from llct.roster import i18n

        i18n.install(gettext)  # the roster reader's messages in the user's language
