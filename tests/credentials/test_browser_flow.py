"""In a real browser: issue certificates for a recognised class with progress, open the QR link signed out
and see the certificate valid, revoke it, see it revoked.

The steps before (nominate → approve → open a class → attendance → marks → recognition decision) are set
up through the models here; they are training's pages. Drives Debian's Chromium through Playwright (never
a downloaded browser); skipped when /usr/bin/chromium is absent unless LLCT_REQUIRE_BROWSER=1.
"""

import os
from pathlib import Path

import pytest

from llct.accounts.models import Role
from tests.conftest import PASSWORD

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


@pytest.fixture
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("LLCT_REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and LLCT_REQUIRE_BROWSER=1 requires the browser test to run")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_issue_verify_signed_out_revoke(
    browser, live_server, transactional_db, programmes, make_class, make_user, tree
):
    from playwright.sync_api import expect

    from llct.credentials.models import Credential

    make_user(Role.ACADEMIC_OFFICER, tree["centre"], username="giaovu")
    klass = make_class(programmes["party_awareness"], 3, names=["Lò Văn Một", "Hà Thị Hai", "Vi Văn Ba"])

    staff = browser.new_context(locale="vi-VN").new_page()
    staff.set_default_timeout(15_000)
    staff.goto(f"{live_server.url}/login/?next=/credentials/lop/{klass.pk}/")
    staff.fill("#id_username", "giaovu")
    staff.fill("#id_password", PASSWORD)
    staff.click("form.form button[type=submit]")
    staff.click("#issue-class")
    expect(staff.locator(".job")).to_contain_text("3/3")
    expect(staff.locator(".job")).to_contain_text("Đã xong")
    assert Credential.objects.count() == 3

    first = Credential.objects.order_by("number").first()
    staff.goto(f"{live_server.url}/credentials/van-bang/{first.pk}/")
    qr_link = staff.locator("#verify-link").get_attribute("href")
    assert qr_link.endswith(f"/verify/{first.token}")

    public = browser.new_context(locale="vi-VN").new_page()  # signed out: a separate cookie jar
    public.goto(qr_link)
    expect(public.locator("#verdict")).to_contain_text("hợp lệ")
    expect(public.locator("main")).to_contain_text(first.holder.full_name)
    expect(public.locator("main")).not_to_contain_text("1985")  # no birth date

    staff.select_option("#id_reason", "gian_lan")
    staff.fill("#id_authority", "Quyết định 9/QĐ-TTCT")
    staff.click("#revoke")
    expect(staff.locator("main")).to_contain_text("Đã thu hồi")

    public.reload()
    expect(public.locator("#verdict")).to_contain_text("KHÔNG còn giá trị")
