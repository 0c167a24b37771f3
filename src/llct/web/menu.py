"""The main menu, as data: groups of links, each shown to the roles whose work it is (not merely to those
allowed to open it), with the page names that mark it current. One list for every role; the template
renders what `menu_for(user, here)` returns."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from llct.accounts.models import Role
from llct.accounts.permissions import Action, can

EVERYONE = frozenset(Role)
BOARD = frozenset({Role.ADMIN, Role.ORG_BOARD})
INSTITUTION = frozenset({Role.ADMIN, Role.DIRECTOR, Role.ACADEMIC_OFFICER})
TEACHING = INSTITUTION | {Role.LECTURER}
OVERSIGHT = frozenset({Role.ADMIN, Role.ORG_BOARD, Role.DIRECTOR, Role.INSPECTOR})


@dataclass(frozen=True)
class Item:
    key: str  # the link's id in the page: nav-<key>
    label: Promise
    url: str  # a URL name
    roles: frozenset
    current: tuple[str, ...] = ()  # "namespace:name" (or "namespace:*") of the pages it marks current
    actions: tuple[str, ...] = ()  # besides the role, one of these the user must be allowed to do


@dataclass(frozen=True)
class Group:
    label: Promise
    items: tuple[Item, ...]


MENU: tuple[Group, ...] = (
    Group(
        _("Hồ sơ cán bộ"),
        (
            Item(
                "cadres",
                _("Cán bộ"),
                "registry:cadre_list",
                BOARD | {Role.INSPECTOR},
                (
                    "registry:cadre_list",
                    "registry:cadre_detail",
                    "registry:cadre_create",
                    "registry:cadre_edit",
                ),
            ),
            Item(
                "import",
                _("Nhập danh sách"),
                "roster:import_start",
                BOARD,
                ("roster:*",),
                (Action.EDIT_REGISTRY,),
            ),
            Item(
                "units",
                _("Đơn vị"),
                "registry:unit_tree",
                EVERYONE - {Role.LECTURER},
                ("registry:unit_tree", "registry:unit_detail"),
            ),
            Item(
                "posts",
                _("Danh mục chức vụ"),
                "registry:post_list",
                BOARD | {Role.INSPECTOR},
                ("registry:post_list", "registry:post_detail", "registry:post_create", "registry:post_edit"),
            ),
        ),
    ),
    Group(
        _("Đào tạo, bồi dưỡng"),
        (
            Item(
                "eligibility",
                _("Xét điều kiện đào tạo"),
                "eligibility:eligible_cadres",
                BOARD | {Role.INSPECTOR},
                ("eligibility:*",),
            ),
            Item(
                "plans",
                _("Kế hoạch"),
                "training:plan_list",
                BOARD | {Role.DIRECTOR, Role.INSPECTOR},
                ("training:plan_list", "training:plan_detail"),
            ),
            Item(
                "nominations",
                _("Cử đi học"),
                "training:nomination_list",
                BOARD | INSTITUTION | {Role.INSPECTOR},
                ("training:nomination_list", "training:nomination_detail"),
            ),
            Item(
                "classes",
                _("Lớp học"),
                "training:class_list",
                TEACHING | {Role.INSPECTOR, Role.ORG_BOARD},
                (
                    "training:class_list",
                    "training:class_detail",
                    "training:class_assess",
                    "training:exam_marks",
                    "training:attendance",
                ),
            ),
            Item(
                "lecturers",
                _("Giảng viên"),
                "training:lecturer_list",
                INSTITUTION | {Role.INSPECTOR},
                ("training:lecturer_list", "training:lecturer_create", "training:lecturer_edit"),
            ),
            Item(
                "programmes",
                _("Chương trình"),
                "training:programme_list",
                EVERYONE,
                ("training:programme_list",),
            ),
        ),
    ),
    Group(
        _("Văn bằng, chứng chỉ"),
        (
            Item(
                "registers",
                _("Sổ gốc văn bằng"),
                "credentials:register_list",
                INSTITUTION | {Role.INSPECTOR},
                ("credentials:*",),
            ),
            Item(
                "overdue",
                _("Chờ cấp, quá hạn cấp"),
                "credentials:overdue",
                INSTITUTION,
                ("credentials:overdue",),
                (Action.ISSUE_CREDENTIALS,),
            ),
            Item(
                "verify",
                _("Tra cứu văn bằng"),
                "credentials_public:search",
                EVERYONE,
                ("credentials_public:*",),
            ),
        ),
    ),
    Group(
        _("Thống kê, kiểm tra"),
        (
            Item(
                "statistics",
                _("Thống kê"),
                "statistics:page",
                OVERSIGHT | {Role.ACADEMIC_OFFICER},
                ("statistics:*",),
                ("view_statistics",),
            ),
            Item(
                "inspection",
                _("Kiểm tra, giám sát"),
                "inspection:overview",
                OVERSIGHT | {Role.ACADEMIC_OFFICER},
                ("inspection:*",),
                ("inspect", "answer_findings"),
            ),
            Item(
                "trail",
                _("Nhật ký thay đổi"),
                "trail:audit_trail",
                frozenset({Role.ADMIN, Role.INSPECTOR}),
                ("trail:*",),
                ("inspect",),
            ),
        ),
    ),
)


def _allowed(user, item: Item) -> bool:
    if user.role not in item.roles:
        return False
    known = {action.value for action in Action}  # actions of rooms not installed are never allowed
    return not item.actions or any(a in known and can(user, Action(a)) for a in item.actions)


def _current(items: list[Item], here: str) -> Item | None:
    """The link of the page `here` ("namespace:url_name"): the one naming it exactly, else the one
    claiming its whole namespace."""
    namespace = here.split(":", 1)[0]
    exact = [item for item in items if here in item.current]
    return (exact or [item for item in items if f"{namespace}:*" in item.current] or [None])[0]


def menu_for(user, here: str) -> list[dict]:
    """The groups and links `user` sees, each link with its address and whether it is the current page."""
    shown = [[item for item in group.items if _allowed(user, item)] for group in MENU]
    current = _current([item for items in shown for item in items], here)
    groups = []
    for group, items in zip(MENU, shown, strict=True):
        links = []
        for item in items:
            try:
                url = reverse(item.url)
            except NoReverseMatch:  # a room not installed
                continue
            links.append({"key": item.key, "label": item.label, "url": url, "current": item is current})
        if links:
            groups.append({"label": group.label, "links": links})
    return groups
