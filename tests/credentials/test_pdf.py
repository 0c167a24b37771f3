"""The PDF: A4, Vietnamese text, the title of the document, and a QR code of the verification URL."""

import re

import segno
from segno import consts

from llct.credentials.models import Credential
from llct.credentials.pdf import credentials_page_data, credentials_pdf, credentials_pdf_batches, qr_svg
from llct.credentials.services import blank_stock_receive, credential_issue


def _page(credential):
    (data,) = credentials_page_data(
        Credential.objects.filter(pk=credential.pk), "https://llct.example", personal=True
    )
    return data


def test_page_data_lays_out_the_document(programmes, make_class, officer, tree):
    cert = credential_issue(
        make_class(programmes["party_awareness"], 1, names=["Đỗ Thị Ánh"]).enrolments.get(), officer
    )
    data = _page(cert)
    assert (data["header"], data["title"], data["salutation"]) == ("party", "GIẤY CHỨNG NHẬN", "Ông")
    assert data["holder"] == "Đỗ Thị Ánh" and data["birth_date"] == "17/05/1985" and data["band"] == "Giỏi"
    assert data["url"] == f"https://llct.example/verify/{cert.token}"
    assert data["place"] == "Bắc Sơn" and data["number"] == "000001/2026"
    assert data["parent"] == "Tỉnh Bắc Sơn" and data["blank"] == ""
    blank_stock_receive(tree["centre"], "AB 000012", "AB 000013", officer)
    diploma = credential_issue(make_class(programmes["so_cap"], 1).enrolments.get(), officer)
    data = _page(diploma)
    assert (data["header"], data["title"], data["blank"]) == ("state", "BẰNG TỐT NGHIỆP", "AB 000012")


def test_pdf_is_a4_one_page_per_document(programmes, make_class, officer):
    klass = make_class(programmes["party_awareness"], 3)
    for e in klass.enrolments.all():
        credential_issue(e, officer)
    issued = Credential.objects.order_by("number")
    pdf = credentials_pdf(issued, "https://llct.example", personal=True)
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3
    assert b"595.2" in pdf and b"841.8" in pdf  # A4 in points
    # Batches come back in order, compiled in a worker thread while the next one is prepared.
    batches = list(credentials_pdf_batches(issued, "https://llct.example", batch=2, personal=True))
    assert [len(re.findall(rb"/Type\s*/Page[^s]", b)) for b in batches] == [2, 1]


def test_new_tokens_make_a_smaller_qr_code_and_old_ones_still_encode():
    new = "https://llct.example/verify/" + "ABCDEFGHIJKLMNOP"
    old = "https://llct.example/verify/" + "q3J_x-9aZkLmNoPqRsTuVw"
    assert qr_svg(new).startswith("<svg") and "path" in qr_svg(old)

    def size(svg):
        return int(re.search(r'viewBox="0 0 (\d+)', svg)[1])

    assert size(qr_svg(new)) < size(qr_svg(old))  # alphanumeric mode: one QR version smaller
    # The code holds exactly the URL: same matrix as segno's own encoding of the URL in those modes.
    expected = segno.make(
        [("https://llct.example/verify/", consts.MODE_BYTE), ("ABCDEFGHIJKLMNOP", consts.MODE_ALPHANUMERIC)],
        error="m",
        mask=0,
    )
    assert size(qr_svg(new)) == len(expected.matrix) + 4


def test_staff_can_download_the_pdf(client, programmes, make_class, officer):
    cert = credential_issue(make_class(programmes["party_awareness"], 1).enrolments.get(), officer)
    client.force_login(officer)
    response = client.get(f"/credentials/van-bang/{cert.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_the_certificate_and_the_recognition_decision_print_the_same_place(programmes, make_class, officer):
    """Issue 7, defect 14: one institution signs every document at one place."""
    from llct.training.services.recognition import recognition_data

    cert = credential_issue(make_class(programmes["party_awareness"], 1).enrolments.get(), officer)
    assert recognition_data(cert.recognition)["place"] == _page(cert)["place"] == "Bắc Sơn"
