"""The HTTP API (django-ninja), published with its OpenAPI schema at /api/docs.

Every router requires a signed-in session and filters by the user's unit scope, like the web pages.
Each app contributes its router; public endpoints (credential verification) say `auth=None`. A service's
refusal (llct.errors.AppError) answers here, in one place, with its message, code, field and citation.
"""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.security import SessionAuth

from llct.errors import AppError
from llct.registry.api import router as registry_router

api = NinjaAPI(
    title="llct API",
    version="1",
    description=str(_("Đào tạo lý luận chính trị: sổ cán bộ, xét điều kiện, đào tạo và văn bằng.")),
    auth=SessionAuth(),
    urls_namespace="api",
)
api.add_router("/registry/", registry_router)
api.add_router("/credentials/", "llct.credentials.api.router")
api.add_router("/eligibility/", "llct.eligibility.api.router")
api.add_router("/training/", "llct.training.api.router")
api.add_router("/statistics", "llct.oversight.statistics.api.router")


@api.exception_handler(AppError)
def refused(request, error: AppError):
    """A refusal by a rule: 422 when it names the field whose value is refused, 400 otherwise."""
    body = {
        "message": " ".join(error.messages),
        "code": error.code,
        "field": error.field,
        "citation": error.citation,
    }
    return api.create_response(request, body, status=422 if error.field else 400)
