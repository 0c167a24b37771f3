"""Jobs survive a crash (issue 12, item 5): a real task-queue consumer is killed (SIGKILL) in the middle of
a bulk issue and, later, in the middle of an import's write. After the heartbeat went stale the import is
failed with nothing written, the bulk issue resumed, and a new consumer finishes it with every learner
issued once, numbers without a gap, and no job left running.

Runs in a throw-away installation of its own (tests/crash_world.py): SQLite in a temporary directory, or
a database of its own next to DATABASE_URL's when that is PostgreSQL."""

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.crash_world import LEARNERS

ROOT = Path(__file__).resolve().parents[1]
STALE = 2.0


class World:
    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        self.data_dir, self.database_url = data_dir, database_url
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "LLCT_REDIS_URL", "LLCT_TASKS_IMMEDIATE")
        }
        self.env |= {
            "DJANGO_SETTINGS_MODULE": "llct.settings",
            "LLCT_DATA_DIR": str(data_dir),
            "LLCT_JOB_BEAT_SECONDS": "0.2",
            "LLCT_JOB_STALE_SECONDS": str(STALE),
            "PYTHONPATH": str(ROOT),
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def run(self, *args: object) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "tests.crash_world", *map(str, args)],
            env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return json.loads(done.stdout.strip().splitlines()[-1])

    def consumer(self) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "llct.cli", "run_huey", "--no-periodic", "--workers", "1"],
            env=self.env, cwd=ROOT, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def query(self, sql: str) -> list[tuple]:
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url) as conn:
                return conn.execute(sql).fetchall()
        with sqlite3.connect(self.data_dir / "llct.sqlite3", timeout=30) as conn:
            return conn.execute(sql).fetchall()

    def live_progress(self, job_id: int):
        """The import's live figures in the task queue's store, as the progress page reads them."""
        with sqlite3.connect(self.data_dir / "tasks.sqlite3", timeout=30) as conn:
            rows = conn.execute("select value from kv where key = ?", (f"llct-import-progress-{job_id}",))
            row = rows.fetchone()
        return pickle.loads(row[0]) if row else None


def kill(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def wait_for(condition, what: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def world(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1] + "_crash"
        admin_url = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        yield World(tmp_path, url.rsplit("/", 1)[0] + "/" + name)
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        yield World(tmp_path, None)


def test_a_killed_worker_leaves_no_job_running_nothing_half_written_and_no_learner_twice(world):
    ids = world.run("setup")

    # 1. A bulk issue, killed after some chunks were committed.
    consumer = world.consumer()
    job = world.run("issue", ids["class"], ids["officer"])["job"]

    def issue_job():
        return world.query(f"select status, done, issued from credentials_issuejob where id = {job}")[0]

    wait_for(lambda: 0 < issue_job()[1] < LEARNERS // 2, "the bulk issue under way")
    kill(consumer)
    status, done, issued = issue_job()
    (written,) = world.query("select count(*) from credentials_credential")[0]
    assert status == "dang_chay" and 0 < done < LEARNERS
    assert written == issued  # the progress is committed with its chunk, never behind it

    # 2. An import, killed during its one-transaction write.
    consumer = world.consumer()
    imported = world.run("import", ids["board"], ids["north"])["job"]
    wait_for(lambda: (world.live_progress(imported) or ("",))[0] == "write", "the import writing")
    time.sleep(0.3)
    kill(consumer)
    assert world.query(f"select state from registry_importjob where id = {imported}") == [("running",)]

    # 3. The heartbeats go stale; the watch fails the import and resumes the issue.
    time.sleep(STALE + 0.5)
    assert world.run("recover") == {"imports_failed": 1, "issues_resumed": 1}
    state = world.run("state")
    (failed,) = state["import_jobs"]
    assert failed["state"] == "failed" and "tải tệp lên lại" in failed["message"] and failed["file"] == ""
    assert state["new_cadres"] == 0  # nothing of the killed write was kept
    assert state["issue_jobs"][0]["resumed"] == 1

    # 4. A new consumer finishes the resumed issue: every learner once, numbers 1..N, nothing running.
    consumer = world.consumer()
    try:
        wait_for(lambda: issue_job()[0] == "xong", "the resumed bulk issue to finish")
    finally:
        kill(consumer)
    state = world.run("state")
    (finished,) = state["issue_jobs"]
    assert finished["done"] == finished["total"] == finished["issued"] == LEARNERS
    assert state["numbers"] == list(range(1, LEARNERS + 1))
    assert state["holders"] == LEARNERS
    orphaned = world.query("select count(*) from registry_importjob where state in ('checking', 'running')")
    orphaned += world.query("select count(*) from credentials_issuejob where status in ('cho', 'dang_chay')")
    assert orphaned == [(0,), (0,)]
