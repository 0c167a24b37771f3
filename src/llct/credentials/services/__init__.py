"""Services that write credentials; every write leaves a history row with its author."""

from .issue import CredentialError, credential_issue, credential_issue_class, issue_job_run, register_for
from .lifecycle import credential_certified_copy, credential_reissue, credential_revoke, next_working_day

__all__ = [
    "CredentialError",
    "credential_certified_copy",
    "credential_issue",
    "credential_issue_class",
    "credential_reissue",
    "credential_revoke",
    "issue_job_run",
    "next_working_day",
    "register_for",
]
