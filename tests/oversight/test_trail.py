"""The audit trail across records (issue 7): who changed what and when, filtered, and only in scope."""

from llct.accounts.audit import audit
from llct.accounts.models import Role


def test_the_trail_shows_changes_in_scope_only_with_before_and_after(client, tree, make_user, make_cadre):
    board = make_user(Role.ORG_BOARD, tree["north"], username="bantochuc")
    cadre = make_cadre(tree["new_commune"], "Nguyễn Văn An")
    audit(cadre, board, "Sửa họ tên theo CCCD")
    cadre.full_name = "Nguyễn Văn Ân"
    cadre.save()
    make_cadre(tree["south_commune"], "Trần Văn Nam")  # another province
    client.force_login(make_user(Role.INSPECTOR, tree["north"]))
    page = client.get("/audit/?kind=cadre").content.decode()
    assert "Nguyễn Văn Ân" in page and "Trần Văn Nam" not in page
    assert "<del>Nguyễn Văn An</del>" in page and "<ins>Nguyễn Văn Ân</ins>" in page
    assert "bantochuc" in page and "Sửa họ tên theo CCCD" in page
    assert "Nguyễn Văn Ân" not in client.get("/audit/?kind=cadre&who=someoneelse").content.decode()
    assert client.get("/audit/?kind=cadre&since=31/02/2025").status_code == 200  # bad dates ignored, said


def test_only_administrators_and_inspectors(client, tree, make_user):
    client.force_login(make_user(Role.ORG_BOARD, tree["north"]))
    assert client.get("/audit/").status_code == 403
    client.force_login(make_user(Role.ADMIN, tree["central"]))
    assert client.get("/audit/?kind=class").status_code == 200
