"""Public verification in the API: no login, rate-limited, the same few facts as the page."""

from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema

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
    # Answered as JsonResponse, which django-ninja passes through: the schemas above document the
    # answer, and `public_view` builds exactly those fields (a test holds them equal), without paying
    # for a validation on every public request.
    if over_limit(request):
        return JsonResponse({"detail": too_many_message()}, status=429)
    credential = credential_by_key(key)
    if credential is None:
        return JsonResponse({"detail": not_found_message(key)}, status=404)
    return JsonResponse(public_view(credential))
