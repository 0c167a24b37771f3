"""The audit trail's one entry point: who made a change and why, attached to the record before it is saved."""


def audit(obj, by, reason: str = ""):
    """Mark `obj` so its next save lands in the audit trail (django-simple-history) with its author and
    reason. Returns `obj`, so it can wrap the object being saved: `audit(cadre, user, "…").save()`."""
    if by is not None:
        obj._history_user = by
    if reason:
        obj._change_reason = reason
    return obj
