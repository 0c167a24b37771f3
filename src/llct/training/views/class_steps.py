"""The steps taken on a class's page, one handler each: `STEPS[name] = (action, form class or None, call)`.

A step with a form re-renders the page with the form's field errors when the input or the service
refuses (nothing is written); a step without a form redirects back with a message."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.utils import timezone
from django.utils.translation import gettext as _

from llct.accounts.permissions import Action
from llct.training.forms.assessment import DayForm, ReceiveForm, RecognitionForm
from llct.training.forms.classes import AdmitForm, CommitteeForm, CommuneListForm, HomeroomForm, SessionForm
from llct.training.services import classes as class_services
from llct.training.services.assessment import essays as essay_services
from llct.training.services.assessment.results import class_reopen
from llct.training.services.nominations import nominations_admit
from llct.training.services.recognition import recognition_decide


@dataclass(frozen=True)
class Step:
    action: Action
    form: Callable | None
    call: Callable  # (request, klass, cleaned data) → None


def _receive(request, klass, data):
    receipt = essay_services.essays_receive(
        klass, on=data["essays_received_on"], submitted_on=data["submitted_on"], by=request.user
    )
    messages.success(request, _("Đã nhận %(n)s bài thu hoạch.") % {"n": receipt.received})
    for why in receipt.refused:
        messages.warning(request, why)


def _enrol_list(request, klass, data):
    added = class_services.enrolment_add_list(
        klass, data["cadre_list"], sending_unit=data["sending_unit"], by=request.user
    )
    messages.success(request, _("Đã xếp %(n)s học viên vào lớp.") % {"n": len(added)})


def _admit(request, klass, data):
    admitted = nominations_admit(klass, list(data["nominations"]), by=request.user)
    messages.success(request, _("Đã nhập học %(n)s học viên.") % {"n": len(admitted)})


def _klass_form(form_class):
    return lambda *args, klass, user: form_class(*args, klass=klass)


STEPS: dict[str, Step] = {
    "start": Step(Action.RUN_TRAINING, None, lambda r, k, d: class_services.class_start(k, by=r.user)),
    "reopen": Step(Action.APPROVE, None, lambda r, k, d: class_reopen(k, by=r.user)),
    "homeroom": Step(
        Action.RUN_TRAINING,
        _klass_form(HomeroomForm),
        lambda r, k, d: class_services.homeroom_set(k, d["homeroom_lecturer"], by=r.user),
    ),
    "committee": Step(
        Action.RUN_TRAINING,
        _klass_form(CommitteeForm),
        lambda r, k, d: class_services.committee_set(d["enrolment"], d["committee_role"], by=r.user),
    ),
    "session": Step(
        Action.RUN_TRAINING,
        _klass_form(SessionForm),
        lambda r, k, d: class_services.session_add(k, **d, by=r.user),
    ),
    "admit": Step(Action.RUN_TRAINING, _klass_form(AdmitForm), _admit),
    "enrol_list": Step(
        Action.RUN_TRAINING, lambda *a, klass, user: CommuneListForm(*a, klass=klass, user=user), _enrol_list
    ),
    "receive": Step(Action.RUN_TRAINING, lambda *a, klass, user: ReceiveForm(*a), _receive),
    "hand_in": Step(
        Action.ENTER_MARKS,
        lambda *a, klass, user: DayForm(*a, step="hand_in"),
        lambda r, k, d: essay_services.marks_hand_in(k, on=d["on"], by=r.user),
    ),
    "publish": Step(
        Action.RUN_TRAINING,
        lambda *a, klass, user: DayForm(*a, step="publish"),
        lambda r, k, d: essay_services.marks_publish(k, on=d["on"], by=r.user),
    ),
    "recognise": Step(
        Action.APPROVE,
        lambda *a, klass, user: RecognitionForm(*a, initial={"signed_on": timezone.localdate()}),
        lambda r, k, d: recognition_decide(k, **d, by=r.user),
    ),
}
