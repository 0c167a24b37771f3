"""Staff pages: scope (404 outside), ISSUE_CREDENTIALS (403 otherwise), double submit, bulk progress."""

import pytest

from llct.accounts.models import Role
from llct.credentials.models import Credential
from llct.credentials.services import credential_issue


@pytest.fixture
def klass(programmes, make_class):
    return make_class(programmes["party_awareness"], 3)


def test_double_submit_of_the_issue_form_creates_one_document(client, klass, officer):
    client.force_login(officer)
    enrolment = klass.enrolments.first()
    first = client.post(f"/credentials/hoc-vien/{enrolment.pk}/cap/")
    second = client.post(f"/credentials/hoc-vien/{enrolment.pk}/cap/")
    credential = Credential.objects.get()
    assert first.status_code == second.status_code == 302
    assert first.url == second.url == f"/credentials/van-bang/{credential.pk}/"


def test_issuing_needs_the_role(client, klass, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["centre"]))
    assert client.post(f"/credentials/hoc-vien/{klass.enrolments.first().pk}/cap/").status_code == 403
    assert client.post(f"/credentials/lop/{klass.pk}/cap/").status_code == 403
    assert not Credential.objects.exists()


def test_outside_scope_is_404(client, klass, officer, tree, make_user):
    credential = credential_issue(klass.enrolments.first(), officer)
    client.force_login(make_user(Role.ACADEMIC_OFFICER, tree["south"]))
    for url in [
        f"/credentials/van-bang/{credential.pk}/",
        f"/credentials/van-bang/{credential.pk}/pdf/",
        f"/credentials/so-goc/{credential.register_id}/",
        f"/credentials/lop/{klass.pk}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/credentials/hoc-vien/{klass.enrolments.last().pk}/cap/").status_code == 404
    assert (
        client.post(
            f"/credentials/van-bang/{credential.pk}/thu-hoi/", {"reason": "gian_lan", "authority": "x"}
        ).status_code
        == 404
    )
    assert "BS-TTCT1" not in client.get("/credentials/").content.decode()


def test_bulk_issue_page_shows_progress(client, klass, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)
    page = client.get(f"/credentials/lop/{klass.pk}/")
    assert "Cấp cho cả lớp" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/credentials/lop/{klass.pk}/cap/")
    assert response.status_code == 302
    partial = client.get(response.url, HTTP_HX_REQUEST="true")
    assert "3/3" in partial.content.decode() and "Đã xong" in partial.content.decode()
    assert Credential.objects.count() == 3
    register = client.get(f"/credentials/so-goc/{Credential.objects.first().register_id}/").content.decode()
    assert register.index("000001") < register.index("000002") < register.index("000003")


def test_revoke_reissue_and_copy_through_the_pages(client, klass, officer):
    client.force_login(officer)
    credential = credential_issue(klass.enrolments.first(), officer)
    url = f"/credentials/van-bang/{credential.pk}/"
    client.post(url + "ban-sao/", {"requested_by": "Trần B", "copies": 1})
    assert credential.copies.count() == 1
    response = client.post(url + "cap-lai/", {"reason": "Bị mất trước khi trao"})
    new = Credential.objects.get(replaces=credential)
    assert response.url == f"/credentials/van-bang/{new.pk}/"
    client.post(
        f"/credentials/van-bang/{new.pk}/thu-hoi/", {"reason": "sai_sot", "authority": "QĐ 7/QĐ-TTCT"}
    )
    new.refresh_from_db()
    assert new.status == "thu_hoi"
    assert "Đã thu hồi" in client.get(f"/credentials/van-bang/{new.pk}/").content.decode()


def test_overdue_page(client, programmes, make_class, officer):
    make_class(
        programmes["party_awareness"],
        1,
        recognised_on=__import__("datetime").date(2026, 1, 2),
        names=["Vũ Văn Trễ"],
    )
    client.force_login(officer)
    assert "Vũ Văn Trễ" in client.get("/credentials/qua-han/").content.decode()


def test_hand_over_loss_and_blank_pages(client, programmes, make_class, officer, tree):
    from llct.credentials.services import blank_stock_receive, working_days_after

    client.force_login(officer)
    blank_stock_receive(tree["centre"], "AB 000001", "AB 000003", officer)
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    url = f"/credentials/van-bang/{diploma.pk}/"
    page = client.get(url).content.decode()
    assert "AB 000001" in page and "Chưa trao" in page
    client.post(url + "bao-mat/", {"on": ""})
    diploma.refresh_from_db()
    due = working_days_after(diploma.loss_reported_on, 3)
    assert f"hạn cấp lại: {due:%d/%m/%Y}" in client.get(url).content.decode()
    client.post(url + "trao/", {"to": "Trần Thị B", "on": ""})
    diploma.refresh_from_db()
    assert diploma.handed_over_to == "Trần Thị B"
    refused = client.post(url + "cap-lai/", {"reason": "mất"}, follow=True).content.decode()
    assert "không được cấp lại" in refused and Credential.objects.count() == 1


def test_blank_stock_pages(client, officer, tree, programmes, make_class):
    client.force_login(officer)
    response = client.post(
        "/credentials/phoi/nhap/",
        {
            "institution": tree["centre"].pk,
            "first": "AB 000101",
            "last": "AB 000110",
            "received_on": "02/03/2026",
        },
    )
    from llct.credentials.models import Blank, BlankStock

    stock = BlankStock.objects.get()
    assert response.url == f"/credentials/phoi/{stock.pk}/"
    listing = client.get("/credentials/phoi/").content.decode()
    assert "AB 000101–AB 000110" in listing and "02/03/2026" in listing
    blank = stock.blanks.get(number=101)
    client.post(f"/credentials/phoi/hong/{blank.pk}/", {"reason": "In lệch"})
    blank.refresh_from_db()
    assert blank.status == "hong"
    assert "In lệch" in client.get(f"/credentials/phoi/{stock.pk}/").content.decode()
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    Blank.objects.filter(credential=diploma).update(status="chua_dung", credential=None)
    client.post(f"/credentials/van-bang/{diploma.pk}/phoi/", {"blank_serial": "AB 000105"})
    assert Blank.objects.get(credential=diploma).serial == "AB 000105"
    # An institution outside the user's scope is not a choice of the form.
    outside = client.post(
        "/credentials/phoi/nhap/",
        {"institution": tree["south"].pk, "first": "X 1", "last": "X 2"},
        follow=True,
    )
    assert BlankStock.objects.count() == 1 and "Thông tin chưa đầy đủ" in outside.content.decode()


def test_new_pages_are_scoped_and_need_the_role(client, programmes, make_class, officer, tree, make_user):
    from llct.credentials.services import blank_stock_receive

    stock = blank_stock_receive(tree["centre"], "AB 000001", "AB 000003", officer)
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    blank = stock.blanks.last()
    client.force_login(make_user(Role.ACADEMIC_OFFICER, tree["south"]))
    assert client.get(f"/credentials/phoi/{stock.pk}/").status_code == 404
    assert "AB 000001" not in client.get("/credentials/phoi/").content.decode()
    for url, data in [
        (f"/credentials/van-bang/{diploma.pk}/trao/", {"to": "B"}),
        (f"/credentials/van-bang/{diploma.pk}/bao-mat/", {}),
        (f"/credentials/van-bang/{diploma.pk}/phoi/", {}),
        (f"/credentials/phoi/hong/{blank.pk}/", {"reason": "x"}),
    ]:
        assert client.post(url, data).status_code == 404, url
    client.force_login(make_user(Role.INSPECTOR, tree["centre"]))
    assert client.get(f"/credentials/phoi/{stock.pk}/").status_code == 200
    for url, data in [
        (f"/credentials/van-bang/{diploma.pk}/trao/", {"to": "B"}),
        (f"/credentials/van-bang/{diploma.pk}/bao-mat/", {}),
        (f"/credentials/van-bang/{diploma.pk}/phoi/", {}),
        (f"/credentials/phoi/hong/{blank.pk}/", {"reason": "x"}),
        ("/credentials/phoi/nhap/", {"institution": tree["centre"].pk, "first": "C 1", "last": "C 2"}),
    ]:
        assert client.post(url, data).status_code == 403, url
    diploma.refresh_from_db()
    assert diploma.handed_over_on is None and diploma.loss_reported_on is None
