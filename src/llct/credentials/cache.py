"""Django's database cache with an atomic `incr`, the one operation the verification rate limit uses.

Django's `DatabaseCache.incr` reads the value, then `set`s it (a count of the table, a transaction, a
read and a write) and resets the timeout: two workers incrementing at once can both read n and write
n + 1, which lets a client past the limit with enough workers, and the six statements cost more than the
lookup they guard. Here `incr` locks the row (SELECT … FOR UPDATE on PostgreSQL; on SQLite the
transaction's BEGIN IMMEDIATE takes the write lock), reads and writes it in one short transaction, and the
key keeps the expiry it was added with (the end of its fixed window). On PostgreSQL that transaction
commits without waiting for the disk (synchronous_commit off, for it alone): a count lost in a crash
does not matter, and waiting for the flush cost ten times the rest of a verification request."""

import base64
import pickle

from django.core.cache.backends import db
from django.db import connections, router, transaction
from django.utils.timezone import now


class DatabaseCache(db.DatabaseCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        quote = connection.ops.quote_name
        table, value, cache_key, expires = (quote(n) for n in (self._table, "value", "cache_key", "expires"))
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        moment = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            cursor.execute(
                f"SELECT {value} FROM {table} WHERE {cache_key} = %s AND {expires} > %s{lock}", [key, moment]
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            new = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(new, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {value} = %s WHERE {cache_key} = %s", [encoded, key])
        return new
