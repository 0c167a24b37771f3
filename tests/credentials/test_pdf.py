"""The PDF: A4, Vietnamese text, the title of the document, and a QR code of the verification URL."""

import re

from llct.credentials.pdf import credential_data, credentials_pdf, credentials_pdf_batches, qr_svg
from llct.credentials.services import credential_issue


def test_page_data_lays_out_the_document(programmes, make_class, officer):
    cert = credential_issue(
        make_class(programmes["party_awareness"], 1, names=["Đỗ Thị Ánh"]).enrolments.get(), officer
    )
    data = credential_data(cert, "https://llct.example")
    assert (data["header"], data["title"], data["salutation"]) == ("party", "GIẤY CHỨNG NHẬN", "Ông")
    assert data["holder"] == "Đỗ Thị Ánh" and data["birth_date"] == "17/05/1985" and data["band"] == "Giỏi"
    assert data["url"] == f"https://llct.example/verify/{cert.token}"
    assert data["place"] == "Bắc Sơn" and data["number"] == "000001/2026"
    diploma = credential_issue(
        make_class(programmes["so_cap"], 1).enrolments.get(), officer, blank_serial="A12"
    )
    data = credential_data(diploma, "https://llct.example")
    assert (data["header"], data["title"], data["blank"]) == ("state", "BẰNG TỐT NGHIỆP", "A12")


def test_pdf_is_a4_one_page_per_document(programmes, make_class, officer):
    klass = make_class(programmes["party_awareness"], 3)
    issued = [credential_issue(e, officer) for e in klass.enrolments.all()]
    pdf = credentials_pdf(issued, "https://llct.example")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3
    assert b"595.2" in pdf and b"841.8" in pdf  # A4 in points
    batches = list(credentials_pdf_batches(issued, "https://llct.example", batch=2))
    assert len(batches) == 2


def test_qr_encodes_the_url():
    svg = qr_svg("https://llct.example/verify/abc")
    assert svg.startswith("<svg") and "path" in svg


def test_staff_can_download_the_pdf(client, programmes, make_class, officer):
    cert = credential_issue(make_class(programmes["party_awareness"], 1).enrolments.get(), officer)
    client.force_login(officer)
    response = client.get(f"/credentials/van-bang/{cert.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
