"""Heartbeats of background jobs: while a job runs, a thread of its worker writes the time every
BEAT_SECONDS to the task queue's key-value store (not the database: a job's own write transaction must not
hold its heartbeat back). A heartbeat older than STALE_SECONDS means the worker died (killed, crashed,
restarted) and the job will not finish by itself; a job with no heartbeat has not started or has finished.

LLCT_JOB_BEAT_SECONDS (default 10) and LLCT_JOB_STALE_SECONDS (default 120) set the two times.
"""

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from huey.contrib.djhuey import HUEY

BEAT_SECONDS = float(os.environ.get("LLCT_JOB_BEAT_SECONDS", "10"))
STALE_SECONDS = float(os.environ.get("LLCT_JOB_STALE_SECONDS", "120"))


def _key(job: str) -> str:
    return f"llct-heartbeat-{job}"


@contextmanager
def heartbeat(job: str) -> Iterator[None]:
    """Beat for `job` (e.g. "import-12") while the block runs; the heartbeat is removed when it ends."""
    stop = threading.Event()
    HUEY.put(_key(job), time.time())

    def beat() -> None:
        while not stop.wait(BEAT_SECONDS):
            HUEY.put(_key(job), time.time())

    thread = threading.Thread(target=beat, name=f"heartbeat-{job}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        HUEY.get(_key(job))  # a plain get removes the key


def worker_lost(job: str) -> bool:
    """Whether `job` started and its worker stopped beating more than STALE_SECONDS ago."""
    beat = HUEY.get(_key(job), peek=True)
    return beat is not None and time.time() - beat > STALE_SECONDS


def forget(job: str) -> None:
    """Drop the stale heartbeat of a job that was recovered."""
    HUEY.get(_key(job))
