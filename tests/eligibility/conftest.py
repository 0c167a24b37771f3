"""Fixtures of the eligibility tests: the shipped rules seeded into the test database."""

import pytest

from llct.eligibility.services.rulebook import rulebook_invalidate, rulebook_seed


@pytest.fixture
def seeded(db):
    rulebook_invalidate()
    report = rulebook_seed()
    yield report
    rulebook_invalidate()
