"""The data directory is created on first write, not when the settings are read (llct.datadir)."""

import sqlite3

from llct.datadir import LazySqliteHuey, SqliteConnection


def test_the_task_queue_file_appears_on_first_use(tmp_path):
    filename = tmp_path / "new" / "tasks.sqlite3"
    huey = LazySqliteHuey("llct-test", filename=str(filename))
    assert not filename.parent.exists()
    huey.put("key", "value")
    assert filename.exists() and huey.get("key") == "value"
    assert LazySqliteHuey("llct-test", filename=str(filename)).get("key") is None  # read once, then gone


def test_a_database_connection_makes_its_directory(tmp_path):
    database = tmp_path / "a" / "b" / "llct.sqlite3"
    connection = sqlite3.connect(str(database), factory=SqliteConnection)
    connection.execute("create table t (x)")
    connection.close()
    assert database.exists()
    memory = sqlite3.connect("file:memorydb?mode=memory&cache=shared", uri=True, factory=SqliteConnection)
    memory.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a"]
