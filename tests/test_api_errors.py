"""A service's refusal reaches an API client in one shape, whichever app raised it."""

import json

import pytest
from django.test import RequestFactory

from llct.api import api
from llct.credentials.services import CredentialError
from llct.training.services.errors import TrainingRuleError


def _answer(error):
    response = api.on_exception(RequestFactory().post("/api/training/"), error)
    return response.status_code, json.loads(response.content)


def test_a_refusal_naming_a_field_answers_422_with_message_code_field_and_citation():
    error = TrainingRuleError(
        "Ghi lý do kỷ luật.", citation="QĐ 1147 Điều 18", code="reason_required", field="reason"
    )
    status, body = _answer(error)
    assert status == 422
    assert body == {
        "message": "Ghi lý do kỷ luật. (QĐ 1147 Điều 18)",
        "code": "reason_required",
        "field": "reason",
        "citation": "QĐ 1147 Điều 18",
    }


def test_a_credentials_refusal_without_a_field_answers_400_in_the_same_shape():
    status, body = _answer(CredentialError("Cần ghi cơ quan hoặc văn bản quyết định thu hồi."))
    assert status == 400
    assert body == {
        "message": "Cần ghi cơ quan hoặc văn bản quyết định thu hồi.",
        "code": "rule",
        "field": None,
        "citation": "",
    }


def test_other_errors_are_not_taken_for_refusals():
    with pytest.raises(KeyError):
        api.on_exception(RequestFactory().get("/api/"), KeyError("x"))
