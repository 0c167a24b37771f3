"""One demo account per role, each attached to the unit whose subtree it may see; and the accounts the
loaders act as (no password: nobody signs in with them), so that every write of the demo is audited."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from llct.accounts.models import Role, User
from llct.registry.models import Unit

from .tree import DemoTree

DEMO_PASSWORD = "llct-demo-2025"
DEMO_OPERATOR = "demo.daotao"  # drafts, records and issues
DEMO_APPROVER = "demo.pheduyet"  # approves what the operator drafted (segregation of duties)


@dataclass(frozen=True)
class DemoAccount:
    """What `llct demo` prints for an account."""

    username: str
    password: str
    role: str  # the role's label, as users read it
    unit: str


# (username, role, the tree's unit it is attached to)
_ACCOUNTS: tuple[tuple[str, Role, Callable[[DemoTree], Unit]], ...] = (
    ("admin", Role.ADMIN, lambda t: t.central),
    ("bantochuc.tinh", Role.ORG_BOARD, lambda t: t.merged),
    ("giamdoc.truong", Role.DIRECTOR, lambda t: t.school),
    ("giaovu.truong", Role.ACADEMIC_OFFICER, lambda t: t.school),
    ("giangvien.truong", Role.LECTURER, lambda t: t.school),
    ("kiemtra.tinh", Role.INSPECTOR, lambda t: t.merged),
    ("bantochuc.xa", Role.ORG_BOARD, lambda t: t.communes[0]),
)
DEMO_USERNAMES: tuple[str, ...] = tuple(username for username, _, _ in _ACCOUNTS)


def demo_users_create(tree: DemoTree) -> list[DemoAccount]:
    """Create the demo accounts (password DEMO_PASSWORD): an administrator (superuser, central), the
    organisation board and an inspector of the merged province, the director, academic officer and a
    lecturer of its political school, and the organisation board of one commune."""
    accounts = []
    for username, role, unit_of in _ACCOUNTS:
        unit = unit_of(tree)
        if role == Role.ADMIN:
            User.objects.create_superuser(username=username, password=DEMO_PASSWORD, role=role, unit=unit)
        else:
            User.objects.create_user(username=username, password=DEMO_PASSWORD, role=role, unit=unit)
        accounts.append(DemoAccount(username, DEMO_PASSWORD, str(role.label), unit.name))
    return accounts


def demo_accounts(users: Iterable[User]) -> list[User]:
    """The demo accounts among `users`, in the order they are introduced."""
    found = {u.username: u for u in users if u.username in DEMO_USERNAMES}
    return [found[name] for name in DEMO_USERNAMES if name in found]


def demo_actor(username: str, role: Role, unit: Unit, name: str) -> User:
    """An account the demo acts as, created on first use."""
    defaults = {"role": role, "unit": unit, "first_name": name}
    return User.objects.get_or_create(username=username, defaults=defaults)[0]


def demo_operator() -> User:
    """The demo's operator: an administrator of the whole tree (the first root unit)."""
    root = Unit.objects.filter(depth=1).order_by("path").first()
    return demo_actor(DEMO_OPERATOR, Role.ADMIN, root, "Dữ liệu mẫu")


def demo_approver() -> User:
    """The account that approves the operator's plans and nominations, also of the whole tree."""
    operator = demo_operator()
    return demo_actor(DEMO_APPROVER, Role.ADMIN, operator.unit, "Người phê duyệt (dữ liệu mẫu)")
