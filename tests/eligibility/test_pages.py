"""The cadre panel, the eligible-cadres page and its export, special cases and the version pages."""

import datetime as dt
import io

import polars as pl
import pytest

from llct.accounts.models import Role
from llct.eligibility.models import RegulationVersion, SpecialCaseDecision
from llct.eligibility.selectors import eligible_cadres
from llct.eligibility.services.profiles import decide_for_cadre
from llct.registry.models import Assignment, PlanningEntry, Post, YearlyRating

ON = dt.date(2024, 5, 1)


def _assign(cadre, code, since=dt.date(2020, 1, 1), until=None, planned=False):
    model = PlanningEntry if planned else Assignment
    model.objects.create(cadre=cadre, post=Post.objects.get(code=code), valid_from=since, valid_to=until)


@pytest.fixture
def people(seeded, tree, make_cadre):
    """A varied sample in Bắc Sơn (subjects or not, members or not, ages around the thresholds, missing
    data, already trained) and one cadre in Nam Hà, outside Bắc Sơn's scope."""
    unit = tree["new_commune"]
    sample = [
        make_cadre(unit, "Nguyễn Thị Hoa", sex="nu", birth_date=dt.date(1984, 4, 20),
                   party_status="chinh_thuc", education="dai_hoc", theory_level="so_cap"),
        make_cadre(unit, "Trần Văn Hùng", birth_date=dt.date(1994, 11, 11), party_status="du_bi",
                   education="cao_dang"),
        make_cadre(unit, "Y Bhim Niê", birth_date=dt.date(1986, 9, 5), ethnicity="Ê Đê",
                   party_status="chinh_thuc", education="thpt"),
        make_cadre(unit, "Lê Văn Tâm", birth_date=dt.date(1979, 3, 1), education="dai_hoc"),
        make_cadre(unit, "Phạm Thị Lan", sex="nu", birth_date=dt.date(1991, 5, 1), party_status="chinh_thuc",
                   education="thac_si"),
        make_cadre(unit, "Đỗ Văn Bình", birth_date=None, party_status="chinh_thuc", education="dai_hoc"),
        make_cadre(unit, "Hoàng Văn Cường", party_status="chinh_thuc", education="dai_hoc",
                   theory_level="cao_cap"),
        make_cadre(unit, "Vũ Thị Mai", sex="nu", birth_date=dt.date(1980, 1, 1), party_status="chinh_thuc",
                   education="dai_hoc", grade="Chuyên viên", grade_since=dt.date(2010, 1, 1)),
        make_cadre(unit, "=HYPERLINK(\"http://x\")", party_status="chinh_thuc", education="dai_hoc"),
    ]  # fmt: skip
    _assign(sample[0], "xa_hdnd_pho_chu_tich")
    _assign(sample[1], "xa_ubnd_pho_chu_tich")
    _assign(sample[2], "xa_doan_pho_bi_thu")
    _assign(sample[3], "xa_ubnd_pho_chu_tich")
    _assign(sample[4], "xa_cong_chuc")
    _assign(sample[4], "xa_ubnd_pho_chu_tich", planned=True)
    _assign(sample[5], "xa_ubnd_chu_tich")
    _assign(sample[6], "xa_ubnd_chu_tich")
    _assign(sample[7], "xa_ubnd_chu_tich", until=dt.date(2023, 12, 31))
    _assign(sample[8], "xa_ubnd_pho_chu_tich")
    for cadre in sample:
        YearlyRating.objects.create(cadre=cadre, year=2023, rating="tot")
        YearlyRating.objects.create(cadre=cadre, year=2024, rating="tot")
    outsider = make_cadre(tree["south_commune"], "Ngô Văn Xa", party_status="chinh_thuc", education="dai_hoc")
    _assign(outsider, "xa_ubnd_pho_chu_tich")
    return {"sample": sample, "outsider": outsider}


@pytest.mark.parametrize("on", [ON, dt.date(2025, 8, 28), dt.date(2025, 8, 29), dt.date(2026, 3, 1)])
@pytest.mark.parametrize("level", ["so_cap", "trung_cap", "cao_cap"])
def test_the_bulk_list_equals_the_scalar_decisions(people, tree, make_user, level, on):
    user = make_user(Role.ORG_BOARD, tree["north"])
    result = eligible_cadres(user, level=level, on=on, show="all")
    by_id = {row.cadre_id: row for row in result.rows}
    assert set(by_id) == {c.pk for c in people["sample"]}
    for cadre in people["sample"]:
        decision = decide_for_cadre(cadre, level, on)
        row = by_id[cadre.pk]
        assert (row.eligible, row.modes, row.regulation, row.institution, row.reasons) == (
            decision.eligible, decision.modes, decision.regulation, decision.institution, decision.summary,
        ), cadre.full_name  # fmt: skip
        assert row.judged == decision.judged
    assert result.eligible == sum(decide_for_cadre(c, level, on).eligible for c in people["sample"])


def test_the_examples_are_answered_on_the_page(people, tree, make_user):
    user = make_user(Role.ORG_BOARD, tree["north"])
    rows = {r.full_name: r for r in eligible_cadres(user, level="trung_cap", on=ON, show="all").rows}
    assert rows["Nguyễn Thị Hoa"].eligible and rows["Nguyễn Thị Hoa"].modes == (
        "tap_trung",
        "khong_tap_trung",
    )
    assert rows["Trần Văn Hùng"].eligible and rows["Trần Văn Hùng"].modes == ("tap_trung",)
    assert rows["Y Bhim Niê"].eligible
    assert not rows["Lê Văn Tâm"].eligible
    assert not rows["Đỗ Văn Bình"].judged
    assert not rows["Hoàng Văn Cường"].eligible


def test_the_page_lists_only_the_scope_and_filters(client, people, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    response = client.get("/eligibility/", {"level": "trung_cap", "on": "2024-05-01", "show": "eligible"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Hoa" in page and "Lê Văn Tâm" not in page
    assert "Ngô Văn Xa" not in page
    part_time = client.get(
        "/eligibility/", {"level": "trung_cap", "on": "2024-05-01", "mode": "khong_tap_trung"}
    )
    assert "Nguyễn Thị Hoa" in part_time.content.decode()
    assert "Trần Văn Hùng" not in part_time.content.decode()
    outside = client.get("/eligibility/", {"level": "trung_cap", "unit": tree["south"].pk})
    assert outside.status_code == 200 and "Ngô Văn Xa" not in outside.content.decode()
    assert outside.context["result"] is None


def test_the_export_has_the_reasons_and_neutralises_formulas(client, people, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    response = client.get("/eligibility/", {"level": "trung_cap", "on": "2024-05-01", "show": "all",
                                            "export": "xlsx"})  # fmt: skip
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = pl.read_excel(io.BytesIO(response.content), read_options={"header_row": 3})
    assert sheet.height == len(people["sample"])
    names = sheet["Họ và tên"].to_list()
    assert '\'=HYPERLINK("http://x")' in names
    hoa = sheet.filter(pl.col("Họ và tên") == "Nguyễn Thị Hoa").row(0, named=True)
    assert hoa["Đủ điều kiện"] == "Có" and "Điều 5" in hoa["Lý do, căn cứ"]


def test_the_panel_explains_each_level_and_answers_404_outside_scope(client, people, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    hoa = people["sample"][0]
    response = client.get(f"/eligibility/cadres/{hoa.pk}/panel/", {"on": "2024-05-01"})
    assert response.status_code == 200
    page = response.content.decode()
    for reason in decide_for_cadre(hoa, "trung_cap", ON).reasons:
        assert reason.text in page
    assert "57-QĐ/TW" in page and "Trường Chính trị tỉnh" in page
    after = client.get(f"/eligibility/cadres/{hoa.pk}/panel/", {"on": "2025-09-01"}).content.decode()
    assert "350-QĐ/TW" in after and "không mở bậc này" in after
    assert client.get(f"/eligibility/cadres/{people['outsider'].pk}/panel/").status_code == 404


def test_a_special_case_is_recorded_with_its_audit_trail_and_shown_beside(client, people, tree, make_user):
    tam = people["sample"][3]  # not a Party member: not eligible by the rules
    officer = make_user(Role.ORG_BOARD, tree["north"])
    client.force_login(officer)
    response = client.post(f"/eligibility/cadres/{tam.pk}/special-case/", {
        "level": "trung_cap", "eligible": "1", "modes": ["tap_trung"], "authority": "Ban Thường vụ Tỉnh ủy",
        "document_number": "123-QĐ/TU", "decided_on": "2024-04-20", "reason": "Nhu cầu cán bộ nguồn",
    })  # fmt: skip
    assert response.status_code == 302
    decision = SpecialCaseDecision.objects.get(cadre=tam)
    assert decision.recorded_by == officer and decision.modes == ["tap_trung"]
    assert decision.history.get().history_user == officer

    page = client.get(f"/eligibility/cadres/{tam.pk}/panel/", {"on": "2024-05-01"}).content.decode()
    assert "123-QĐ/TU" in page and "Ban Thường vụ Tỉnh ủy" in page
    for reason in decide_for_cadre(tam, "trung_cap", ON).reasons:
        assert reason.text in page  # the rule explanation stays
    before = client.get(f"/eligibility/cadres/{tam.pk}/panel/", {"on": "2024-04-19"}).content.decode()
    assert "123-QĐ/TU" not in before
    row = next(
        r for r in eligible_cadres(officer, level="trung_cap", on=ON, show="all").rows if r.cadre_id == tam.pk
    )
    assert not row.eligible and row.special_case == decision


def test_special_cases_need_the_role_and_the_scope(client, people, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    assert client.get(f"/eligibility/cadres/{people['sample'][0].pk}/special-case/").status_code == 403
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    assert client.get(f"/eligibility/cadres/{people['outsider'].pk}/special-case/").status_code == 404
    assert client.get(f"/eligibility/cadres/{people['sample'][0].pk}/special-case/").status_code == 200


def test_versions_are_listed_for_everyone_and_edited_by_administrators(client, seeded, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    page = client.get("/eligibility/versions/").content.decode()
    assert "57-QĐ/TW" in page and "350-QĐ/TW" in page and "Điều 5" in page and "[?]" in page
    version = RegulationVersion.objects.get(number="57-QĐ/TW")
    assert client.get(f"/eligibility/versions/{version.pk}/").status_code == 403

    client.force_login(make_user(Role.ADMIN, tree["central"]))
    bad = client.post(
        f"/eligibility/versions/{version.pk}/",
        {"text": version.text.replace("min_rank: 40", "min_rank: bốn", 1)},
    )
    assert bad.status_code == 200
    assert (
        "57-QĐ/TW: levels → trung_cap → subjects → 2 (pho_truong_phong_huyen_tinh) → min_rank: phải là số "
        "nguyên" in bad.content.decode()
    )
    assert RegulationVersion.objects.get(pk=version.pk).text == version.text
    good = client.post(
        f"/eligibility/versions/{version.pk}/",
        {"text": version.text.replace("{nu: 33, nam: 35}", "{nu: 33, nam: 34}")},
    )
    assert good.status_code == 302
    assert "nam: 34" in RegulationVersion.objects.get(pk=version.pk).text


def test_counts_are_those_of_llct_screen(client, people, tree, make_user):
    """Not judged (Đỗ Văn Bình has no birth date) is its own count, not part of "not eligible"; a level
    the regulation does not offer is counted apart too — in the page and in the export's header."""
    user = make_user(Role.ORG_BOARD, tree["north"])
    result = eligible_cadres(user, level="trung_cap", on=ON, show="all")
    statuses = [decide_for_cadre(c, "trung_cap", ON).status for c in people["sample"]]
    assert (result.eligible, result.not_eligible, result.not_offered, result.not_judged) == (
        statuses.count("eligible"), statuses.count("not_eligible"), 0, statuses.count("not_judged"),
    )  # fmt: skip
    assert result.not_judged == 1 and result.total == len(people["sample"])
    assert result.eligible + result.not_eligible + result.not_judged == result.total

    client.force_login(user)
    page = client.get("/eligibility/", {"level": "trung_cap", "on": "2024-05-01"}).content.decode()
    assert f'data-count="not_eligible"><span class="big">{result.not_eligible}</span>' in page
    assert 'data-count="not_judged"><span class="big">1</span>' in page
    export = client.get("/eligibility/", {"level": "trung_cap", "on": "2024-05-01", "export": "xlsx"})
    header = pl.read_excel(io.BytesIO(export.content), has_header=False).row(1)[0]
    assert header == (
        f"Tổng số: {result.total}; đủ điều kiện: {result.eligible}; "
        f"không đủ điều kiện: {result.not_eligible}; không mở bậc này: 0; không xét được: 1"
    )

    later = eligible_cadres(user, level="so_cap", on=dt.date(2026, 3, 1), show="all")
    assert (later.not_offered, later.not_eligible, later.not_judged) == (later.total, 0, 0)
    page = client.get("/eligibility/", {"level": "so_cap", "on": "2026-03-01"}).content.decode()
    assert f'data-count="not_offered"><span class="big">{later.total}</span>' in page


def test_broken_stored_rules_are_shown_not_replaced_by_the_shipped_ones(client, people, tree, make_user):
    post = Post.objects.get(code="xa_ca_truong")
    post.code = "xa_truong_ca"
    post.save()
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    listing = client.get("/eligibility/", {"level": "trung_cap", "on": "2024-05-01"})
    assert listing.status_code == 200 and listing.context["result"] is None
    assert "chức vụ &#x27;xa_ca_truong&#x27; không có trong danh mục" in listing.content.decode()
    panel = client.get(f"/eligibility/cadres/{people['sample'][0].pk}/panel/", {"on": "2024-05-01"})
    assert "Chưa xét được: bộ quy định đang lưu không nạp được." in panel.content.decode()
    versions = client.get("/eligibility/versions/").content.decode()
    assert "Bộ quy định đang lưu không nạp được" in versions and "57-QĐ/TW: levels → so_cap" in versions


def test_the_version_page_shows_each_dates_confidence(client, seeded, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    page = client.get("/eligibility/versions/").content.decode()
    assert '08/02/2022 <small class="muted">([T] đọc trong văn bản)</small>' in page
    assert '28/08/2025 <small class="muted">([I] suy luận, có thể sửa)</small>' in page
