"""The two-ended paginator gives exactly the pages Django's Paginator gives."""

import pytest
from django.core.paginator import Paginator

from llct.registry.models import Unit
from llct.web.paging import TwoEndedPaginator


@pytest.mark.parametrize("per_page", [1, 2, 3, 4, 9, 10, 11])
@pytest.mark.parametrize("orphans", [0, 1, 2])
def test_same_pages_as_django(tree, per_page, orphans):
    units = Unit.objects.order_by("name", "pk")
    plain, two_ended = Paginator(units, per_page, orphans), TwoEndedPaginator(units, per_page, orphans)
    assert two_ended.num_pages == plain.num_pages
    for number in plain.page_range:
        assert list(two_ended.page(number)) == list(plain.page(number)), number
