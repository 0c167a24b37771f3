"""Numbers in pages: ids, years and codes print as they are (an id of 1911 printed "1.911" broke every HTML
id and form value once a table passed a thousand rows); counts shown to people are grouped the language's
way."""

import pytest
from django.template import Context, Template
from django.utils import translation


@pytest.mark.parametrize(("language", "count"), [("vi", "150.000"), ("en", "150,000")])
def test_ids_print_plain_and_counts_grouped(language, count):
    template = Template(
        '{% load humanize %}<tr id="row-{{ pk }}"><td>{{ year }}</td><td>{{ n|intcomma }}</td>'
    )
    with translation.override(language):
        html = template.render(Context({"pk": 1911, "year": 2025, "n": 150_000}))
    assert html == f'<tr id="row-1911"><td>2025</td><td>{count}</td>'


@pytest.mark.parametrize(
    ("language", "stored", "shown"),
    [("vi", "8.50", "8,5"), ("en", "8.50", "8.5"), ("vi", "10.00", "10"), ("vi", "7.25", "7,25")],
)
def test_mark_inputs_show_marks_as_the_page_prints_them(language, stored, shown):
    """Issue 7, defect 8: the input beside "ví dụ 7,5" holds 8,5, not 8.50 — and reads it back."""
    from decimal import Decimal

    from llct.training.forms.fields import MarkField

    field = MarkField()
    with translation.override(language):
        assert field.widget.format_value(Decimal(stored)) == shown
        assert field.clean(shown) == Decimal(stored)
