"""What every training page shares: the viewing check and how refusals reach the user."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from llct.accounts.permissions import Action, can
from llct.training.forms.fields import add_errors
from llct.training.services.errors import TrainingRuleError


def viewer(request: HttpRequest) -> None:
    if not can(request.user, Action.VIEW):
        raise PermissionDenied


def require(request: HttpRequest, action: Action) -> None:
    if not can(request.user, action):
        raise PermissionDenied


def refused(request: HttpRequest, error: TrainingRuleError) -> None:
    messages.error(request, " ".join(error.messages))


def run(form, call) -> bool:
    """Call the service `call` when `form` is valid; a refusal goes on the form's field. Returns whether
    the service succeeded (the caller redirects), False when the form shows errors (nothing written: the
    services are atomic)."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as error:  # a TrainingRuleError, or a model's own validation
        add_errors(form, error)
        return False
    return True
