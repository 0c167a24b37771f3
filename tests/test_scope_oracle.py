"""The scope matrix's counterpart for messages: no message of the roster import check names or confirms a
record outside the importer's scope (issue 12, item 2). Every message that can mention another record is
tried with that record inside the scope (it may be named) and outside it (one message, naming nothing)."""

import datetime as dt

import pytest

from llct.accounts.models import Role
from llct.registry.roster_import.services import roster_import

HEADER = "Mã cán bộ,Họ và tên,Số CCCD,Ngày sinh,Giới tính"
OTHER_CID, OTHER_CODE, OTHER_NAME = "001085099999", "NH777", "Người Nam Hà"


def check(rows: list[str], user, unit):
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    return roster_import(data, "ds.csv", user=user, unit=unit, dry_run=True, on=dt.date(2026, 3, 15)).problems


@pytest.fixture
def world(tree, make_user, make_cadre):
    board = make_user(Role.ORG_BOARD, tree["north"])
    make_cadre(tree["north"], "Trần Văn Trong", code="BS001", citizen_id="001085011111")
    return board


ROWS = {
    "its code": f"{OTHER_CODE},Ai đó,,17/05/1985,Nam",
    "its citizen ID under a new code": f"BS900,Ai đó,{OTHER_CID},17/05/1985,Nam",
    "its citizen ID under the code of a visible cadre": f"BS001,Trần Văn Trong,{OTHER_CID},17/05/1985,Nam",
    "its code and its citizen ID": f"{OTHER_CODE},Ai đó,{OTHER_CID},17/05/1985,Nam",
}


@pytest.mark.parametrize("where", ["south", "south_commune"])
def test_a_record_outside_the_scope_is_neither_named_nor_confirmed(where, tree, world, make_cadre):
    make_cadre(tree[where], OTHER_NAME, code=OTHER_CODE, citizen_id=OTHER_CID)
    reasons = set()
    for row in ROWS.values():
        problems = check([row], world, tree["north"])
        assert len(problems) == 1
        problem = problems[0]
        assert problem.column == "Mã cán bộ"  # the same column whichever field matched
        for secret in (OTHER_CODE, OTHER_NAME, "Nam Hà", "ngoài phạm vi"):
            assert secret not in problem.reason
        reasons.add(problem.reason)
    assert len(reasons) == 1
    assert "quản trị viên" in reasons.pop()


def test_a_record_inside_the_scope_may_be_named(tree, world, make_cadre):
    make_cadre(tree["new_commune"], "Lê Văn Thấy", code="BS002", citizen_id=OTHER_CID)
    problems = check([ROWS["its citizen ID under the code of a visible cadre"]], world, tree["north"])
    assert [p.column for p in problems] == ["Số CCCD"]
    assert "BS002" in problems[0].reason
    twice = check(["BS002,Lê Văn Thấy,,17/05/1985,Nam", f"BS901,Lê Văn Thấy,{OTHER_CID},17/05/1985,Nam"],
                  world, tree["north"])  # fmt: skip
    assert any("BS002" in p.reason for p in twice)


def test_the_hidden_conflict_is_the_same_whoever_is_hidden(tree, make_user, make_cadre):
    """From the other province's side the message is the same one: it depends on nothing but visibility."""
    make_cadre(tree["north"], "Trần Văn Trong", code="BS001", citizen_id="001085011111")
    board = make_user(Role.ORG_BOARD, tree["south"])
    north_side = check(["BS001,Ai đó,,17/05/1985,Nam"], board, tree["south"])
    assert len(north_side) == 1
    assert "BS001" not in north_side[0].reason and "Trần" not in north_side[0].reason
