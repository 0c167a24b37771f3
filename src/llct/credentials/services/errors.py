"""The refusal every credential service raises, with a message the user can act on."""

from llct.errors import AppError


class CredentialError(AppError):
    """A rule of issuing or of a document's life refuses the action; `existing` is the credential already
    issued, when that is the cause."""

    def __init__(self, message, existing=None, **kwargs):
        super().__init__(message, **kwargs)
        self.existing = existing
