"""The application's one error: a refusal a user can act on.

Every service raises `AppError` (or a subclass) with a Vietnamese message that says what was wrong and what
to do, the rule's citation when a regulation refuses, and the form field it belongs to; the web maps it to a
form error or a message, the API to a 4xx answer with the same fields.
"""

from django.core.exceptions import ValidationError


class AppError(ValidationError):
    """A rule of the regulations or of the process refuses the action; `citation` names the rule and
    `field` the form field the message belongs to (None: the form as a whole)."""

    def __init__(self, message, citation: str = "", code: str = "rule", field: str | None = None):
        text = f"{message} ({citation})" if citation else str(message)
        super().__init__(text, code=code)
        self.citation = citation
        self.field = field
