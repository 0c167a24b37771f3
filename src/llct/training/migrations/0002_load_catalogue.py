"""Load the shipped programme catalogue (training/data/programmes.yaml)."""

from django.db import migrations


def load(apps, schema_editor):
    from llct.training.services.catalogue import catalogue_load

    catalogue_load(programme_model=apps.get_model("training", "Programme"), module_model=apps.get_model("training", "Module"))


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
