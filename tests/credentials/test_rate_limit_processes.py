"""The verification rate limit holds across worker processes: another Python process, with its own
memory, counts against the same budget — through Redis (LLCT_REDIS_URL) or through the database cache
(here on PostgreSQL, where a second process can reach the test database)."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory

from llct.credentials.verification import WINDOW_SECONDS, over_limit

REDIS = "redis://127.0.0.1:6379/15"

# Counts `n` verification requests of one client in a fresh process; prints the answers.
_CHILD = """
import json, os, sys
import django
django.setup()
from django.test import RequestFactory
from llct.credentials.verification import WINDOW_SECONDS, over_limit
request = RequestFactory().get("/verify/x", REMOTE_ADDR=sys.argv[1])
print(json.dumps([over_limit(request) for _ in range(int(sys.argv[2]))]))
"""


def _child(env: dict, ip: str, n: int) -> list[bool]:
    run = subprocess.run(
        [sys.executable, "-c", _CHILD, ip, str(n)],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "llct.settings", "LLCT_VERIFY_RATE_LIMIT": "5", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def _fresh_window() -> None:
    """Both processes must count in the same fixed window: start with at least 20 s of it left."""
    left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
    if left < 20:
        time.sleep(left + 0.1)


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.redis
def test_redis_is_the_shared_cache_when_configured_and_the_limit_spans_processes(settings, monkeypatch):
    if not _redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['default']['BACKEND'])",
        ],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "llct.settings", "LLCT_REDIS_URL": REDIS},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    monkeypatch.setenv("LLCT_VERIFY_RATE_LIMIT", "5")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS,
            "KEY_PREFIX": "llct",
        }
    }
    caches["default"].clear()
    ip = f"192.0.2.{int(time.time()) % 200 + 1}"
    request = RequestFactory().get("/verify/x", REMOTE_ADDR=ip)
    _fresh_window()
    try:
        assert [over_limit(request) for _ in range(3)] == [False] * 3
        # Another process sees the 3 already counted: 2 more pass, then it is over.
        assert _child({"LLCT_REDIS_URL": REDIS}, ip, 4) == [False, False, True, True]
        assert over_limit(request) is True
    finally:
        caches["default"].clear()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_cache_limit_spans_processes_on_postgresql(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("a second process reaches the test database only on PostgreSQL")
    monkeypatch.setenv("LLCT_VERIFY_RATE_LIMIT", "5")
    caches["default"].clear()
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    request = RequestFactory().get("/verify/x", REMOTE_ADDR="192.0.2.77")
    _fresh_window()
    assert [over_limit(request) for _ in range(3)] == [False] * 3
    env = {"DATABASE_URL": url, "LLCT_REDIS_URL": ""}
    assert _child(env, "192.0.2.77", 4) == [False, False, True, True]
    assert over_limit(request) is True
    assert _child(env, "192.0.2.78", 1) == [False]  # another client, its own budget
