"""In a real browser (issue 7): the main pages fit a phone's width (390 px, no horizontal scroll) with the
menu folded behind one button; dates are typed dd/mm/yyyy or picked on a calendar that writes them so;
a confirmation says what an action will do before it is sent."""

import pytest

from llct.accounts.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

PAGES = ["/", "/cadres/", "/training/classes/", "/training/nominations/", "/eligibility/", "/statistics/",
         "/inspection/", "/credentials/", "/help/", "/no-such-page/"]  # fmt: skip


def _signed_in(browser, live_server, user, **context):
    page = browser.new_context(locale="vi-VN", **context).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_main_pages_fit_a_phone(browser, live_server, transactional_db, tree, make_user, make_cadre):
    from playwright.sync_api import expect

    make_cadre(tree["new_commune"], "Nguyễn Văn An")
    page = _signed_in(
        browser, live_server, make_user(Role.ADMIN, tree["central"]), viewport={"width": 390, "height": 844}
    )
    for path in PAGES:
        page.goto(live_server.url + path)
        wide = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert wide <= 0, (path, wide)
    page.goto(live_server.url + "/")
    expect(page.locator("#mainnav")).to_be_hidden()
    page.click("#menu-toggle")
    expect(page.locator("#mainnav")).to_be_visible()
    page.click("#nav-cadres")
    expect(page.locator("h1")).to_have_text("Cán bộ")


def test_a_date_is_typed_or_picked_and_written_dd_mm_yyyy(
    browser, live_server, transactional_db, tree, make_user
):
    page = _signed_in(browser, live_server, make_user(Role.ORG_BOARD, tree["north"]))
    page.goto(live_server.url + "/cadres/new/")
    field = page.locator("input[name=birth_date]")
    assert field.get_attribute("type") == "text"
    picker = page.locator("input[name=birth_date] ~ input.date-picker-native").first
    picker.evaluate("(el) => { el.value = '1985-05-17'; el.dispatchEvent(new Event('change')); }")
    assert field.input_value() == "17/05/1985"
    field.fill("31/02/1988")  # typed still works, and an impossible day is named
    page.fill("input[name=full_name]", "Lò Thị Mai")
    page.click("form.form button[type=submit]")
    assert "không có thật" in page.locator("main").inner_text()
