"""Dates typed dd/mm/yyyy: a clear message for a day that does not exist."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError


def test_an_impossible_day_is_named_not_called_a_wrong_format():
    """Issue 7, defect 9: 31/02/1988 is well typed; the day does not exist."""
    from llct.web.forms import DateField

    field = DateField()
    with pytest.raises(ValidationError) as impossible:
        field.clean("31/02/1988")
    assert "không có thật" in impossible.value.messages[0] and "02" in impossible.value.messages[0]
    with pytest.raises(ValidationError) as wrong:
        field.clean("1988.02.31x")
    assert "dd/mm/yyyy" in wrong.value.messages[0]
    assert field.clean("29/02/1988") == dt.date(1988, 2, 29)
