"""Who may write credentials: a role that issues them (director, academic officer, administrator) and the
issuing institution inside the user's unit scope, as the training services check `RUN_TRAINING`."""

from django.core.exceptions import PermissionDenied

from llct.accounts.permissions import Action, can
from llct.registry.scope import in_scope


def require_issue(by, institution) -> None:
    """Refuse (PermissionDenied, 403 in the views) a user whose role does not issue credentials or whose
    scope does not contain the issuing institution."""
    if not can(by, Action.ISSUE_CREDENTIALS) or not in_scope(by, institution):
        raise PermissionDenied
