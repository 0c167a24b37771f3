"""In a real browser under the Content-Security-Policy: the site's own script still runs (the menu, the
confirmation of a form with data-confirm, the "back" link) and the browser reports no violation."""

import pytest

from llct.accounts.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_sites_script_runs_and_nothing_is_refused(
    browser, live_server, transactional_db, tree, make_user
):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Security Policy" in message.text else 0
    )
    user = make_user(Role.ORG_BOARD, tree["north"])
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_selector("#menu-toggle", state="attached")
    # A form that asks first: dismissed, it is not sent; accepted, it is.
    page.evaluate(
        """() => { const f = document.createElement("form"); f.id = "asks"; f.method = "get";
        f.action = "/cadres/"; f.dataset.confirm = "Chắc chưa?"; f.innerHTML = "<button id=go>Gửi</button>";
        document.body.append(f); }"""
    )
    answers = iter([False, True])
    seen = []

    def answer(dialog):
        seen.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", answer)
    page.click("#go")
    page.wait_for_timeout(500)
    assert "/cadres/" not in page.url
    with page.expect_navigation():
        page.click("#go")
    assert seen == ["Chắc chưa?", "Chắc chưa?"] and "/cadres/" in page.url
    page.goto(f"{live_server.url}/khong-co-trang-nay/")
    page.click("[data-back]")
    page.wait_for_url(f"{live_server.url}/cadres/**")
    assert refused == []
    context.close()
