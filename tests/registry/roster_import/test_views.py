"""Roster import and export pages: permissions, scope, the check → confirm flow, progress, export."""

import pytest
from django.urls import reverse

from llct.accounts.models import Role
from llct.registry.models import Cadre
from llct.registry.roster_import.models import ImportJob
from llct.roster import read_roster

from .conftest import HEADER, ROWS, counts, roster_csv, upload


@pytest.fixture
def board_client(client, tree, make_user):
    user = make_user(Role.ORG_BOARD, tree["north"])
    client.force_login(user)
    client.user = user
    return client


def post_file(client, data, unit, name="ds.csv"):
    return client.post(reverse("roster:import_start"), {"file": upload(data, name), "unit": unit.pk})


def test_the_upload_form_defaults_to_the_users_unit(board_client, tree):
    response = board_client.get(reverse("roster:import_start"))
    assert response.status_code == 200
    assert response.context["form"].initial["unit"] == tree["north"].pk


@pytest.mark.parametrize("role", [Role.INSPECTOR, Role.LECTURER, Role.DIRECTOR])
def test_import_needs_the_right_to_edit_the_registry(client, tree, make_user, role, good_csv):
    client.force_login(make_user(role, tree["north"]))
    assert client.get(reverse("roster:import_start")).status_code == 403
    assert post_file(client, good_csv, tree["north"]).status_code == 403
    assert Cadre.objects.count() == 0


def test_a_unit_outside_the_scope_answers_404(board_client, tree, posts, good_csv):
    before = counts()
    assert post_file(board_client, good_csv, tree["south"]).status_code == 404
    assert counts() == before and ImportJob.objects.count() == 0


def test_check_then_confirm_writes_the_file(board_client, tree, posts, good_csv):
    response = post_file(board_client, good_csv, tree["north"])
    job = ImportJob.objects.get()
    assert response.url == reverse("roster:import_detail", args=[job.pk])
    assert job.state == ImportJob.State.VALID and job.total == 2 and Cadre.objects.count() == 0
    page = board_client.get(response.url)
    assert "Xác nhận nhập" in page.content.decode()
    board_client.post(reverse("roster:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert (job.state, job.created, job.processed) == (ImportJob.State.DONE, 2, 2)
    assert Cadre.objects.count() == 2
    assert Cadre.objects.get(code="CB001").history.get().history_user == board_client.user
    # Confirming again does nothing.
    board_client.post(reverse("roster:import_confirm", args=[job.pk]))
    assert Cadre.objects.count() == 2


def test_problems_are_listed_and_the_file_cannot_be_confirmed(board_client, tree, posts):
    bad = roster_csv(ROWS[0].replace("17/05/1985", "1985-13-01"), ROWS[1].replace("Công chức", "Thủ lĩnh"))
    post_file(board_client, bad, tree["north"])
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.INVALID and job.problem_count == 2 and not job.file
    html = board_client.get(reverse("roster:import_detail", args=[job.pk])).content.decode()
    assert "Ngày sinh" in html and "1985-13-01" in html and "Thủ lĩnh" in html and "Xác nhận nhập" not in html
    board_client.post(reverse("roster:import_confirm", args=[job.pk]))
    assert Cadre.objects.count() == 0


def test_an_unreadable_file_shows_its_message(board_client, tree):
    post_file(board_client, b"\x00\x01binary", tree["north"])
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.INVALID
    assert (
        "không phải là bảng tính"
        in board_client.get(reverse("roster:import_detail", args=[job.pk])).content.decode()
    )


def test_progress_fragment_polls_until_finished(board_client, tree, posts, good_csv):
    post_file(board_client, good_csv, tree["north"])
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING, total=2)
    html = board_client.get(reverse("roster:import_progress", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in html
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.DONE)
    response = board_client.get(reverse("roster:import_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true" and "every 1s" not in response.content.decode()


def test_jobs_of_other_scopes_answer_404(board_client, tree, make_user, good_csv, posts):
    other = make_user(Role.ORG_BOARD, tree["south"])
    from django.test import Client

    client = Client()
    client.force_login(other)
    post_file(client, good_csv, tree["south"])
    job = ImportJob.objects.get()
    assert board_client.get(reverse("roster:import_detail", args=[job.pk])).status_code == 404
    assert board_client.post(reverse("roster:import_confirm", args=[job.pk])).status_code == 404


def test_export_is_scoped_filtered_and_masked_without_the_right(client, tree, make_user, make_cadre):
    make_cadre(tree["new_commune"], "Nguyễn Văn An", code="A1", citizen_id="001085012345")
    make_cadre(tree["north"], "Trần Thị Bình", code="B1", sex="nu")
    make_cadre(tree["south"], "Lê Văn Nam", code="S1")
    url = reverse("roster:cadre_export")
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    frame = read_roster(response.content, "x.xlsx").frame
    assert sorted(frame["code"].to_list()) == ["A1", "B1"]
    assert "001085012345" in frame["citizen_id"].to_list()
    assert read_roster(client.get(url, {"q": "nguyen van an"}).content, "x.xlsx").frame["code"].to_list() == [
        "A1"
    ]

    client.force_login(make_user(Role.LECTURER, tree["north"]))
    masked = read_roster(client.get(url).content, "x.xlsx")
    assert masked.frame["citizen_id"].null_count() == 2 and masked.frame["birth_date"].null_count() == 2
    assert {p.column for p in masked.problems} == {"Số CCCD", "Ngày sinh"}


def test_export_needs_login(client):
    assert client.get(reverse("roster:cadre_export")).status_code == 302


def test_the_check_reports_its_progress_per_chunk_of_rows(board_client, tree, posts, monkeypatch):
    from llct.registry.roster_import import check, jobs

    seen = []
    monkeypatch.setattr(check, "CHUNK", 2)
    monkeypatch.setattr(jobs.HUEY, "put", lambda key, value: "progress" in key and seen.append(value))
    rows = [ROWS[0].replace("CB001", f"CB{i:03d}").replace("012345", f"{i:06d}") for i in range(1, 6)]
    post_file(board_client, roster_csv(*rows), tree["north"])
    assert seen == [("check", 0, 5), ("check", 2, 5), ("check", 4, 5), ("check", 5, 5)]
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.CHECKING)
    live = ("check", 40_000, 100_000)
    monkeypatch.setattr(jobs.HUEY, "get", lambda key, peek=False: live if "progress" in key else None)
    html = board_client.get(reverse("roster:import_progress", args=[job.pk])).content.decode()
    assert "đã kiểm tra 40.000 / 100.000 dòng" in html and 'value="40000"' in html


def test_every_problem_is_kept_and_downloadable_and_the_page_says_how_many_more(
    board_client, tree, posts, monkeypatch
):
    import fastexcel

    from llct.registry.roster_import import views

    monkeypatch.setattr(views, "SHOWN_PROBLEMS", 3)
    bad = [ROWS[1].replace("CB002", f"X{i}").replace("1990-01-02", "1990-13-01") for i in range(5)]
    post_file(board_client, roster_csv(*bad), tree["north"])
    job = ImportJob.objects.get()
    assert job.problem_count == 5 and job.problems.count() == 5
    html = board_client.get(reverse("roster:import_detail", args=[job.pk])).content.decode()
    assert "hiển thị 3 lỗi đầu tiên; còn 2 lỗi nữa" in html
    response = board_client.get(reverse("roster:import_problems", args=[job.pk]))
    sheet = fastexcel.read_excel(response.content).load_sheet(0, dtypes="string").to_polars()
    assert (
        sheet.height == 5 and set(sheet["Cột"]) == {"Ngày sinh"} and sheet["Dòng"].to_list() == list("23456")
    )


def test_the_uploaded_file_is_deleted_once_written_invalid_or_abandoned(board_client, tree, posts, good_csv):
    from pathlib import Path

    def upload_and_keep_path(data):
        post_file(board_client, data, tree["north"])
        job = ImportJob.objects.latest("pk")
        return job, Path(job.file.path) if job.file else None

    valid, path = upload_and_keep_path(good_csv)
    assert path.exists()  # kept until the user decides
    board_client.post(reverse("roster:import_confirm", args=[valid.pk]))
    valid.refresh_from_db()
    assert valid.state == ImportJob.State.DONE and not valid.file and not path.exists()

    invalid, _ = upload_and_keep_path(roster_csv(ROWS[0].replace("17/05/1985", "1985-13-01")))
    assert invalid.state == ImportJob.State.INVALID and not invalid.file and invalid.problems.count() == 1

    waiting, path = upload_and_keep_path(good_csv.replace(b"CB001", b"CB101").replace(b"CB002", b"CB102"))
    board_client.post(reverse("roster:import_abandon", args=[waiting.pk]))
    waiting.refresh_from_db()
    assert waiting.state == ImportJob.State.ABANDONED and not waiting.file and not path.exists()
    board_client.post(reverse("roster:import_confirm", args=[waiting.pk]))
    assert not Cadre.objects.filter(code="CB101").exists()


def test_a_5_mb_cell_gives_a_clear_message_and_writes_nothing(board_client, tree, posts):
    before = counts()
    post_file(board_client, roster_csv(ROWS[0].replace("Nguyễn Văn An", "x" * 5_000_000)), tree["north"])
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.INVALID and counts() == before
    assert "Dòng 2, cột “Họ và tên”: ô dài 5.000.000 byte, vượt quá giới hạn" in job.message


def test_kept_unknown_columns_are_exported_only_to_roles_that_see_personal_data(
    client, tree, make_user, posts
):
    from llct.registry.roster_import.services import roster_import

    board = make_user(Role.ORG_BOARD, tree["north"])
    data = roster_csv(*(r + ",mật" for r in ROWS), header=HEADER + ",Ghi chú riêng")
    roster_import(data, "ds.csv", user=board, unit=tree["north"])
    assert Cadre.objects.get(code="CB001").extra == {"Ghi chú riêng": "mật"}
    url = reverse("roster:cadre_export")
    client.force_login(board)
    assert read_roster(client.get(url).content, "x.xlsx").frame["Ghi chú riêng"].to_list() == ["mật", "mật"]
    page = client.get(
        reverse("registry:cadre_detail", args=[Cadre.objects.get(code="CB001").pk])
    ).content.decode()
    assert "Ghi chú riêng" in page and "mật" in page
    client.force_login(make_user(Role.LECTURER, tree["north"]))
    assert "Ghi chú riêng" not in read_roster(client.get(url).content, "x.xlsx").frame.columns
    page = client.get(
        reverse("registry:cadre_detail", args=[Cadre.objects.get(code="CB001").pk])
    ).content.decode()
    assert "Ghi chú riêng" not in page and "mật" not in page
