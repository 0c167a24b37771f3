"""Masking follows the role in every answer alike (issue 12, item 3): the full birth date and citizen ID
for roles with Action.SEE_PERSONAL_DATA, the birth year and the last three digits for the others — in the
certificate and class PDFs, the cadre pages, the roster export and the API."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from llct.accounts.models import Role
from llct.accounts.permissions import Action, can
from llct.credentials.services import credential_issue
from llct.roster import read_roster

FULL, YEAR = "17/05/1985", "1985"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def issued(programmes, make_class, officer):
    klass = make_class(programmes["party_awareness"], 1, names=["Đỗ Thị Ánh"])
    return credential_issue(klass.enrolments.get(), officer)


@pytest.mark.parametrize("role", list(Role))
def test_every_answer_masks_by_role(role, issued, tree, make_user, client):
    user = make_user(role, tree["north"])
    client.force_login(user)
    personal = can(user, Action.SEE_PERSONAL_DATA)
    cadre = issued.holder
    cid = cadre.citizen_id

    for url in (
        reverse("credentials:credential_pdf", args=[issued.pk]),
        reverse("credentials:class_pdf", args=[issued.enrolment.training_class_id]),
    ):
        text = pdf_text(client.get(url).content)
        assert "Đỗ Thị Ánh" in text
        assert (FULL in text) == personal, url
        assert YEAR in text

    for url in (reverse("registry:cadre_list"), reverse("registry:cadre_detail", args=[cadre.pk])):
        page = client.get(url).content.decode()
        assert (FULL in page) == personal, url
        assert (cid in page) == personal, url
        assert cid[-3:] in page

    api = client.get(f"/api/registry/cadres/{cadre.pk}").json()
    assert (api["birth_date"] == "1985-05-17") == personal
    assert (api["citizen_id"] == cid) == personal
    listed = client.get("/api/registry/cadres").json()
    assert (cid in {c["citizen_id"] for c in listed}) == personal

    export = read_roster(client.get(reverse("roster:cadre_export")).content, "x.xlsx")
    row = export.frame.filter(export.frame["code"] == cadre.code).row(0, named=True)
    if personal:
        assert (row["citizen_id"], str(row["birth_date"])) == (cid, "1985-05-17")
    else:
        assert row["citizen_id"] is None and row["birth_date"] is None  # masked: refused as values
        assert any(p.value == YEAR for p in export.problems)
