"""Services that write credentials; every write leaves a history row with its author, and every one
refuses (PermissionDenied) a user who may not issue for the institution (`access.require_issue`)."""

from .blanks import blank_spoil, blank_stock_receive, credential_blank_record
from .errors import CredentialError
from .issue import (
    credential_issue,
    credential_issue_class,
    issue_job_recover,
    issue_job_run,
    issue_jobs_recover,
    register_for,
)
from .lifecycle import (
    credential_certified_copy,
    credential_hand_over,
    credential_loss_report,
    credential_reissue,
    credential_revoke,
    next_working_day,
    reissue_due_on,
    working_days_after,
)

__all__ = [
    "CredentialError",
    "blank_spoil",
    "blank_stock_receive",
    "credential_blank_record",
    "credential_certified_copy",
    "credential_hand_over",
    "credential_issue",
    "credential_issue_class",
    "credential_loss_report",
    "credential_reissue",
    "credential_revoke",
    "issue_job_recover",
    "issue_job_run",
    "issue_jobs_recover",
    "next_working_day",
    "register_for",
    "reissue_due_on",
    "working_days_after",
]
