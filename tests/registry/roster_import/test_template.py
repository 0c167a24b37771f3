"""The roster template of the import page: the columns, an example row the reader accepts, a guide."""

from llct.accounts.models import Role
from llct.roster import HEADERS, read_roster


def test_the_template_is_a_roster_the_reader_accepts(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    page = client.get("/roster/import/").content.decode()
    assert 'id="roster-template"' in page and 'id="imports-empty"' in page
    response = client.get("/roster/import/mau.xlsx")
    assert response.status_code == 200 and "mau-danh-sach-can-bo.xlsx" in response["Content-Disposition"]
    read = read_roster(response.content, "mau.xlsx")
    assert read.problems == []
    assert read.frame.height == 1 and read.frame["full_name"].to_list() == ["Nguyễn Thị Hoa"]
    assert set(HEADERS) <= set(read.frame.columns)


def test_only_who_imports_gets_the_template(client, tree, make_user):
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    assert client.get("/roster/import/mau.xlsx").status_code == 403
