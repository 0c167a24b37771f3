"""Errors a user can act on. Each carries a Vietnamese message saying what was wrong and what to do."""

from llct.errors import AppError


class TrainingRuleError(AppError):
    """A rule of training (allocation, class rules, QĐ 1147 assessment) refuses the action."""


def dmy(day) -> str:
    """A date as users read it: dd/mm/yyyy."""
    return day.strftime("%d/%m/%Y")
