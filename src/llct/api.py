"""The HTTP API (django-ninja), published with its OpenAPI schema at /api/docs.

Every router requires a signed-in session and filters by the user's unit scope, like the web pages.
Each app contributes its router; public endpoints (credential verification) say `auth=None`. A service's
refusal (llct.errors.AppError) answers here, in one place, with its message, code, field and citation.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.security import SessionAuth

from llct.errors import AppError
from llct.registry.api import router as registry_router

# The answers besides success that every operation may give, documented in the schema (issue 12): 401
# without a session, 403 a refused role or CSRF token, 404 an object outside the scope or absent, 422 a
# parameter refused with its reason, 400 a refusal by a rule.
_ERRORS = {
    "400": _("Việc bị một quy định từ chối: message, code, field, citation."),
    "401": _("Chưa đăng nhập."),
    "403": _("Vai trò không được làm việc này, hoặc thiếu mã CSRF."),
    "404": _("Không có đối tượng này trong phạm vi của người dùng."),
    "422": _("Tham số hoặc nội dung không hợp lệ; detail nói lý do."),
}


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The schema with each operation's error answers: 404 where a path names an object, 422 where
        there is anything to refuse, 401 and 403 where a session is needed, 400 on the changes."""
        schema = super().get_openapi_schema(**kwargs)
        for path, operations in schema["paths"].items():
            for method, operation in operations.items():
                codes = []
                if "{" in path:
                    codes.append("404")
                if operation.get("parameters") or "requestBody" in operation:
                    codes.append("422")
                if operation.get("security"):
                    codes += ["401", "403"]
                if method != "get":
                    codes.append("400")
                for code in codes:
                    operation["responses"].setdefault(code, {"description": str(_ERRORS[code])})
        return schema


api = DocumentedAPI(
    title="llct API",
    version="1",
    description=str(_("Đào tạo lý luận chính trị: sổ cán bộ, xét điều kiện, đào tạo và văn bằng.")),
    auth=SessionAuth(),
    urls_namespace="api",
    # In production the schema and its docs are for signed-in users only.
    docs_decorator=login_required if settings.PRODUCTION else None,
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
