"""Security headers (issue 12, item 10): a Content-Security-Policy without inline script, which holds
because no template has any; a Permissions-Policy; no Server version; API docs behind login in
production, served from the site's own files."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "src" / "llct").rglob("templates/**/*.html"))
INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),  # inline script
    re.compile(r"\son[a-z]+\s*=", re.I),  # onclick=, onsubmit=, …
    re.compile(r"javascript:", re.I),
]


def test_every_answer_has_the_policies(client, db):
    response = client.get("/login/")
    csp = response["Content-Security-Policy"]
    script = next(d for d in csp.split("; ") if d.startswith("script-src"))
    assert script == "script-src 'self'"  # no 'unsafe-inline', no 'unsafe-eval'
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    permissions = response["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions
    assert "Server" not in response


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT / "src" / "llct")))
def test_no_template_has_inline_script(template):
    text = template.read_text()
    for pattern in INLINE:
        assert not pattern.search(text), f"{pattern.pattern} in {template}"


def test_the_htmx_configuration_turns_off_what_needs_inline_code():
    base = (ROOT / "src/llct/web/templates/web/base.html").read_text()
    assert '"includeIndicatorStyles": false' in base and '"allowEval": false' in base


def test_the_api_docs_use_the_sites_own_files(client, db):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page


_PRODUCTION_DOCS = """
import django
django.setup()
from django.test import Client
client = Client()
print(client.get("/api/docs").status_code, client.get("/api/openapi.json").status_code)
"""


def _env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "DJANGO_SETTINGS_MODULE": "llct.settings", "LLCT_DATA_DIR": str(tmp_path), **extra}


def test_the_api_docs_need_a_login_in_production(tmp_path):
    env = _env(tmp_path, LLCT_PRODUCTION="1", LLCT_SECRET_KEY="x" * 50, LLCT_ALLOWED_HOSTS="testserver",
               LLCT_SSL_REDIRECT="0")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", _PRODUCTION_DOCS], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["302", "302"]


def test_gunicorn_says_no_version(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "llct.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=_env(tmp_path), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/llct/llct.css", timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert answer.headers["Server"] == "gunicorn"
        assert "Content-Security-Policy" in answer.headers
    finally:
        server.terminate()
        server.wait(timeout=30)
