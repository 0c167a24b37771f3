"""In a real browser: log in, find a cadre by typing without accents, open the record, switch to English.

Drives Debian's Chromium through Playwright (never a downloaded browser). Skipped when /usr/bin/chromium is
absent, unless LLCT_REQUIRE names `browser` (as in CI), which turns the absence into a failure.
"""

import re

import pytest

from llct.accounts.models import Role
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_login_search_open_switch_language(page, live_server, transactional_db, tree, make_user, make_cadre):
    from playwright.sync_api import expect

    user = make_user(Role.ORG_BOARD, tree["north"], username="bantochuc")
    wanted = make_cadre(tree["new_commune"], "Nguyễn Văn An", theory_level="trung_cap")
    make_cadre(tree["north"], "Trần Thị Bích")
    make_cadre(tree["south"], "Nguyễn Văn An")  # same name, other province: must not show

    page.goto(f"{live_server.url}/cadres/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/cadres/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Cán bộ")

    rows = page.locator("table.cadres tbody tr")
    expect(rows).to_have_count(2)
    # Live search: no Enter, no accents; htmx replaces the table after the typing pause.
    page.locator("input[name=q]").press_sequentially("nguyen van an", delay=30)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Nguyễn Văn An")
    expect(page).to_have_url(re.compile(r"/cadres/\?q=nguyen(\+|%20)van(\+|%20)an"))

    rows.first.locator("a").click()
    expect(page).to_have_url(f"{live_server.url}/cadres/{wanted.pk}/")
    expect(page.locator("h1")).to_contain_text("Nguyễn Văn An")
    expect(page.locator("main")).to_contain_text("Trình độ LLCT")
    expect(page.locator("main")).to_contain_text("Trung cấp")

    page.click("button[data-lang=en]")
    expect(page).to_have_url(f"{live_server.url}/cadres/{wanted.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Political theory level")
    expect(page.locator("main")).to_contain_text("Intermediate")
    expect(page.locator("nav.mainnav")).to_contain_text("Cadres")


def test_back_and_reload_after_a_live_search_show_the_whole_page(
    page, live_server, transactional_db, tree, make_user, make_cadre
):
    """Issue 7, defect 3: search, open a cadre, press Back — the list comes back with its layout (menu,
    heading, filters) and the search, never the bare table htmx asked for; so does a reload."""
    from playwright.sync_api import expect

    user = make_user(Role.ORG_BOARD, tree["north"], username="bantochuc")
    wanted = make_cadre(tree["new_commune"], "Nguyễn Văn An")
    make_cadre(tree["north"], "Trần Thị Bích")
    page.goto(f"{live_server.url}/login/?next=/cadres/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.form button[type=submit]")
    rows = page.locator("table.cadres tbody tr")
    page.locator("input[name=q]").press_sequentially("nguyen van an", delay=30)
    expect(rows).to_have_count(1)
    rows.first.locator("a").click()
    expect(page).to_have_url(f"{live_server.url}/cadres/{wanted.pk}/")

    page.go_back()
    expect(page).to_have_url(re.compile(r"/cadres/\?q=nguyen"))
    for _ in range(2):  # after Back, then after a reload of the same address
        expect(page.locator("nav.mainnav")).to_be_visible()
        expect(page.locator("h1")).to_have_text("Cán bộ")
        expect(page.locator("input[name=q]")).to_have_value("nguyen van an")
        expect(rows).to_have_count(1)
        page.reload()
