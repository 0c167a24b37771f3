"""How personal data looks to roles that do not need it."""

import datetime as dt


def mask_citizen_id(value: str | None) -> str | None:
    """Only the last 3 digits stay readable: enough to tell two people apart on a list."""
    if not value:
        return value
    return "•" * (len(value) - 3) + value[-3:]


def mask_birth_date(value: dt.date | None) -> str | None:
    """The birth year only."""
    return str(value.year) if value else None
