"""A skip of a test whose marker LLCT_REQUIRE names fails the run; other skips stay skips."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = """
import pytest

@pytest.mark.redis
def test_needs_redis():
    pytest.skip("no Redis on this machine")

@pytest.mark.browser
def test_needs_a_browser():
    pytest.skip("no browser on this machine")

@pytest.mark.xfail(reason="known")
@pytest.mark.redis
def test_expected_to_fail():
    raise AssertionError
"""


def _run(tmp_path, required: str) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(SAMPLE)
    env = {**os.environ, "LLCT_REQUIRE": required, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rA", "-p", "no:django", "-p", "no:cacheprovider",
         "-p", "tests.required", str(tmp_path)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_skip_the_run_requires_fails_it(tmp_path):
    run = _run(tmp_path, "redis, postgres")
    assert run.returncode == 1, run.stdout
    assert "1 failed, 1 skipped, 1 xfailed" in run.stdout
    assert "no Redis on this machine" in run.stdout and "requires the tests marked redis" in run.stdout


def test_without_requirements_every_skip_stays_a_skip(tmp_path):
    run = _run(tmp_path, "")
    assert run.returncode == 0, run.stdout
    assert "2 skipped, 1 xfailed" in run.stdout
