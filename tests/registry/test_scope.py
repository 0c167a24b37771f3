import datetime as dt

from llct.accounts.models import Role
from llct.registry.models import Cadre, Unit
from llct.registry.scope import in_scope, scoped


def test_province_user_sees_its_subtree_and_not_the_neighbour(tree, make_user, make_cadre):
    inside = make_cadre(tree["old_commune"], "Trần Thị Bình")
    outside = make_cadre(tree["south_commune"], "Lê Văn Cường")
    user = make_user(Role.ORG_BOARD, tree["north"])
    visible = set(scoped(Cadre.objects.all(), user))
    assert inside in visible
    assert outside not in visible


def test_new_commune_inherits_the_records_of_the_commune_it_replaced(tree, make_user, make_cadre):
    legacy = make_cadre(tree["old_commune"], "Phạm Văn Dũng")
    user = make_user(Role.ORG_BOARD, tree["new_commune"])
    assert list(scoped(Cadre.objects.all(), user)) == [legacy]
    assert in_scope(user, tree["old_commune"])
    assert not in_scope(user, tree["district"])


def test_user_without_unit_sees_nothing(tree, make_user, make_cadre):
    make_cadre(tree["north"])
    user = make_user(Role.INSPECTOR, tree["north"])
    user.unit = None
    assert not scoped(Cadre.objects.all(), user).exists()


def test_tree_as_it_was_on_a_date(tree):
    before = set(Unit.objects.valid_on(dt.date(2025, 6, 1)).values_list("code", flat=True))
    after = set(Unit.objects.valid_on(dt.date(2025, 9, 1)).values_list("code", flat=True))
    assert {"BS-H1", "BS-H1-X1"} <= before and "BS-X1" not in before
    assert {"BS-X1", "BS-TTCT1"} <= after and "BS-H1" not in after
