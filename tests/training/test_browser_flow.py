"""In a real browser, every step through the pages, each by the user whose job it is: the organisation
board nominates a cadre and another member approves; the commune centre opens a Party-awareness class,
admits the nomination and the commune's list (QĐ 1147: at least 25 learners), schedules a session and
records attendance; the lecturer marks the essays (two markers) and hands the marks in; the centre
publishes them and assesses the class; the director signs the recognition decision; the centre issues the
certificates with progress; the QR link, opened signed out, shows the certificate valid; after revocation
it shows it revoked.

Drives Debian's Chromium through Playwright (never a downloaded browser); skipped when /usr/bin/chromium
is absent unless LLCT_REQUIRE names `browser` (as in CI).
"""

import datetime as dt

import pytest
from django.utils import timezone

from llct.credentials.models import Credential
from llct.training.models import Enrolment, Nomination, TrainingClass
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

LEARNERS = 25


def day(offset: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=offset)).strftime("%d/%m/%Y")


def submit(page, selector: str) -> None:
    """Click a button that posts a form (or a link), and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def test_nominate_to_revoked_certificate(
    browser, live_server, transactional_db, tree, programmes, users, lecturers, make_cadre
):
    from playwright.sync_api import expect

    lecturers[0].user = users["lecturer"]
    lecturers[0].save()
    nominee = make_cadre(tree["new_commune"], "Lường Thị Cử")
    listed = [make_cadre(tree["new_commune"], f"Học Viên Xã {i:02d}") for i in range(LEARNERS - 1)]

    asked: list[str] = []  # what each confirmation said before an action that cannot be undone

    def confirm(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    def signed_in(user, path: str):
        page = browser.new_context(locale="vi-VN").new_page()
        page.set_default_timeout(20_000)
        page.on("dialog", confirm)
        page.goto(f"{live_server.url}/login/?next={path}")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"**{path}")
        return page

    # The organisation board nominates (the datalist suggests the cadre, accents or not); another approves.
    board = signed_in(users["board"], "/training/nominations/")
    board.fill("#id_cadre", "luong thi cu")
    expect(board.locator(f'#cadre-options option[value="{nominee.code}"]')).to_have_count(1)
    board.fill("#id_cadre", nominee.code)
    board.select_option("#id_programme", str(programmes["nhan_thuc_ve_dang"].pk))
    board.select_option("#id_sending_unit", str(tree["new_commune"].pk))
    board.fill("#id_nominated_on", day(-10))
    submit(board, "#create-nomination")
    submit(board, "#transition-submit")
    expect(board.locator("#nomination-status")).to_contain_text("Đã trình")
    nomination = Nomination.objects.get(cadre=nominee)

    approver = signed_in(users["approver"], f"/training/nominations/{nomination.pk}/")
    submit(approver, "#transition-approve")
    expect(approver.locator("#nomination-status")).to_contain_text("Đã duyệt")
    expect(approver.locator("#nomination-log")).to_contain_text(users["approver"].username)

    # The commune centre opens the class and fills it.
    officer = signed_in(users["officer"], "/training/classes/")
    officer.select_option("#id_institution", str(tree["centre"].pk))
    officer.select_option("#id_programme", str(programmes["nhan_thuc_ve_dang"].pk))
    officer.fill("#id_code", "NT-TRINH-DUYET")
    officer.fill("#id_name", "Nhận thức về Đảng, khóa trình duyệt")
    officer.fill("#id_starts_on", day(-7))
    officer.fill("#id_ends_on", day(0))
    officer.fill("#id_capacity", "40")
    officer.select_option("#id_homeroom_lecturer", str(lecturers[1].pk))
    submit(officer, "#open-class")
    klass = TrainingClass.objects.get(code="NT-TRINH-DUYET")
    officer.wait_for_url(f"**/training/classes/{klass.pk}/")

    officer.check(f'#admit-form input[value="{nomination.pk}"]')
    submit(officer, "#admit-nominations")
    expect(officer.locator("#learners")).to_contain_text(nominee.full_name)
    officer.select_option("#list_sending_unit", str(tree["new_commune"].pk))
    officer.fill("#list_cadres", "\n".join(c.code for c in listed))
    submit(officer, "#enrol-list")
    expect(officer.locator("#learners tbody tr")).to_have_count(LEARNERS)
    submit(officer, "#start-class")

    officer.fill("#session_date", day(-7))
    officer.fill("#session_periods", "8")
    officer.select_option("#session_lecturer", str(lecturers[0].pk))
    submit(officer, "#add-session")
    session = klass.sessions.get()
    officer.click(f"#attendance-{session.pk}")
    expect(officer.locator("#attendance-form")).to_be_visible()
    enrolments = list(Enrolment.objects.filter(training_class=klass).order_by("pk"))
    for e in enrolments:
        officer.select_option(f"#attendance-row-{e.pk} select[name='status-{e.pk}']", "co_mat")
    officer.click("#save-attendance")
    expect(officer.locator("#attendance")).to_contain_text("Đã lưu điểm danh")
    officer.fill("#receive_submitted_on", day(-1))
    officer.fill("#receive_essays_received_on", day(-1))
    submit(officer, "#receive-essays")
    expect(officer.locator("#deadlines")).to_contain_text(day(-1))

    # The lecturer marks every essay as one of its two markers, then hands the marks in.
    lecturer = signed_in(users["lecturer"], f"/training/classes/{klass.pk}/")
    for e in enrolments:
        lecturer.select_option(f"#essay-{e.pk}-first_marker", str(lecturers[0].pk))
        lecturer.fill(f"#essay-{e.pk}-first_mark", "7,5")
        lecturer.select_option(f"#essay-{e.pk}-second_marker", str(lecturers[1].pk))
        lecturer.fill(f"#essay-{e.pk}-second_mark", "8")
        submit(lecturer, f"#essay-{e.pk}-save")
        expect(lecturer.locator(f"#learner-{e.pk}")).to_contain_text("7,75")
    submit(lecturer, "#hand-in-marks")

    officer.reload()
    submit(officer, "#publish-marks")
    submit(officer, "#assess-class")
    expect(officer.locator("#assess-summary")).to_contain_text(f"{len(enrolments)} học viên hoàn thành")
    submit(officer, "#assess-confirm")
    expect(officer.locator(f"#learner-{enrolments[0].pk}")).to_contain_text("Khá")

    director = signed_in(users["director"], f"/training/classes/{klass.pk}/")
    director.fill("#recognition_number", "12-QĐ/TTCT")
    director.fill("#recognition_signed_on", day(0))
    director.fill("#recognition_signed_by", "Đỗ Văn Nam")
    submit(director, "#recognise-class")
    assert asked[-1].startswith(f"Ra quyết định công nhận {LEARNERS} học viên")
    expect(director.locator("#recognition")).to_contain_text("12-QĐ/TTCT")
    pdf = director.request.get(live_server.url + director.locator("#recognition-pdf").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF")

    # The centre issues the certificates for the whole class, watching the progress.
    officer.reload()
    submit(officer, "#issue-credentials")
    expect(officer.locator("#issue-preview")).to_contain_text(f"Cấp {LEARNERS} giấy chứng nhận")
    submit(officer, "#issue-class")
    assert "000001/" in asked[-1] and f"{LEARNERS:06d}/" in asked[-1]
    expect(officer.locator(".job")).to_contain_text(f"{LEARNERS}/{LEARNERS}")
    expect(officer.locator(".job")).to_contain_text("Đã xong")
    assert Credential.objects.filter(enrolment__training_class=klass).count() == LEARNERS

    certificate = Credential.objects.get(enrolment__cadre=nominee)
    officer.goto(f"{live_server.url}/credentials/van-bang/{certificate.pk}/")
    qr_link = officer.locator("#verify-link").get_attribute("href")
    assert qr_link.endswith(f"/verify/{certificate.token}")

    public = browser.new_context(locale="vi-VN").new_page()  # signed out: a cookie jar of its own
    public.goto(qr_link)
    expect(public.locator("#verdict")).to_contain_text("hợp lệ")
    expect(public.locator("main")).to_contain_text(nominee.full_name)
    expect(public.locator("main")).not_to_contain_text("1985")  # no birth date, nothing personal

    officer.select_option("#id_reason", "gian_lan")
    officer.fill("#id_authority", "Quyết định 9/QĐ-TTCT")
    submit(officer, "#revoke")
    assert certificate.serial in asked[-1]
    expect(officer.locator("main")).to_contain_text("Đã thu hồi")

    public.reload()
    expect(public.locator("#verdict")).to_contain_text("KHÔNG còn giá trị")
