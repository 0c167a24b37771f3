"""Login: throttling against password guessing (django-axes) and session expiry."""

import pytest
from django.conf import settings
from django.urls import reverse

from llct.accounts.models import Role
from tests.conftest import PASSWORD, PROJECT_PASSWORD_HASHERS


@pytest.fixture
def officer(tree, make_user):
    return make_user(Role.ORG_BOARD, tree["north"], username="can-bo-ban-to-chuc")


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="10.0.0.7")


def test_right_password_logs_in(client, officer):
    response = login(client, officer.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_five_failures_lock_out_even_the_right_password(client, officer):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(client, officer.username, "sai-mat-khau")
        assert response.status_code == 200  # the form again, with its error
    locked = login(client, officer.username, "sai-mat-khau")
    assert locked.status_code in (403, 429)
    refused = login(client, officer.username, PASSWORD)
    assert refused.status_code in (403, 429)
    assert "Tạm khóa đăng nhập" in refused.content.decode()
    assert "30 phút" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302


def test_sessions_expire():
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_SAVE_EVERY_REQUEST is True  # idle time, not time since login


def test_session_cookie_ends_with_the_browser(client, officer):
    login(client, officer.username, PASSWORD)
    assert client.session.get_expire_at_browser_close() is True
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]


def test_passwords_are_hashed(settings, make_user, tree):
    settings.PASSWORD_HASHERS = PROJECT_PASSWORD_HASHERS
    officer = make_user(Role.ACADEMIC_OFFICER, tree["centre"])
    assert officer.password.startswith(("pbkdf2_", "argon2", "bcrypt", "scrypt"))
    assert PASSWORD not in officer.password
