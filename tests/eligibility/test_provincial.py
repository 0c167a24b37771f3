"""Provincial implementing regulations in the application (REGULATIONS.md §8): an administrator of the
province loads and checks the file (errors as for the national files, nothing half loaded), and decisions
for that province's cadres — the panel, the eligible list in bulk, the API — apply both documents, cite
both and say which decided, while other provinces' cadres keep the national decision."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from llct.accounts.models import Role
from llct.eligibility.models import ProvincialRegulation
from llct.eligibility.selectors import eligible_cadres
from llct.eligibility.services.profiles import decide_for_cadre
from llct.registry.models import Assignment, Post, YearlyRating
from llct.regulations import shipped_texts

ON = dt.date(2026, 6, 1)
# The shipped example, written for the test tree's province Bắc Sơn (code BS).
EXAMPLE = shipped_texts()["overlays/vi-du-hoa-son.yaml"].replace("province: HSN", "province: BS")
ADD = "/eligibility/provinces/new/"


@pytest.fixture
def admin(seeded, tree, make_user):
    return make_user(Role.ADMIN, tree["north"])


def _college_vice_chair(make_cadre, unit, name):
    """A vice-chair of a commune People's Committee with a college degree: eligible for trung cấp under
    QĐ 350, not under the example's stricter education standard (Điều 2 khoản 2)."""
    cadre = make_cadre(unit, name, birth_date=dt.date(1980, 1, 1), party_status="chinh_thuc",
                       education="cao_dang")  # fmt: skip
    Assignment.objects.create(cadre=cadre, post=Post.objects.get(code="xa_ubnd_pho_chu_tich"),
                              valid_from=dt.date(2020, 1, 1))  # fmt: skip
    for year in (ON.year - 1, ON.year - 2):
        YearlyRating.objects.create(cadre=cadre, year=year, rating="tot")
    return cadre


def test_check_writes_nothing_and_save_loads_the_file_with_its_author(client, admin):
    client.force_login(admin)
    checked = client.post(ADD, {"text": EXAMPLE, "check": "1"}, follow=True)
    assert "Tệp hợp lệ: 00-QĐ/TU (ví dụ) của Tỉnh Bắc Sơn (chưa lưu)." in checked.content.decode()
    assert not ProvincialRegulation.objects.exists()
    upload = SimpleUploadedFile("bac-son.yaml", EXAMPLE.encode())
    saved = client.post(ADD, {"file": upload, "save": "1"})
    assert saved.status_code == 302
    regulation = ProvincialRegulation.objects.get()
    assert (regulation.province.code, regulation.base, regulation.example) == ("BS", "350-QĐ/TW", True)
    assert regulation.history.get().history_user == admin
    listing = client.get("/eligibility/provinces/").content.decode()
    assert (
        "tệp ví dụ, không phải văn bản thật" in listing and "Điều 2, khoản 2, QĐ 00-QĐ/TU (ví dụ)" in listing
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("posts: [xa_bi_thu_chi_bo]", "posts: [xa_bi_thu_chi_bo_cu]"),
         "bac-son.yaml (00-QĐ/TU (ví dụ)): levels → trung_cap → subjects → 1 (hsn_bi_thu_chi_bo) → posts: "
         "chức vụ &#x27;xa_bi_thu_chi_bo_cu&#x27; không có trong danh mục"),
        (('clause: "3"}', 'clause: "9"}'), "không có khoản 9 (đã biết: 1, 2, 3)"),
        (("in_force_from: 2025-10-01", "in_force_from: 2025-01-01"), "nằm ngoài thời gian hiệu lực"),
        (("province: BS", "province: NH"), "không có tỉnh mã «NH» trong phạm vi quản lý của bạn"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_file_item_and_reason_and_nothing_is_saved(client, admin, change, problem):
    client.force_login(admin)
    upload = SimpleUploadedFile("bac-son.yaml", EXAMPLE.replace(*change).encode())
    page = client.post(ADD, {"file": upload, "save": "1"})
    assert page.status_code == 200 and problem in page.content.decode()
    assert not ProvincialRegulation.objects.exists()


def test_overlapping_regulations_of_one_province_are_refused(client, admin):
    client.force_login(admin)
    assert client.post(ADD, {"text": EXAMPLE, "save": "1"}).status_code == 302
    second = EXAMPLE.replace("number: 00-QĐ/TU (ví dụ)", "number: 01-QĐ/TU (ví dụ)")
    page = client.post(ADD, {"text": second, "save": "1"}).content.decode()
    assert "thời gian hiệu lực chồng lên nhau" in page
    assert ProvincialRegulation.objects.count() == 1


def test_decisions_apply_the_province_regulation_only_to_its_cadres(
    client, admin, tree, make_cadre, make_user
):
    client.force_login(admin)
    client.post(ADD, {"text": EXAMPLE, "save": "1"})
    ours = _college_vice_chair(make_cadre, tree["new_commune"], "Lê Văn Bắc")
    theirs = _college_vice_chair(make_cadre, tree["south_commune"], "Lê Văn Nam")

    decision = decide_for_cadre(ours, "trung_cap", ON)
    assert not decision.eligible and decision.overlay == "00-QĐ/TU (ví dụ)"
    assert str(decision.deciding.citation) == "Điều 2, khoản 2, QĐ 00-QĐ/TU (ví dụ)"
    assert "căn cứ quyết định: QĐ 00-QĐ/TU (ví dụ)" in decision.summary
    other = decide_for_cadre(theirs, "trung_cap", ON)
    assert other.eligible and other.overlay == ""

    body = client.get(
        f"/api/eligibility/cadres/{ours.pk}", {"on": ON.isoformat(), "level": "trung_cap"}
    ).json()
    assert body["decisions"][0]["overlay"] == "00-QĐ/TU (ví dụ)"
    assert body["decisions"][0]["summary"] == decision.summary

    # The bulk list of a user who sees both provinces: each province's cadres with their own rules.
    national = make_user(Role.ADMIN, tree["central"])
    listed = {r.code: r for r in eligible_cadres(national, level="trung_cap", on=ON, show="all").rows}
    assert (listed[ours.code].eligible, listed[ours.code].reasons) == (False, decision.summary)
    assert (listed[theirs.code].eligible, listed[theirs.code].reasons) == (True, other.summary)


def test_an_uploaded_roster_is_screened_as_a_provinces_cadres(client, admin):
    client.force_login(admin)
    client.post(ADD, {"text": EXAMPLE, "save": "1"})
    roster = (
        "code,full_name,birth_date,sex,party_status,education,position,tier,sector,rating_last,rating_before_last\n"
        "R1,Lê Văn Bắc,01/01/1980,Nam,Chính thức,Cao đẳng,PCT UBND xã,Xã,Chính quyền,Hoàn thành tốt nhiệm vụ,"
        "Hoàn thành tốt nhiệm vụ\n"
    ).encode()
    for province, eligible in (("BS", False), ("", True)):
        form = {"file": SimpleUploadedFile("ds.csv", roster), "on": ON.isoformat(), "level": ["trung_cap"]}
        if province:
            form["province"] = province
        (row,) = client.post("/api/eligibility/screen", form).json()["rows"]
        assert row["eligible"] is eligible, row["summary"]


def test_the_example_file_opens_in_the_form(client, admin):
    client.force_login(admin)
    page = client.get(ADD, {"example": "1"}).content.decode()
    assert "VÍ DỤ — KHÔNG PHẢI VĂN BẢN THẬT" in page


def test_loading_needs_the_catalogue_right(client, seeded, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    assert client.post(ADD, {"text": EXAMPLE, "save": "1"}).status_code == 403
    assert client.get("/eligibility/provinces/").status_code == 200
