"""In a real browser (issue 7): a work-queue entry on the home page leads to the right list and the work is
done from there; one bulk action on a list; each role's menu shows its work."""

import datetime as dt

import pytest

from llct.training.choices import NominationStatus
from llct.training.models import Nomination
from llct.training.services import bulk
from llct.training.services import plans as ps
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(browser, live_server):
    pages = []

    def sign_in(user):
        page = browser.new_context(locale="vi-VN").new_page()
        page.set_default_timeout(20_000)
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"{live_server.url}/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        pages.append(page)
        return page

    yield sign_in
    for page in pages:
        page.context.close()


def test_from_the_work_queue_to_the_decided_results(signed_in, transactional_db, marked_class, users):
    from playwright.sync_api import expect

    officer = signed_in(users["officer"])
    expect(officer.locator("#nav-classes")).to_be_visible()
    expect(officer.locator("#nav-import")).to_have_count(0)  # not the officer's work
    officer.click("#work-decide a")
    expect(officer.locator("#class-work")).to_contain_text("chưa xét kết quả")
    officer.click(f"text={marked_class.code}")
    officer.click("#assess-class")
    expect(officer.locator("#assess-summary")).to_contain_text("24 học viên hoàn thành")
    officer.click("#assess-confirm")
    expect(officer.locator("#class-status")).to_have_text("Đã đánh giá")
    officer.goto(officer.url.split("/training/")[0] + "/")
    expect(officer.locator("#work-decide")).to_have_count(0)


def test_submit_the_ticked_nominations(
    signed_in, transactional_db, tree, programmes, users, make_cadre, engine
):
    from playwright.sync_api import expect

    board = users["board"]
    plan = ps.plan_create(unit=tree["north"], year=2025, by=board)
    ps.quota_set(plan=plan, programme=programmes["trung_cap"], quota=5, by=board)
    ps.plan_approve(plan=plan, approving_body="BTV", document="1-QĐ", by=users["approver"])
    cadres = [make_cadre(tree["new_commune"], name) for name in ("Lò Văn An", "Hà Thị Bình", "Vi Văn Cường")]
    bulk.nominations_create_many(
        cadres,
        programme=programmes["trung_cap"],
        nominated_on=dt.date(2025, 12, 1),
        mode="tap_trung",
        by=board,
    )
    page = signed_in(board)
    expect(page.locator("#nav-eligibility")).to_be_visible()
    page.click("#nav-nominations")
    boxes = page.locator("#nominations input[name=nominations]")
    expect(boxes).to_have_count(3)
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.select_option("#step_transition", "submit")
    page.click("#step-ticked")
    expect(page.locator("#bulk-summary")).to_contain_text("Đã làm: 2")
    statuses = sorted(Nomination.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [NominationStatus.SUBMITTED, NominationStatus.SUBMITTED, NominationStatus.DRAFT]
    )
