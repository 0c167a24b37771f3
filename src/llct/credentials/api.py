"""Public verification in the API: no login, rate-limited, the same few facts as the page."""

from django.http import HttpRequest, JsonResponse
from ninja import Router, Schema

from llct.credentials.verification import verification_answer

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
    response={200: VerificationOut, 400: MessageOut, 404: MessageOut, 429: MessageOut},
    summary="Xác minh văn bằng, chứng chỉ",
)
def verify(request: HttpRequest, key: str, proof: str = ""):
    """Look a document up by its QR token, or by its serial with `proof` (the holder's birth year or the
    verification code printed on it): holder, programme or level, institution, year and status (valid /
    revoked) only."""
    # Answered as JsonResponse, which django-ninja passes through: the schemas above document the
    # answer, and `public_view` builds exactly those fields (a test holds them equal), without paying
    # for a validation on every public request.
    status, answer = verification_answer(request, key, proof)
    return JsonResponse(answer if status == 200 else {"detail": answer}, status=status)
