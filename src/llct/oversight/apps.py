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

        self._keep_tallies()

    def _keep_tallies(self) -> None:
        """Every change of a class, its learners, its recognition, its documents or a bulk issue marks the
        class for the statistics' kept aggregates (llct.oversight.statistics.keeping)."""
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from llct.oversight.statistics import keeping

        receivers = {
            "training.TrainingClass": keeping.on_class_saved,
            "training.Enrolment": keeping.on_class_record_saved,
            "training.RecognitionDecision": keeping.on_class_record_saved,
            "credentials.IssueJob": keeping.on_class_record_saved,
            "credentials.Credential": keeping.on_credential_saved,
        }
        for label, receiver in receivers.items():
            model = apps.get_model(label)
            post_save.connect(receiver, sender=model, dispatch_uid=f"tallies-save-{label}")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"tallies-delete-{label}")
