"""`llct import-roster FILE [--dry-run] [--unit CODE] [--user USERNAME]` and `llct import-cleanup`."""

import os
import subprocess
import sys
from pathlib import Path

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
    call_command("import-roster", roster_file(roster_csv(*ROWS)), "--dry-run", "--unit", "BS")
    assert "Tệp hợp lệ: 2 dòng" in capsys.readouterr().out
    assert counts() == before


def test_imports_with_the_users_unit_and_history(tree, posts, roster_file, make_user, capsys):
    user = make_user(Role.ORG_BOARD, tree["north"], username="bantochuc")
    call_command("import-roster", roster_file(roster_csv(*ROWS)), "--user", "bantochuc")
    assert "2 cán bộ mới" in capsys.readouterr().out
    assert Cadre.objects.get(code="CB001").history.get().history_user == user


def test_problems_are_printed_with_row_and_column_and_nothing_is_written(tree, posts, roster_file, capsys):
    before = counts()
    bad = roster_csv(ROWS[0].replace("17/05/1985", "17/13/1985"), ROWS[1])
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import-roster", roster_file(bad), "--unit", "BS")
    assert "Dòng 2, cột “Ngày sinh”, giá trị “17/13/1985”" in capsys.readouterr().err
    assert counts() == before


def test_an_unreadable_file_fails_with_its_message(tree, roster_file):
    with pytest.raises(CommandError, match="rỗng"):
        call_command("import-roster", roster_file(b""), "--unit", "BS")


def test_the_target_unit_is_required(tree, roster_file):
    with pytest.raises(CommandError, match="đơn vị nhận"):
        call_command("import-roster", roster_file(roster_csv(*ROWS)))


def test_the_llct_entry_point_runs_import_roster(tmp_path, roster_file):
    """`llct import-roster` as the README says it, in a process of its own (its own SQLite database)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLCT_") and k != "DATABASE_URL"}
    env["LLCT_DATA_DIR"] = str(tmp_path / "data")

    def llct(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "llct.cli", *args], capture_output=True, text=True, env=env, timeout=300
        )

    assert llct("migrate", "--verbosity", "0").returncode == 0
    roster = roster_file(roster_csv(*ROWS))
    missing = llct("import-roster", roster, "--dry-run", "--unit", "KHONG-CO")
    assert missing.returncode != 0 and "Không có đơn vị mã “KHONG-CO”" in missing.stderr
    help_text = llct("help", "import-roster")
    assert help_text.returncode == 0 and "--dry-run" in help_text.stdout
    assert "import-roster" in llct("help").stdout and "import_roster" not in llct("help").stdout


def test_cleanup_abandons_stale_jobs_and_deletes_their_files(tree, make_user, settings, capsys):
    import datetime as dt

    from django.core.files.base import ContentFile

    from llct.registry.roster_import.models import ImportJob

    user = make_user(Role.ORG_BOARD, tree["north"])

    def job(state, age_days):
        made = ImportJob(created_by=user, unit=tree["north"], filename="ds.csv", state=state)
        made.file.save("ds.csv", ContentFile(b"data"), save=False)
        made.save()
        ImportJob.objects.filter(pk=made.pk).update(created_at=made.created_at - dt.timedelta(days=age_days))
        return made

    stale, fresh, done = job("valid", 8), job("valid", 1), job("done", 0)
    paths = {j.pk: Path(j.file.path) for j in (stale, fresh, done)}
    call_command("import-cleanup", "--days", "7")
    assert "Đã hủy 1 lần nhập quá hạn; đã xóa 2 tệp tải lên." in capsys.readouterr().out
    states = dict(ImportJob.objects.values_list("pk", "state"))
    assert states == {stale.pk: "abandoned", fresh.pk: "valid", done.pk: "done"}
    assert not paths[stale.pk].exists() and not paths[done.pk].exists() and paths[fresh.pk].exists()
    assert ImportJob.objects.get(pk=fresh.pk).file and not ImportJob.objects.get(pk=stale.pk).file
