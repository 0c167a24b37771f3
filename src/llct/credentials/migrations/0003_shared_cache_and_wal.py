"""The shared cache's table and SQLite's write-ahead log, so that `llct migrate` prepares both.

The verification rate limit counts in Django's database cache unless LLCT_REDIS_URL selects Redis
(settings.CACHES); `createcachetable` creates the table of every database cache configured and skips
existing ones. WAL is a property of the SQLite file, set once here instead of on every connection; the
pragma cannot run inside a transaction, hence a non-atomic migration."""

from django.core.management import call_command
from django.db import migrations


def cache_table_create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def cache_table_drop(apps, schema_editor):
    from django.core.cache import caches
    from django.core.cache.backends.db import BaseDatabaseCache

    for alias in caches:
        if isinstance(caches[alias], BaseDatabaseCache):
            schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(caches[alias]._table)}")


def sqlite_wal(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("credentials", "0002_blanks_hand_over")]

    operations = [
        migrations.RunPython(cache_table_create, cache_table_drop),
        migrations.RunPython(sqlite_wal, migrations.RunPython.noop),
    ]
