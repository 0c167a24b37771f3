"""The malformed-file corpus (tests/roster/malformed.py, ≥ 200 files) through the whole import: each file
gives a RosterError or a clean import (every row written, or none with its problems listed), never a crash
or a partial write. A crash of calamine would abort this very process, so the run itself is the check."""

import datetime as dt

import pytest

from llct.accounts.models import Role
from llct.registry.roster_import.services import roster_import
from llct.roster import RosterError
from tests.roster.malformed import corpus

from .conftest import counts

CORPUS = corpus()


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 200


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_malformed_file_is_refused_or_imported_whole(name, tree, posts, make_user, tmp_path):
    board = make_user(Role.ORG_BOARD, tree["north"])
    path = tmp_path / name
    path.write_bytes(CORPUS[name]())
    before = counts()
    try:
        result = roster_import(path, user=board, unit=tree["north"], on=dt.date(2026, 3, 15))
    except RosterError as error:
        assert error.message
        assert counts() == before
        return
    if result.problems:
        assert not result.written
        assert counts() == before
    else:
        assert result.written
        assert result.created + result.updated == result.total
