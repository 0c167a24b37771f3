"""`llct migrate` prepares what verification needs: the shared cache's table, and on SQLite the
write-ahead log, set once in the file instead of on every connection."""

import os
import sqlite3
import subprocess
import sys


def test_migrate_creates_the_cache_table_and_turns_on_wal(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "LLCT_REDIS_URL")}
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from llct.cli import main; main(['llct', 'migrate', '--skip-checks', '-v', '0'])",
        ],
        env={**env, "LLCT_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    db = sqlite3.connect(tmp_path / "llct.sqlite3")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("SELECT name FROM sqlite_master WHERE name = 'llct_cache'").fetchone() == (
            "llct_cache",
        )
    finally:
        db.close()
