"""Public verification in the API: no login, rate-limited, the same few facts as the page."""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from llct.credentials.selectors import credential_by_key
from llct.credentials.verification import not_found_message, over_limit, public_view, too_many_message

router = Router(tags=["credentials"])


class VerificationOut(Schema):
    serial: str
    holder: str
    programme: str
    level: str
    institution: str
    year: int
    status: str
    status_label: str


class MessageOut(Schema):
    detail: str


@router.get(
    "/verify/{path:key}",
    auth=None,
    response={200: VerificationOut, 404: MessageOut, 429: MessageOut},
    summary="Xác minh văn bằng, chứng chỉ",
)
def verify(request: HttpRequest, key: str):
    """Look a document up by its serial or QR token: holder, programme or level, institution, year and
    status (valid / revoked) only."""
    if over_limit(request):
        return Status(429, {"detail": too_many_message()})
    credential = credential_by_key(key)
    if credential is None:
        return Status(404, {"detail": not_found_message(key)})
    return Status(200, public_view(credential))
