"""What the inspection pages share: the units a user may pick, refusals as messages, file responses."""

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from llct.registry.models import Unit
from llct.registry.scope import scoped

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def units_in_scope(user) -> QuerySet[Unit]:
    """Units of the user's scope in force today, in tree order."""
    return scoped(Unit.objects.valid_on(timezone.localdate()), user, "").order_by("path")


def refused(request: HttpRequest, error) -> None:
    messages.error(request, " ".join(error.messages))


def download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def int_or_zero(value: str | None) -> int:
    """An id typed in a URL or form, or 0 (which matches nothing) when it is not a number."""
    return int(value) if value and value.isdigit() else 0
