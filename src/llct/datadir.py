"""The data directory (LLCT_DATA_DIR) is created when something first writes there — the SQLite database,
the task queue's file — not when the settings are read: a command that needs neither (`llct screen`
without an installation) leaves the working directory as it found it."""

import sqlite3
from pathlib import Path

from huey import SqliteHuey
from huey.storage import SqliteStorage


def _make_parent(database: str) -> None:
    if database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


class SqliteConnection(sqlite3.Connection):
    """A connection that first creates its database file's directory (Django's SQLite backend hands
    OPTIONS["factory"] to sqlite3.connect)."""

    def __init__(self, database, *args, **kwargs) -> None:
        _make_parent(str(database))
        super().__init__(database, *args, **kwargs)


class LazySqliteStorage(SqliteStorage):
    """Huey's SQLite storage, creating its file and tables on first use instead of at start-up."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["create_tables"] = False
        super().__init__(*args, **kwargs)
        self._schema_ready = False

    def _create_connection(self):
        _make_parent(self.filename)
        conn = super()._create_connection()
        if not self._schema_ready:
            for statement in self.ddl:
                conn.execute(statement)
            self._schema_ready = True
        return conn


class LazySqliteHuey(SqliteHuey):
    storage_class = LazySqliteStorage
