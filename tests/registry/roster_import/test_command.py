"""`llct import-roster FILE [--dry-run] [--unit CODE] [--user USERNAME]`."""

import pytest
from django.core.management import CommandError, call_command

from llct.accounts.models import Role
from llct.registry.models import Cadre

from .conftest import ROWS, counts, roster_csv


@pytest.fixture
def roster_file(tmp_path):
    def write(data: bytes, name: str = "ds.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    return write


def test_dry_run_checks_and_writes_nothing(tree, posts, roster_file, capsys):
    before = counts()
    call_command("import_roster", roster_file(roster_csv(*ROWS)), "--dry-run", "--unit", "BS")
    assert "Tệp hợp lệ: 2 dòng" in capsys.readouterr().out
    assert counts() == before


def test_imports_with_the_users_unit_and_history(tree, posts, roster_file, make_user, capsys):
    user = make_user(Role.ORG_BOARD, tree["north"], username="bantochuc")
    call_command("import_roster", roster_file(roster_csv(*ROWS)), "--user", "bantochuc")
    assert "2 cán bộ mới" in capsys.readouterr().out
    assert Cadre.objects.get(code="CB001").history.get().history_user == user


def test_problems_are_printed_with_row_and_column_and_nothing_is_written(tree, posts, roster_file, capsys):
    before = counts()
    bad = roster_csv(ROWS[0].replace("17/05/1985", "17/13/1985"), ROWS[1])
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_roster", roster_file(bad), "--unit", "BS")
    assert "Dòng 2, cột “Ngày sinh”, giá trị “17/13/1985”" in capsys.readouterr().err
    assert counts() == before


def test_an_unreadable_file_fails_with_its_message(tree, roster_file):
    with pytest.raises(CommandError, match="rỗng"):
        call_command("import_roster", roster_file(b""), "--unit", "BS")


def test_the_target_unit_is_required(tree, roster_file):
    with pytest.raises(CommandError, match="đơn vị nhận"):
        call_command("import_roster", roster_file(roster_csv(*ROWS)))
