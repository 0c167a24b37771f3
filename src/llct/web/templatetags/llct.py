"""Template filters shared by every page: personal data masking and Vietnamese dates."""

import datetime as dt

from django import template

from llct.registry.masking import mask_birth_date, mask_citizen_id
from llct.web.menu import menu_for

register = template.Library()


@register.filter
def citizen_id(value: str | None, show_personal: bool) -> str:
    """The citizen ID in full for roles allowed to see personal data, otherwise masked."""
    shown = value if show_personal else mask_citizen_id(value)
    return shown or "—"


@register.filter
def birth_date(value: dt.date | None, show_personal: bool) -> str:
    """The birth date (dd/mm/yyyy) for roles allowed to see personal data, otherwise the year only."""
    if not value:
        return "—"
    return f"{value:%d/%m/%Y}" if show_personal else (mask_birth_date(value) or "—")


@register.filter
def dmy(value: dt.date | None) -> str:
    """A date as dd/mm/yyyy, or a dash when there is none."""
    return f"{value:%d/%m/%Y}" if value else "—"


@register.simple_tag
def main_menu(user, request) -> list[dict]:
    """The menu groups of the user's role (llct.web.menu), the current page's link marked."""
    match = getattr(request, "resolver_match", None)
    here = f"{match.namespace}:{match.url_name}" if match else ""
    return menu_for(user, here)
