"""The `limit` and `offset` of every API list endpoint: checked in one place, so that a negative or huge
value answers 422 with the reason instead of reaching the database (where it answered 500)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja.errors import HttpError

MAX_LIMIT = 500  # a larger limit gives MAX_LIMIT rows
MAX_OFFSET = 100_000_000  # beyond any list of the registry, and within every database's integers


def api_page(rows: QuerySet, limit: int, offset: int) -> QuerySet:
    """`limit` rows (at least 1; more than MAX_LIMIT gives MAX_LIMIT) of `rows` from `offset` (0 to
    MAX_OFFSET); HttpError 422 naming the parameter and the value sent otherwise."""
    if limit < 1:
        raise HttpError(
            422,
            _("Tham số limit phải là số nguyên dương (tối đa %(max)s một lần; đã gửi %(value)s).")
            % {"max": MAX_LIMIT, "value": limit},
        )
    if not 0 <= offset <= MAX_OFFSET:
        raise HttpError(
            422,
            _("Tham số offset phải là số nguyên từ 0 đến %(max)s (đã gửi %(value)s).")
            % {"max": MAX_OFFSET, "value": offset},
        )
    return rows[offset : offset + min(limit, MAX_LIMIT)]
