"""Errors a user can act on. Each carries a Vietnamese message saying what was wrong and what to do."""

from django.core.exceptions import ValidationError


class TrainingRuleError(ValidationError):
    """A rule of the regulations or of the process refuses the action; `citation` names the rule and
    `field` the form field the message belongs to (None: the form as a whole)."""

    def __init__(self, message, citation: str = "", code: str = "rule", field: str | None = None):
        text = f"{message} ({citation})" if citation else str(message)
        super().__init__(text, code=code)
        self.citation = citation
        self.field = field


def audit(obj, by, reason: str = ""):
    """Mark `obj` so its next save lands in the audit trail with its author and reason."""
    if by is not None:
        obj._history_user = by
    if reason:
        obj._change_reason = reason
    return obj


def dmy(day) -> str:
    """A date as users read it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")
