"""Roster import services: validation of the whole file, all-or-nothing writes, re-import, export."""

import datetime as dt
import io

import pytest

from llct.accounts.models import Role
from llct.registry.models import Assignment, Cadre, PlanningEntry, YearlyRating
from llct.registry.roster_import.export import roster_export, roster_frame
from llct.registry.roster_import.services import roster_import
from llct.roster import RosterError, read_roster

from .conftest import HEADER, ROWS, counts, roster_csv

TODAY = dt.date(2026, 3, 15)


@pytest.fixture
def board(tree, make_user):
    return make_user(Role.ORG_BOARD, tree["north"])


def run(data, board, unit, **kwargs):
    kwargs.setdefault("on", TODAY)
    return roster_import(data, "ds.csv", user=board, unit=unit, **kwargs)


def test_a_good_file_creates_cadres_posts_planning_ratings_with_history(tree, posts, board, good_csv):
    result = run(good_csv, board, tree["north"])
    assert (result.problems, result.created, result.updated, result.written) == ([], 2, 0, True)
    an = Cadre.objects.get(code="CB001")
    assert an.unit == tree["new_commune"]  # "Xã Tiên Phong" is a unit in scope
    assert (an.citizen_id, an.birth_date, an.theory_level, an.grade) == (
        "001085012345",
        dt.date(1985, 5, 17),
        "trung_cap",
        "Chuyên viên",
    )
    assert an.name_search == "nguyen van an"
    binh = Cadre.objects.get(code="CB002")
    assert binh.unit == tree["north"]  # no unit written: the receiving unit
    assert binh.ethnicity == "Tày" and binh.party_status == ""
    assert list(an.assignments.values_list("post__code", "valid_from")) == [("PCT_UBND_XA", None)]
    assert list(binh.planning.values_list("post__code", flat=True)) == ["PCT_UBND_XA"]
    assert dict(an.ratings.values_list("year", "rating")) == {2025: "tot", 2024: "xuat_sac"}
    assert dict(binh.ratings.values_list("year", "rating")) == {2025: "hoan_thanh"}
    assert an.history.get().history_user == board
    assert Assignment.history.filter(history_user=board).count() == 2


def test_reimport_updates_by_code_or_citizen_id_instead_of_duplicating(tree, posts, board, good_csv):
    run(good_csv, board, tree["north"])
    changed = (
        ROWS[0]
        .replace("CB001", "CB001-MOI")
        .replace("Nguyễn Văn An", "Nguyễn Văn Ân")
        .replace("PCT UBND", "Công chức")
    )
    result = run(roster_csv(changed, ROWS[1]), board, tree["north"], on=TODAY + dt.timedelta(days=10))
    assert (result.created, result.updated) == (0, 1)
    assert Cadre.objects.count() == 2
    an = Cadre.objects.get(citizen_id="001085012345")
    assert (an.code, an.full_name) == ("CB001-MOI", "Nguyễn Văn Ân")
    assert an.history.count() == 2 and an.history.first().history_user == board
    ended, started = an.assignments.order_by("pk")
    assert (ended.post.code, ended.valid_to) == ("PCT_UBND_XA", TODAY + dt.timedelta(days=9))
    assert (started.post.code, started.valid_from, started.valid_to) == (
        "CV_XA",
        TODAY + dt.timedelta(days=10),
        None,
    )
    # The same file again changes nothing and writes no history.
    before = counts()
    again = run(roster_csv(changed, ROWS[1]), board, tree["north"], on=TODAY + dt.timedelta(days=10))
    assert (again.created, again.updated) == (0, 0)
    assert counts() == before


def problems_of(data, board, unit):
    before = counts()
    result = run(data, board, unit)
    assert counts() == before and not result.written
    return [(p.row, p.column, p.value) for p in result.problems], result.problems


def test_unknown_title_is_listed_with_suggestions_and_nothing_is_written(tree, posts, board):
    row = ROWS[0].replace("PCT UBND", "Phó Chủ tịch Ủy ban nhân dân; Trưởng ban Vũ trụ")
    found, problems = problems_of(roster_csv(row, ROWS[1]), board, tree["north"])
    assert found == [(2, "Chức vụ", "Trưởng ban Vũ trụ")]
    assert "Gần nhất:" in problems[0].reason and "(Xã)" in problems[0].reason


def test_citizen_id_of_another_cadre_is_refused(tree, posts, board, make_cadre):
    make_cadre(tree["north"], "Lê Văn Cũ", code="CB999", citizen_id="001085012345")
    make_cadre(tree["north"], "Nguyễn Văn An", code="CB001")
    found, problems = problems_of(roster_csv(*ROWS), board, tree["north"])
    assert found == [(2, "Số CCCD", "001085012345")]
    assert "CB999" in problems[0].reason


def test_a_cadre_managed_outside_the_scope_is_not_updated(tree, posts, board, make_cadre):
    make_cadre(tree["south"], "Người Nam Hà", code="CB002")
    found, problems = problems_of(roster_csv(*ROWS), board, tree["north"])
    assert found == [(3, "Mã cán bộ", "CB002")]
    assert "quản trị viên" in problems[0].reason
    assert Cadre.objects.get(code="CB002").full_name == "Người Nam Hà"


@pytest.mark.parametrize(
    "data",
    [
        roster_csv(*ROWS, ROWS[0]),  # duplicate code
        roster_csv(ROWS[0].replace("17/05/1985", "32/05/1985"), ROWS[1]),  # bad date
        roster_csv(ROWS[0].replace("001085012345", "1085012345"), ROWS[1]),  # bad citizen ID
        roster_csv(ROWS[0].replace("Nam,Kinh", "Đàn ông,Kinh"), ROWS[1]),  # unknown sex
        roster_csv(ROWS[0], ROWS[1].replace("001085012345", "").replace(",,1990", ",001085012345,1990")),
    ],
)
def test_a_file_with_any_row_problem_writes_nothing(tree, posts, board, data):
    found, _ = problems_of(data, board, tree["north"])
    assert found


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "ds.csv"),
        (b"\x00\x01\x02\x03 binary", "ds.csv"),
        (b"not a workbook", "ds.xlsx"),
        (b"Ten,Tuoi\nAn,30\n", "ds.csv"),
        (HEADER.encode() + b"\n", "ds.csv"),
        (roster_csv(ROWS[0].replace("Nguyễn Văn An", "x" * 5_000_000)), "ds.csv"),
    ],
)
def test_an_unreadable_file_raises_and_writes_nothing(tree, posts, board, data, name):
    before = counts()
    with pytest.raises(RosterError):
        roster_import(data, name, user=board, unit=tree["north"], on=TODAY)
    assert counts() == before


def test_nfd_text_is_stored_nfc(tree, posts, board):
    import unicodedata

    run(roster_csv(unicodedata.normalize("NFD", ROWS[0])), board, tree["north"])
    cadre = Cadre.objects.get()
    assert cadre.full_name == "Nguyễn Văn An" and cadre.unit == tree["new_commune"]


def test_dry_run_writes_nothing(tree, posts, board, good_csv):
    before = counts()
    result = run(good_csv, board, tree["north"], dry_run=True)
    assert result.problems == [] and not result.written and counts() == before


def test_export_then_import_gives_back_the_same_data(tree, posts, board, good_csv):
    run(good_csv, board, tree["north"])
    first = roster_frame(Cadre.objects.all(), personal=True, on=TODAY)
    data = roster_export(Cadre.objects.all(), personal=True, on=TODAY)
    assert read_roster(data, "x.xlsx").frame.equals(first)
    before = counts()
    result = roster_import(data, "x.xlsx", user=board, unit=tree["north"], on=TODAY)
    assert (result.problems, result.created, result.updated) == ([], 0, 0)
    assert counts() == before
    assert roster_frame(Cadre.objects.all(), personal=True, on=TODAY).equals(first)


def test_export_into_an_empty_registry_round_trips_to_another_one(tree, posts, board, good_csv):
    run(good_csv, board, tree["north"])
    data = roster_export(Cadre.objects.all(), personal=True, on=TODAY)
    first = roster_frame(Cadre.objects.all(), personal=True, on=TODAY)
    YearlyRating.objects.all().delete()
    PlanningEntry.objects.all().delete()
    Assignment.objects.all().delete()
    Cadre.objects.all().delete()
    result = roster_import(data, "x.xlsx", user=board, unit=tree["north"], on=TODAY)
    assert result.created == 2
    assert roster_frame(Cadre.objects.all(), personal=True, on=TODAY).equals(first)


def test_a_masked_export_cannot_be_imported(tree, posts, board, good_csv):
    run(good_csv, board, tree["north"])
    data = roster_export(Cadre.objects.all(), personal=False, on=TODAY)
    sheet = read_roster(io.BytesIO(data).getvalue(), "x.xlsx")
    assert sheet.frame["birth_date"].null_count() == 2
    before = counts()
    result = roster_import(data, "x.xlsx", user=board, unit=tree["north"], on=TODAY)
    assert not result.written and counts() == before
    reasons = {p.column: p.reason for p in result.problems}
    assert "đã bị che" in reasons["Số CCCD"] and "chỉ có năm" in reasons["Ngày sinh"]


def test_formula_like_text_is_neutralised_in_the_export_and_restored(tree, posts, board):
    row = ROWS[0].replace("Nguyễn Văn An", "=HYPERLINK(1)")
    run(roster_csv(row), board, tree["north"])
    data = roster_export(Cadre.objects.all(), personal=True, on=TODAY)
    import fastexcel

    sheet = fastexcel.read_excel(data).load_sheet(0, dtypes="string").to_polars()
    assert sheet["Họ và tên"][0] == "'=HYPERLINK(1)"
    assert read_roster(data, "x.xlsx").frame["full_name"][0] == "=HYPERLINK(1)"
