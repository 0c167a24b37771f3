"""The refusal every credential service raises, with a message the user can act on."""


class CredentialError(Exception):
    """A refusal the user can act on; `existing` is the credential already issued, when that is the cause."""

    def __init__(self, message: str, existing=None):
        super().__init__(message)
        self.message = message
        self.existing = existing
