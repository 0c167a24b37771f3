"""The stored name, its sort key and its search form again, now that llct.vntext reads look-alike letters
(Ð/ð for Đ/đ), invisible characters and punctuation (REGULATIONS.md §8, "Text look-alikes"): a name
stored before compares equal to what is typed now."""

from django.db import migrations


def refold(apps, schema_editor):
    from llct.registry.services.cadres import name_columns

    Cadre = apps.get_model("registry", "Cadre")
    changed = []
    for cadre in Cadre.objects.only("pk", "full_name", "name_sort_key", "name_search").iterator():
        columns = name_columns(cadre.full_name)
        if columns != (cadre.full_name, cadre.name_sort_key, cadre.name_search):
            cadre.full_name, cadre.name_sort_key, cadre.name_search = columns
            changed.append(cadre)
    Cadre.objects.bulk_update(changed, ["full_name", "name_sort_key", "name_search"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_unit_link_history_valid_ranges_import_problems")]

    operations = [migrations.RunPython(refold, migrations.RunPython.noop)]
