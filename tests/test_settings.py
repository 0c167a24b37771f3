"""Production mode passes Django's deployment checklist, and refuses to start half-configured."""

import os
import subprocess
import sys


def _llct(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LLCT_") and k != "DATABASE_URL"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "llct.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_production_mode_passes_check_deploy(tmp_path):
    result = _llct(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LLCT_DATA_DIR=str(tmp_path),
        LLCT_PRODUCTION="1",
        LLCT_SECRET_KEY="a-long-random-production-secret-key-" + "x9Q2" * 10,
        LLCT_ALLOWED_HOSTS="llct.example.vn",
        LLCT_TRUSTED_PROXIES="127.0.0.1",  # behind its reverse proxy, as the deployment guide says
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_mode_fails_check_deploy(tmp_path):
    result = _llct("check", "--deploy", "--fail-level", "WARNING", LLCT_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "DEBUG" not in result.stderr  # debug pages only when asked
    debugging = _llct("check", "--deploy", LLCT_DATA_DIR=str(tmp_path), LLCT_DEBUG="1")
    assert "DEBUG" in debugging.stderr


def test_production_mode_without_secret_key_refuses_to_start(tmp_path):
    result = _llct(
        "check", LLCT_DATA_DIR=str(tmp_path), LLCT_PRODUCTION="1", LLCT_ALLOWED_HOSTS="llct.example.vn"
    )
    assert result.returncode != 0
    assert "LLCT_SECRET_KEY" in result.stderr


def test_data_directory_is_created_on_first_use(tmp_path):
    data_dir = tmp_path / "new" / "data"
    result = _llct("migrate", "--plan", LLCT_DATA_DIR=str(data_dir))
    assert result.returncode == 0, result.stderr
    assert data_dir.is_dir()
