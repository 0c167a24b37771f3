"""The computed indicators against hand counts: the training backlog (the rules' bulk screening, less
those who hold the level or study it) and the lecturers' norms against the hours they taught."""

import datetime as dt
from decimal import Decimal

import pytest

from llct.credentials.choices import CredentialKind
from llct.credentials.models import CertificateRegister, Credential
from llct.eligibility.services.rulebook import rulebook_invalidate, rulebook_seed
from llct.oversight.statistics.engine import StatisticsQuery, statistics_records, statistics_table
from llct.registry.choices import Tier, UnitKind
from llct.registry.models import Assignment, Post, YearlyRating
from llct.training.choices import EnrolmentStatus, LecturerKind, ManagementRole
from llct.training.models import Enrolment, Lecturer, Programme, RecognitionDecision, Session, TrainingClass
from llct.training.services.catalogue import catalogue_load
from tests.conftest import add_unit


@pytest.fixture
def rules(db):
    rulebook_invalidate()
    rulebook_seed()
    yield
    rulebook_invalidate()


def _class(institution, code, programme, starts, ends):
    return TrainingClass.objects.create(
        institution=institution,
        code=code,
        name=code,
        programme=Programme.objects.get(code=programme),
        starts_on=starts,
        ends_on=ends,
        capacity=40,
    )


@pytest.fixture
def subjects(rules, tree, make_cadre):
    """Six deputy chairs of a commune committee, each eligible for trung cấp by the rules on 31/12/2024
    (party members, university, sơ cấp held, rated well), and what became of them by then:
    An nothing (in the backlog), Bình completed a trung cấp class, Chi studies one that runs over the
    date, Dung holds a valid trung cấp diploma from elsewhere, Em withdrew from a class (in the backlog);
    and Xa in Nam Hà, outside Bắc Sơn (in the backlog of the country)."""
    if not Programme.objects.exists():
        catalogue_load()
    school = tree["school"]
    post = Post.objects.get(code="xa_ubnd_pho_chu_tich")
    people = {}
    for name, unit, sex in (
        ("An", "new_commune", "nam"),
        ("Bình", "new_commune", "nu"),
        ("Chi", "new_commune", "nu"),
        ("Dung", "new_commune", "nam"),
        ("Em", "north", "nu"),
        ("Xa", "south_commune", "nam"),
    ):
        cadre = make_cadre(
            tree[unit],
            f"Nguyễn Văn {name}",
            sex=sex,
            birth_date=dt.date(1984, 4, 20),
            party_status="chinh_thuc",
            education="dai_hoc",
            theory_level="so_cap",
        )
        Assignment.objects.create(cadre=cadre, post=post, valid_from=dt.date(2020, 1, 1))
        for year in (2022, 2023, 2024):
            YearlyRating.objects.create(cadre=cadre, year=year, rating="tot")
        people[name] = cadre
    done = _class(school, "TC-1", "trung_cap", dt.date(2024, 1, 2), dt.date(2024, 6, 30))
    Enrolment.objects.create(
        training_class=done,
        cadre=people["Bình"],
        sending_unit=tree["new_commune"],
        status=EnrolmentStatus.COMPLETED,
    )
    Enrolment.objects.create(
        training_class=done, cadre=people["Em"], sending_unit=tree["north"], status=EnrolmentStatus.WITHDRAWN
    )
    running = _class(school, "TC-2", "trung_cap", dt.date(2024, 9, 1), dt.date(2025, 3, 1))
    Enrolment.objects.create(
        training_class=running, cadre=people["Chi"], sending_unit=tree["new_commune"], status="dang_hoc"
    )
    elsewhere = add_unit(
        tree["south"], "NH-TCT", "Trường Chính trị Nam Hà", Tier.PROVINCE, UnitKind.PROVINCIAL_SCHOOL
    )
    old = _class(elsewhere, "TC-0", "trung_cap", dt.date(2019, 1, 2), dt.date(2019, 6, 30))
    enrolment = Enrolment.objects.create(
        training_class=old,
        cadre=people["Dung"],
        sending_unit=tree["south_commune"],
        status=EnrolmentStatus.NOT_COMPLETED,
    )
    recognition = RecognitionDecision.objects.create(
        training_class=old, number="1/QĐ", signed_on=dt.date(2019, 7, 1), signed_by="Giám đốc"
    )
    register = CertificateRegister.objects.create(institution=elsewhere, kind=CredentialKind.DIPLOMA)
    Credential.objects.create(
        register=register,
        year=2019,
        number=1,
        serial="NH-TCT/BTN/2019/000001",
        holder=people["Dung"],
        enrolment=enrolment,
        programme=old.programme,
        recognition=recognition,
        issued_on=dt.date(2019, 7, 10),
        signed_by="Giám đốc",
    )
    return people


TRUNG_CAP = (("level", ("trung_cap",)),)


def _figure(code, scope=("",), **query):
    table = statistics_table(StatisticsQuery(indicators=(code,), **query), scope)
    return table, table.value(table.indicators[0])


def test_the_backlog_counts_the_eligible_who_neither_hold_nor_study_the_level(subjects, tree):
    north = (tree["north"].path,)
    _table, country = _figure("training_backlog", year_to=2024, filters=TRUNG_CAP)
    assert country == 3  # An, Em, Xa
    _table, province = _figure("training_backlog", north, year_to=2024, filters=TRUNG_CAP)
    assert province == 2  # An, Em
    by_sex, _total = _figure("training_backlog", north, rows=("sex",), year_to=2024, filters=TRUNG_CAP)
    ind = by_sex.indicators[0]
    assert {r[0]: by_sex.value(ind, r) for r in by_sex.row_keys} == {"nam": 1, "nu": 1}
    by_unit, _total = _figure(
        "training_backlog", north, rows=("unit",), unit="BS", year_to=2024, filters=TRUNG_CAP
    )
    assert {r[0]: by_unit.value(ind, r) for r in by_unit.row_keys} == {"BS-X1": 1, "BS": 1}
    # Chi's class ended on 01/03/2025 but her result is not recorded: still studying at the end of 2025.
    _table, later = _figure("training_backlog", north, year_to=2025, filters=TRUNG_CAP)
    assert later == 2


def test_the_backlog_has_no_year_and_lists_its_cadres(subjects, tree):
    table, _total = _figure("training_backlog", rows=("year",), year_to=2024)
    assert not table.carries(table.indicators[0])
    query = StatisticsQuery(
        indicators=("training_backlog",), year_to=2024, filters=(("level", ("trung_cap",)), ("sex", ("nu",)))
    )
    listed = statistics_records("training_backlog", query, (tree["north"].path,))
    assert sorted(c.full_name for c in listed) == ["Nguyễn Văn Em"]


def test_norms_follow_duties_and_young_children(db, tree):
    if not Programme.objects.exists():
        catalogue_load()
    centre = tree["centre"]
    director = Lecturer.objects.create(
        institution=centre,
        full_name="Giám đốc",
        kind=LecturerKind.FULL_TIME,
        management_role=ManagementRole.DIRECTOR,
    )
    mother = Lecturer.objects.create(
        institution=centre,
        full_name="Giảng viên có con nhỏ",
        kind=LecturerKind.FULL_TIME,
        youngest_child_born_on=dt.date(2026, 1, 15),
    )
    visiting = Lecturer.objects.create(
        institution=centre, full_name="Thỉnh giảng", kind=LecturerKind.VISITING
    )
    klass = _class(centre, "CN-1", "cap_nhat", dt.date(2026, 3, 2), dt.date(2026, 3, 4))
    for lecturer, periods in ((director, 4), (mother, 8), (visiting, 6)):
        Session.objects.create(
            training_class=klass, date=dt.date(2026, 3, 2), periods=periods, lecturer=lecturer
        )
    # The director teaches 10 % of 270 = 27; the mother 22.5 in January (her child born on the 15th)
    # and 22.5 × 0.85 in each of the eleven months after: 232.875 → 232.9. The visiting lecturer has none.
    _table, norm = _figure("lecturer_norm", year_from=2026, year_to=2026)
    assert norm == Decimal("259.9")
    _table, taught = _figure("full_time_hours", year_from=2026, year_to=2026)
    assert taught == 12
    _table, share = _figure("lecturer_norm_share", year_from=2026, year_to=2026)
    assert share == Decimal("4.6")  # 12 / 259.9
    _table, all_hours = _figure("lecturer_hours", year_from=2026, year_to=2026)
    assert all_hours == 18


def test_the_page_api_and_csv_show_the_norms(history, client):
    params = (
        "indicators=lecturer_norm,full_time_hours,lecturer_norm_share&rows=year&year_from=2023&year_to=2023"
    )
    client.force_login(history.board)
    page = client.get(f"/statistics/?{params}")
    assert page.status_code == 200
    assert "3,3" in page.content.decode()  # 9 of 270 hours, in the Vietnamese number format
    api = client.get(f"/api/statistics?{params}").json()
    assert api["total"] == {"lecturer_norm": 270, "full_time_hours": 9, "lecturer_norm_share": 3.3}
    csv = client.get(f"/statistics/thong-ke.csv?{params}").content.decode().splitlines()
    assert csv == ["year,lecturer_norm,full_time_hours,lecturer_norm_share", "2023,270.0,9,3.3"]
