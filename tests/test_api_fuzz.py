"""Fuzzing the API from its own OpenAPI schema (schemathesis, a small budget so that it runs in CI): no
answer is a 5xx, and every answer is one the schema documents (issue 12, item 4)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from llct.accounts.models import Role
from llct.api import api

EXAMPLES = 12  # per operation


@pytest.fixture
def signed_in(tree, make_user, make_cadre):
    """Cookies and header of a signed-in administrator of Bắc Sơn, with a CSRF token for the POSTs; one
    cadre in the registry."""
    make_cadre(tree["north"], "Nguyễn Văn Mờ", citizen_id="001085012345")
    client = Client()
    client.force_login(make_user(Role.ADMIN, tree["north"]))
    client.get("/login/")
    token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else ""
    cookies = {name: morsel.value for name, morsel in client.cookies.items()}
    return cookies, {"X-CSRFToken": token}


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = get_wsgi_application()


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
@pytest.mark.skipif(
    connection.vendor == "postgresql",
    reason="on PostgreSQL the fuzzed session breaks the test connection ('connection is closed'): open",
)
def test_no_answer_is_a_server_error_or_undocumented(case, signed_in):
    cookies, headers = signed_in
    case.call_and_validate(
        cookies=cookies, headers=headers, checks=[not_a_server_error, status_code_conformance]
    )
