"""In a real browser: issue certificates for a recognised class with progress, open the QR link signed out
and see the certificate valid, revoke it, see it revoked.

The steps before (nominate → approve → open a class → attendance → marks → recognition decision) are set
up through the models here; they are training's pages. Drives Debian's Chromium through Playwright (never
a downloaded browser); skipped when /usr/bin/chromium is absent unless LLCT_REQUIRE_BROWSER=1.
"""

import pytest

from llct.accounts.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


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
