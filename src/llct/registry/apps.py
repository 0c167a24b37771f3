from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "llct.registry"
    verbose_name = _("Sổ đăng ký cán bộ")
