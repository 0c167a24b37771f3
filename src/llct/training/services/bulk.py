"""Work on many at once, as one does it from a list: nominate the cadres ticked on the eligible list, take
one step (submit, approve, reject) on the nominations ticked. Each row is its own unit of work: a row the
rules refuse (no quota left, not eligible, not one's own to approve) is reported with its reason and does
not undo the others — unlike an import, whose rows stand or fall together."""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from llct.registry.models import Cadre
from llct.training.models import Nomination, Programme

from .nominations import nomination_create, nomination_transition


@dataclass(frozen=True)
class RowOutcome:
    name: str  # the cadre's name, as the row is shown
    code: str
    done: bool
    message: str
    nomination: Nomination | None = None


def _each(rows: Iterable, describe: Callable, work: Callable) -> list[RowOutcome]:
    outcomes = []
    for row in rows:
        cadre = describe(row)
        try:
            with transaction.atomic():
                nomination, message = work(row)
        except ValidationError as error:
            outcomes.append(RowOutcome(cadre.full_name, cadre.code, False, " ".join(error.messages)))
        except PermissionDenied:
            outcomes.append(
                RowOutcome(cadre.full_name, cadre.code, False, _("Không có quyền với hồ sơ này."))
            )
        else:
            outcomes.append(RowOutcome(cadre.full_name, cadre.code, True, message, nomination))
    return outcomes


def nominations_create_many(
    cadres: Iterable[Cadre], *, programme: Programme, nominated_on: dt.date, mode: str = "", by
) -> list[RowOutcome]:
    """One nomination per cadre, sent by the cadre's managing unit; the quota is checked row by row, so the
    rows beyond it are refused with the quota's message."""

    def nominate(cadre: Cadre):
        nomination = nomination_create(
            cadre=cadre,
            programme=programme,
            sending_unit=cadre.unit,
            nominated_on=nominated_on,
            mode=mode,
            by=by,
        )
        return nomination, _("Đã lập hồ sơ (bản nháp).")

    return _each(cadres, lambda cadre: cadre, nominate)


def nominations_transition_many(
    nominations: Iterable[Nomination], name: str, *, by, reason: str = ""
) -> list[RowOutcome]:
    """Take the step `name` on each nomination (a reason, when the step needs one, applies to all)."""

    def step(nomination: Nomination):
        done = nomination_transition(nomination, name, by=by, reason=reason)
        return done, done.get_status_display()

    return _each(nominations, lambda nomination: nomination.cadre, step)
