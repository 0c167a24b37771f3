"""The work queue of the home page ("Việc cần làm"): what waits for the signed-in user, each entry a count
and a link to the list of the records it counts, filtered the same way, with the nearest deadline where
the regulations set one. Each entry reads its own app's selectors, cut to the user's scope."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action, can
from llct.credentials import selectors as credential_selectors
from llct.registry.roster_import.models import ImportJob
from llct.registry.scope import scoped
from llct.training import selectors as training_selectors
from llct.training.choices import NominationStatus
from llct.training.services.assessment import rules


@dataclass(frozen=True)
class Task:
    key: str
    text: str  # what waits, with its count
    count: int
    url: str
    due: dt.date | None = None  # the nearest deadline, when the regulations set one

    @property
    def late(self) -> bool:
        return self.due is not None and self.due < timezone.localdate()


def _nominations(user, today) -> Task | None:
    if not can(user, Action.APPROVE):
        return None
    waiting = training_selectors.nomination_list(user).filter(status=NominationStatus.SUBMITTED)
    # who submitted a nomination may not approve it (segregation of duties): not their work
    n = waiting.exclude(log__to_status=NominationStatus.SUBMITTED, log__by=user).distinct().count()
    return Task(
        "nominations",
        _("%(n)s hồ sơ cử đi học chờ duyệt") % {"n": n},
        n,
        reverse("training:nomination_list") + f"?status={NominationStatus.SUBMITTED}",
    )


# Who the class work waits for: the roles allowed every one of these (signing the recognition decision is
# the institution director's, who approves and issues; a board approves plans but issues nothing).
_CLASS_WORK_ACTIONS = {
    "essays": (Action.ENTER_MARKS,),
    "publish": (Action.RUN_TRAINING,),
    "decide": (Action.ENTER_MARKS,),
    "recognise": (Action.APPROVE, Action.ISSUE_CREDENTIALS),
}
# The deadline of each kind of class work, from the day it began (QĐ 1147), when the rules set one.
_CLASS_WORK_DUE = {
    "essays": ("essays_received_on", rules.hand_in_due),
    "publish": ("marks_handed_in_on", rules.publish_due),
}


def _class_work(work: str) -> Callable:
    def queue(user, today) -> Task | None:
        if not all(can(user, action) for action in _CLASS_WORK_ACTIONS[work]):
            return None
        classes = training_selectors.classes_waiting(user, work, today)
        due = None
        if work in _CLASS_WORK_DUE:
            started, deadline = _CLASS_WORK_DUE[work]
            first = classes.aggregate(first=Min(started))["first"]
            due = deadline(first) if first else None
        n = classes.count()
        label = training_selectors.CLASS_WORK[work][0]
        return Task(
            work,
            _("%(label)s: %(n)s lớp") % {"label": label, "n": n},
            n,
            reverse("training:class_list") + f"?work={work}",
            due,
        )

    return queue


def _credentials_to_issue(user, today) -> Task | None:
    if not can(user, Action.ISSUE_CREDENTIALS):
        return None
    pending = credential_selectors.credentials_pending(user)
    first = pending.aggregate(first=Min("recognised_on"))["first"]
    n = pending.count()
    return Task(
        "issue",
        _("%(n)s học viên đã được công nhận, chưa được cấp văn bằng, chứng chỉ") % {"n": n},
        n,
        reverse("credentials:overdue") + "?all=1",
        credential_selectors.issue_due(first) if first else None,
    )


def _imports_unconfirmed(user, today) -> Task | None:
    if not can(user, Action.EDIT_REGISTRY):
        return None
    n = scoped(ImportJob.objects.filter(state=ImportJob.State.VALID), user).count()
    return Task(
        "imports",
        _("%(n)s lần nhập danh sách hợp lệ, chờ xác nhận") % {"n": n},
        n,
        reverse("roster:import_start"),
    )


QUEUES: tuple[Callable, ...] = (
    _nominations,
    *(_class_work(work) for work in training_selectors.CLASS_WORK),
    _credentials_to_issue,
    _imports_unconfirmed,
)


def work_for(user) -> list[Task]:
    """What waits for `user`, only the entries with something in them."""
    today = timezone.localdate()
    tasks = (queue(user, today) for queue in QUEUES)
    return [task for task in tasks if task is not None and task.count]
