"""Template helpers of the main navigation and the home page: what the user's role may do, and a short
count of the training in their scope."""

from django import template

from llct.accounts.permissions import Action, can
from llct.training import selectors
from llct.training.choices import ClassStatus, NominationStatus

register = template.Library()


@register.filter
def may(user, action: str) -> bool:
    """`{% if user|may:"run_training" %}`: whether the user's role allows the action (Action's value)."""
    return can(user, Action(action))


@register.simple_tag
def training_summary(user) -> dict:
    """Classes running and nominations waiting for approval in the user's scope (the home page)."""
    return {
        "classes_running": selectors.class_list(user).filter(status=ClassStatus.IN_PROGRESS).count(),
        "nominations_waiting": selectors.nomination_list(user)
        .filter(status=NominationStatus.SUBMITTED)
        .count(),
    }
