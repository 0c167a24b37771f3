"""Writing the history: one bulk insert per model, parents first, each row with its audit row dated the
day it happened and naming who did it (`History.add`); creation times the models stamp themselves
(`auto_now_add`) keep the day of the history instead of the day of the load."""

from __future__ import annotations

from contextlib import contextmanager

from simple_history.utils import bulk_create_with_history

from llct.credentials.models import Blank, BlankStock, CertificateRegister, Credential, RegisterYear
from llct.training.models import (
    Appeal,
    Attendance,
    Enrolment,
    Essay,
    Lecturer,
    Mark,
    Nomination,
    NominationLog,
    PlanQuota,
    RecognitionDecision,
    Session,
    TrainingClass,
    TrainingPlan,
)

from .context import History

BATCH = 2000
# The roll call of past sessions: one row per learner and session (most of the history's rows), loaded
# as the sheets a centre hands over, without an audit row each; later changes are audited as usual.
UNAUDITED = (Attendance,)
CHANGE_REASON = "Dữ liệu trình diễn: quá trình đào tạo 2019–nay"
ORDER = (
    Lecturer,
    TrainingPlan,
    PlanQuota,
    TrainingClass,
    Nomination,
    NominationLog,
    Enrolment,
    Session,
    Attendance,
    Essay,
    Appeal,
    Mark,
    RecognitionDecision,
    RecognitionDecision.enrolments.through,
    CertificateRegister,
    RegisterYear,
    Credential,
    BlankStock,
    Blank,
)


@contextmanager
def _stamped_by_us(model):
    """Let rows keep the creation time they were given: `auto_now_add` would overwrite it on insert."""
    fields = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    for f in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in fields:
            f.auto_now_add = True


def history_write(history: History) -> dict[str, int]:
    """Insert every queued row; returns the number of rows per model."""
    counts = {}
    for model in ORDER:
        rows = history.rows.get(model, [])
        if not rows:
            continue
        with _stamped_by_us(model):
            if _audited(model):
                bulk_create_with_history(rows, model, batch_size=BATCH, default_change_reason=CHANGE_REASON)
            else:
                model.objects.bulk_create(rows, batch_size=BATCH)
        counts[model._meta.model_name] = len(rows)
    return counts


def _audited(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute") and model not in UNAUDITED
