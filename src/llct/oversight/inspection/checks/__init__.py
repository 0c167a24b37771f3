"""The catalogue of inspection checks. Each module holds the checks of one subject, each check beside its
clause, and lists them in its `CHECKS`; the catalogue is the modules' lists in the issue's order. Adding a
check is adding one `Check(...)` to its module's list, and its test."""

import hashlib
import json

from . import assessment, classes, credentials, learners, lecturers, nominations, posts
from .base import Check, Clause, Offence, Period, Subtree

CHECKS: dict[str, Check] = {
    check.code: check
    for module in (classes, learners, credentials, assessment, lecturers, posts, nominations)
    for check in module.CHECKS
}


def check_get(code: str) -> Check:
    return CHECKS[code]


def catalogue_version() -> str:
    """A digest of every check's definition (code, clauses, confidence, severity, parameters): two runs
    with the same digest applied the same rules."""
    spec = [
        [c.code, c.clause_text, c.confidence, c.severity, sorted(c.object_kinds), c.parameters]
        for c in CHECKS.values()
    ]
    return hashlib.sha256(json.dumps(spec, ensure_ascii=False, default=str).encode()).hexdigest()[:12]


__all__ = ["CHECKS", "Check", "Clause", "Offence", "Period", "Subtree", "catalogue_version", "check_get"]
