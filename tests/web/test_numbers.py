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
