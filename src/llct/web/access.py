"""The one access check of the web views: signed in, and the role allows the action. Scope is the
selectors' job (an object outside the user's subtree answers 404 there)."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from llct.accounts.permissions import Action, can


def check(user, action: Action) -> None:
    """403 unless the role of `user` may `action`: for a view whose steps need different actions (the
    page is read with Action.VIEW, a step on it needs more)."""
    if not can(user, action):
        raise PermissionDenied


def require(action: Action) -> Callable:
    """Decorate a view: anonymous users go to the login page, users whose role may not `action` get 403."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def checked(request, *args, **kwargs):
            check(request.user, action)
            return view(request, *args, **kwargs)

        return login_required(checked)

    return decorate
