import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from llct.registry.models import Assignment, Cadre
from llct.registry.services.cadres import cadre_save


def test_equivalence_certificate_must_predate_conclusion_09(tree):
    cadre = Cadre(
        unit=tree["north"],
        code="CB1",
        full_name="Lê Thị Mai",
        sex="nu",
        theory_level="trung_cap",
        theory_proof="tuong_duong",
        theory_issued_on=dt.date(2021, 7, 9),
    )
    with pytest.raises(ValidationError) as error:
        cadre_save(cadre)
    assert "09/07/2021" in str(error.value.message_dict["theory_issued_on"])
    cadre.theory_issued_on = dt.date(2021, 7, 8)
    assert cadre_save(cadre).pk


def test_citizen_id_must_have_twelve_digits(tree):
    cadre = Cadre(unit=tree["north"], code="CB2", full_name="Lê Văn Nam", sex="nam", citizen_id="0123456789")
    with pytest.raises(ValidationError) as error:
        cadre_save(cadre)
    assert "12 chữ số" in str(error.value.message_dict["citizen_id"])


def test_saved_name_is_nfc_with_search_and_sort_columns(tree):
    cadre = cadre_save(
        Cadre(unit=tree["north"], code="CB3", full_name="  Nguye\u0302\u0303n   Văn An ", sex="nam")
    )
    assert cadre.full_name == "Nguyễn Văn An"
    assert cadre.name_search == "nguyen van an"
    assert cadre.name_sort_key


def test_cadre_change_is_in_the_history_with_its_author(tree, make_user, make_cadre):
    officer = make_user("ban_to_chuc", tree["north"])
    cadre = make_cadre(tree["north"], "Trần Văn Bình")
    cadre.full_name = "Trần Văn Bính"
    cadre_save(cadre, by=officer, reason="sửa chính tả")
    newest, older = cadre.history.all()[:2]
    delta = newest.diff_against(older)
    assert newest.history_user == officer
    assert [(c.field, c.old, c.new) for c in delta.changes] == [
        ("full_name", "Trần Văn Bình", "Trần Văn Bính")
    ]


def test_assignments_valid_on_a_date(tree, posts, make_cadre):
    cadre = make_cadre(tree["north"])
    past = Assignment.objects.create(
        cadre=cadre, post=posts["chuyen_vien"], valid_from=dt.date(2015, 1, 1), valid_to=dt.date(2020, 12, 31)
    )
    now = Assignment.objects.create(cadre=cadre, post=posts["ptp_tinh"], valid_from=dt.date(2021, 1, 1))
    assert list(cadre.assignments.valid_on(dt.date(2019, 6, 1))) == [past]
    assert list(cadre.assignments.valid_on(dt.date(2021, 1, 1))) == [now]
    bad = Assignment(
        cadre=cadre, post=posts["ptp_tinh"], valid_from=dt.date(2021, 1, 1), valid_to=dt.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError):
        bad.full_clean()
