"""Re-imports: what an absent column leaves alone, rows dated on or after the import day, the "updated"
count, unit names and codes that match nothing, lengths the database would refuse, and a database that
fails in the middle of the write."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from llct.accounts.models import Role
from llct.registry.models import Assignment, Cadre, PlanningEntry, YearlyRating
from llct.registry.roster_import import bulk
from llct.registry.roster_import.services import roster_import

from .conftest import ROWS, counts, roster_csv

TODAY = dt.date(2026, 3, 15)
SHORT = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính"


@pytest.fixture
def board(tree, make_user):
    return make_user(Role.ORG_BOARD, tree["north"])


def run(data, board, unit, on=TODAY, **kwargs):
    return roster_import(data, "ds.csv", user=board, unit=unit, on=on, **kwargs)


@pytest.fixture
def imported(tree, posts, board, good_csv):
    result = run(good_csv, board, tree["north"])
    assert result.written
    return Cadre.objects.get(code="CB001")


def test_a_file_without_the_post_planning_rating_and_unit_columns_leaves_them_alone(imported, tree, board):
    an = imported
    binh = Cadre.objects.get(code="CB002")
    posts = list(Assignment.objects.values_list("pk", "valid_to"))
    planning = list(PlanningEntry.objects.values_list("pk", "valid_to"))
    ratings = list(YearlyRating.objects.values_list("pk", "rating"))
    result = run(
        roster_csv("CB001,Nguyễn Văn Ân,17/05/1985,Nam", "CB002,Trần Thị Bình,02/01/1990,Nữ", header=SHORT),
        board,
        tree["north"],
        on=TODAY + dt.timedelta(days=30),
    )
    assert (result.problems, result.created, result.updated) == ([], 0, 1)
    assert list(Assignment.objects.values_list("pk", "valid_to")) == posts
    assert list(PlanningEntry.objects.values_list("pk", "valid_to")) == planning
    assert list(YearlyRating.objects.values_list("pk", "rating")) == ratings
    an.refresh_from_db()
    binh.refresh_from_db()
    assert (an.full_name, an.unit, binh.unit) == ("Nguyễn Văn Ân", tree["new_commune"], tree["north"])


def test_an_empty_post_cell_ends_the_posts(imported, tree, board):
    row = ROWS[0].replace("PCT UBND,Xã,Chính quyền", ",Xã,Chính quyền")
    result = run(roster_csv(row), board, tree["north"], on=TODAY + dt.timedelta(days=5))
    assert result.updated == 1
    assert list(imported.assignments.values_list("valid_to", flat=True)) == [TODAY + dt.timedelta(days=4)]


def test_cadres_whose_only_change_is_a_post_planning_or_rating_count_as_updated(imported, tree, board):
    later = TODAY + dt.timedelta(days=10)
    changed_post = ROWS[0].replace("PCT UBND", "Công chức")
    changed_rating = ROWS[1].replace("Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ")
    history = imported.history.count()
    result = run(roster_csv(changed_post, changed_rating), board, tree["north"], on=later)
    assert (result.created, result.updated) == (0, 2)
    assert imported.history.count() == history  # the cadre's own record did not change
    assert Cadre.objects.get(code="CB002").ratings.get(year=2025).rating == "tot"


def test_a_row_begun_on_the_import_day_and_no_longer_named_is_deleted_not_ended_before_it_began(
    imported, tree, board, posts
):
    later = TODAY + dt.timedelta(days=10)
    run(roster_csv(ROWS[0].replace("PCT UBND", "PCT UBND; Công chức")), board, tree["north"], on=later)
    added = imported.assignments.get(post=posts["chuyen_vien"])
    assert added.valid_from == later
    run(roster_csv(ROWS[0]), board, tree["north"], on=later)  # corrected the same day
    assert not Assignment.objects.filter(pk=added.pk).exists()
    gone = Assignment.history.filter(id=added.pk).latest()
    assert (gone.history_type, gone.history_user) == ("-", board)
    assert not Assignment.objects.filter(valid_to__lt=F("valid_from")).exists()


def test_a_row_recorded_ahead_is_kept_and_starts_on_the_import_day_when_the_roster_names_it(
    imported, tree, board, posts
):
    ahead = Assignment.objects.create(
        cadre=imported,
        post=posts["chuyen_vien"],
        unit=tree["new_commune"],
        valid_from=TODAY + dt.timedelta(days=60),
    )
    other = Assignment.objects.create(
        cadre=imported, post=posts["ptp_tinh"], unit=tree["north"], valid_from=TODAY + dt.timedelta(days=90)
    )
    run(roster_csv(ROWS[0].replace("PCT UBND", "PCT UBND; Công chức")), board, tree["north"])
    ahead.refresh_from_db()
    other.refresh_from_db()
    assert ahead.valid_from == TODAY and ahead.valid_to is None
    assert other.valid_from == TODAY + dt.timedelta(days=90)  # the roster says nothing of it
    assert imported.assignments.filter(post=posts["chuyen_vien"]).count() == 1


def test_the_database_refuses_an_end_before_the_start(imported, posts):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            cadre=imported,
            post=posts["ptp_tinh"],
            valid_from=dt.date(2026, 1, 2),
            valid_to=dt.date(2026, 1, 1),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanningEntry.objects.create(
            cadre=imported,
            post=posts["ptp_tinh"],
            valid_from=dt.date(2026, 1, 2),
            valid_to=dt.date(2026, 1, 1),
        )


def problems_of(data, board, unit):
    before = counts()
    result = run(data, board, unit)
    assert counts() == before and not result.written
    return [(p.row, p.column, p.value, p.reason) for p in result.problems]


def test_a_unit_name_that_matches_no_unit_is_a_problem_of_its_row(tree, posts, board):
    row = ROWS[1].replace("Chính quyền,,", "Chính quyền,Xã Không Có,")
    [(line, column, value, reason)] = problems_of(roster_csv(ROWS[0], row), board, tree["north"])
    assert (line, column, value) == (3, "Đơn vị", "Xã Không Có")
    assert "Không có đơn vị nào tên như vậy" in reason and "để trống" in reason and "Tỉnh Bắc Sơn" in reason


def test_a_unit_name_outside_the_scope_is_a_problem(tree, posts, board):
    row = ROWS[1].replace("Chính quyền,,", "Chính quyền,Xã Hòa Bình,")
    assert [p[:3] for p in problems_of(roster_csv(row), board, tree["north"])] == [
        (2, "Đơn vị", "Xã Hòa Bình")
    ]


def test_a_unit_code_must_exist_and_agree_with_the_name(tree, posts, board):
    header = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Đơn vị,Mã đơn vị"
    data = roster_csv(
        "A1,Lê An,01/01/1980,Nam,Xã Tiên Phong,BS-X1",
        "A2,Lê Bình,01/01/1980,Nam,Xã Tiên Phong,BS",
        "A3,Lê Cường,01/01/1980,Nam,,NH",
        header=header,
    )
    found = problems_of(data, board, tree["north"])
    assert [p[:3] for p in found] == [(3, "Mã đơn vị", "BS"), (4, "Mã đơn vị", "NH")]
    assert "khác với tên" in found[0][3] and "Không có đơn vị mã NH" in found[1][3]
    assert run(roster_csv(data.decode().splitlines()[1], header=header), board, tree["north"]).written
    assert Cadre.objects.get(code="A1").unit == tree["new_commune"]


def test_post_codes_must_match_the_titles_beside_them(tree, posts, board):
    header = "Mã cán bộ,Họ và tên,Ngày sinh,Giới tính,Chức vụ,Mã chức vụ,Mã đơn vị công tác"
    two_posts = "Phó Chủ tịch Ủy ban nhân dân; Phó Trưởng phòng,PCT_UBND_XA; PTP_TINH,BS-X1; BS"
    data = roster_csv(
        f"A1,Lê An,01/01/1980,Nam,{two_posts}",
        "A2,Lê Bình,01/01/1980,Nam,Công chức,PTP_TINH,",
        "A3,Lê Cường,01/01/1980,Nam,Công chức; Phó Trưởng phòng,CV_XA,",
        "A4,Lê Dũng,01/01/1980,Nam,Công chức,CV_XA,NH-X1",
        header=header,
    )
    found = problems_of(data, board, tree["north"])
    assert [p[:3] for p in found] == [
        (3, "Mã chức vụ", "PTP_TINH"),
        (4, "Mã chức vụ", "CV_XA"),
        (5, "Mã đơn vị công tác", "NH-X1"),
    ]
    assert "không khớp chức vụ “Công chức”" in found[0][3] and "có 1 mục nhưng ô chức vụ có 2" in found[1][3]
    assert run(roster_csv(data.decode().splitlines()[1], header=header), board, tree["north"]).written
    held = set(Assignment.objects.values_list("post__code", "unit__code"))
    assert held == {("PCT_UBND_XA", "BS-X1"), ("PTP_TINH", "BS")}


LONG = ("Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Ngạch", "Đơn vị", "Chức vụ")


def long_row(**cells: str) -> bytes:
    values = {"Mã cán bộ": "A1", "Họ và tên": "Lê An", "Ngày sinh": "01/01/1980", "Giới tính": "Nam", **cells}
    return roster_csv(",".join(values.get(c, "") for c in LONG), header=",".join(LONG))


@pytest.mark.parametrize(
    ("column", "limit"),
    [
        ("Mã cán bộ", 40),
        ("Họ và tên", 150),
        ("Dân tộc", 50),
        ("Ngạch", 100),
        ("Đơn vị", 255),
        ("Chức vụ", 255),
    ],
)
def test_values_longer_than_their_column_are_problems_with_row_column_and_length(
    tree, posts, board, column, limit
):
    found = problems_of(long_row(**{column: "ư" * (limit + 1)}), board, tree["north"])
    assert [(p[0], p[1], len(p[2])) for p in found] == [(2, column, limit + 1)]
    assert f"dài {limit + 1} ký tự, vượt quá {limit} ký tự" in found[0][3]


@pytest.mark.parametrize(
    ("column", "limit"), [("Mã cán bộ", 40), ("Họ và tên", 150), ("Dân tộc", 50), ("Ngạch", 100)]
)
def test_values_of_the_full_length_are_written(tree, board, column, limit):
    assert run(long_row(**{column: "ư" * limit}), board, tree["north"]).written
    assert (
        len(
            getattr(
                Cadre.objects.get(),
                {"Mã cán bộ": "code", "Họ và tên": "full_name", "Dân tộc": "ethnicity", "Ngạch": "grade"}[
                    column
                ],
            )
        )
        == limit
    )


def test_a_database_failure_in_the_middle_of_the_write_leaves_nothing_written(
    tree, posts, board, monkeypatch
):
    rows = [ROWS[0].replace("CB001", f"CB{i:04d}").replace("012345", f"{i:06d}") for i in range(1, 8)]
    monkeypatch.setattr(bulk, "CHUNK", 2)
    written = []
    real = bulk.write_chunk

    def failing(cursor, sql, chunk, *, copy):
        if "registry_historicalassignment" in sql and written:
            raise IntegrityError("simulated failure after the first chunk")
        real(cursor, sql, chunk, copy=copy)
        if "registry_historicalassignment" in sql:
            written.append(len(chunk))

    monkeypatch.setattr(bulk, "write_chunk", failing)
    before = counts()
    with pytest.raises(IntegrityError):
        run(roster_csv(*rows), board, tree["north"])
    assert len(written) == 1 and counts() == before


def test_every_problem_message_goes_through_gettext(tree, posts, board, monkeypatch):
    from django.utils import translation

    monkeypatch.setattr(translation._trans, "gettext", lambda message: "EN: " + message)
    rows = [
        ROWS[0].replace("17/05/1985", "32/05/1985"),  # the reader
        ROWS[1].replace("Chính quyền,,", "Chính quyền,Xã Không Có,").replace("Công chức", "Thủ lĩnh"),
        ROWS[0].replace("CB001", "CB009"),  # same citizen ID as row 2
    ]
    found = problems_of(roster_csv(*rows), board, tree["north"])
    assert len(found) == 4 and all(reason.startswith("EN: ") for *_, reason in found)
