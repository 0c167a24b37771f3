"""Error pages (issue 7, defects 5 and 14): Vietnamese, in the site's layout, with a way back; a refusal is
one log line, not a traceback; the site has a favicon; the login page leads to public verification."""

import logging
import sys

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views.defaults import server_error

from llct.accounts.models import Role
from llct.web.logs import AnswersWithoutTraceback


def test_404_and_403_are_vietnamese_pages_in_the_layout(client, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    text = missing.content.decode()
    assert 'id="error-404"' in text and "Không tìm thấy" in text and 'class="mainnav"' in text
    assert 'id="error-home"' in text and "URLconf" not in text
    denied = client.get("/cadres/new/")  # an inspector reads, never writes
    assert denied.status_code == 403
    text = denied.content.decode()
    assert 'id="error-403"' in text and "Không có quyền" in text and "Forbidden" not in text


def test_500_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert 'id="error-500"' in response.content.decode()


def test_refusals_log_one_line_without_traceback():
    def record(exc):
        try:
            raise exc
        except Exception:
            return logging.LogRecord("django.request", logging.WARNING, "", 0, "x", (), sys.exc_info())

    denied, broken = record(PermissionDenied()), record(ValueError("bug"))
    quiet = AnswersWithoutTraceback()
    assert quiet.filter(denied) and denied.exc_info is None
    assert quiet.filter(broken) and broken.exc_info is not None  # real faults keep their traceback


def test_favicon_and_login_link_to_verification(client):
    assert finders.find("llct/favicon.svg")
    text = client.get("/login/").content.decode()
    assert 'rel="icon"' in text and 'id="login-verify"' in text and "/verify/" in text
