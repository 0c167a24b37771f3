from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "llct.credentials"
    verbose_name = _("Văn bằng, chứng chỉ")

    def ready(self) -> None:
        from llct.credentials.services.lifecycle import revoke_on_expulsion
        from llct.training.signals import learner_expelled

        learner_expelled.connect(revoke_on_expulsion, dispatch_uid="credentials.revoke_on_expulsion")
