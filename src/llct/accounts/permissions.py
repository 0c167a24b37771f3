"""What each role may do. One table, read by views, the API and templates alike."""

from enum import StrEnum

from .models import Role


class Action(StrEnum):
    VIEW = "view"
    SEE_PERSONAL_DATA = "see_personal_data"  # unmasked citizen ID and full birth date
    EDIT_REGISTRY = "edit_registry"  # cadres, assignments, planning, ratings, roster import
    EDIT_CATALOGUE = "edit_catalogue"  # post catalogue, units, regulation versions
    RECORD_SPECIAL_CASE = "record_special_case"
    MANAGE_NOMINATIONS = "manage_nominations"
    RUN_TRAINING = "run_training"  # classes, sessions, attendance
    ENTER_MARKS = "enter_marks"
    ISSUE_CREDENTIALS = "issue_credentials"
    APPROVE = "approve"  # plans, nominations, recognition decisions
    VIEW_STATISTICS = "view_statistics"  # statistics, standard reports, their exports
    RECORD_BRIEFING = "record_briefing"  # briefings and resolution-study conferences, by headcount
    INSPECT = "inspect"  # run checks, decide on findings, inspection plans and conclusions
    ANSWER_FINDINGS = "answer_findings"  # explain a finding of one's unit, report its remediation


_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.ORG_BOARD: frozenset(
        {
            Action.VIEW,
            Action.SEE_PERSONAL_DATA,
            Action.EDIT_REGISTRY,
            Action.RECORD_SPECIAL_CASE,
            Action.MANAGE_NOMINATIONS,
            Action.APPROVE,
            Action.VIEW_STATISTICS,
            Action.RECORD_BRIEFING,
            Action.ANSWER_FINDINGS,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            Action.VIEW,
            Action.SEE_PERSONAL_DATA,
            Action.RUN_TRAINING,
            Action.ENTER_MARKS,
            Action.ISSUE_CREDENTIALS,
            Action.APPROVE,
            Action.VIEW_STATISTICS,
            Action.RECORD_BRIEFING,
            Action.ANSWER_FINDINGS,
        }
    ),
    Role.ACADEMIC_OFFICER: frozenset(
        {
            Action.VIEW,
            Action.SEE_PERSONAL_DATA,
            Action.RUN_TRAINING,
            Action.ENTER_MARKS,
            Action.ISSUE_CREDENTIALS,
            Action.VIEW_STATISTICS,
            Action.RECORD_BRIEFING,
            Action.ANSWER_FINDINGS,
        }
    ),
    Role.LECTURER: frozenset({Action.VIEW, Action.ENTER_MARKS}),
    Role.INSPECTOR: frozenset({Action.VIEW, Action.VIEW_STATISTICS, Action.INSPECT}),
}


def can(user, action: Action) -> bool:
    """Whether a signed-in user's role allows `action` (scope is checked separately, by the selectors)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return action in _ALLOWED.get(Role(user.role), frozenset())
