"""A POST to a page whose steps the role may not take answers 403 before any form is read or any
redirect is given (issue 12, item 11)."""

import pytest
from django.urls import reverse

from llct.accounts.models import Role
from llct.training.models import TrainingPlan


@pytest.mark.parametrize("step", ["", "nonsense", "open", "finish"])
def test_an_inspector_posting_to_a_class_page_gets_403(step, commune_class, users, client):
    klass = commune_class()
    client.force_login(users["inspector"])
    response = client.post(reverse("training:class_detail", args=[klass.pk]), {"step": step})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("role", "step"),
    [(Role.INSPECTOR, "approve"), (Role.INSPECTOR, ""), (Role.LECTURER, "quota"), (Role.DIRECTOR, "quota")],
)
def test_a_role_that_may_not_take_a_plan_step_gets_403(role, step, tree, make_user, client):
    plan = TrainingPlan.objects.create(unit=tree["north"], year=2026)
    client.force_login(make_user(role, tree["north"]))
    response = client.post(reverse("training:plan_detail", args=[plan.pk]), {"step": step})
    assert response.status_code == 403


def test_a_role_that_may_take_a_step_still_gets_the_page_back(tree, users, client):
    plan = TrainingPlan.objects.create(unit=tree["north"], year=2026)
    client.force_login(users["board"])
    response = client.post(reverse("training:plan_detail", args=[plan.pk]), {"step": "nonsense"})
    assert response.status_code == 302
