"""`llct demo` as the README runs it: a fresh data directory, the web app answering, and a stop on SIGTERM
or Ctrl+C (its task workers must not swallow the signals)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llct demo stopped early:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"llct demo did not answer at {url} within {seconds} s")


@pytest.mark.parametrize(
    ("stop", "exit_code"),
    [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, 0)],
    ids=["SIGTERM", "SIGINT"],
)
def test_demo_serves_a_fresh_database_and_stops_on_a_signal(tmp_path, stop, exit_code):
    port = _free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("LLCT_") and k != "DATABASE_URL"}
    environment["LLCT_DATA_DIR"] = str(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "llct.cli", "demo", "--port", str(port), "--size", "300"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/login/", process, seconds=240)
        assert "<form" in page
        assert (tmp_path / "llct.sqlite3").exists()
        process.send_signal(stop)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert "Tài khoản trình diễn" in output
    assert process.returncode == exit_code, output
