"""How a page's write reaches its service and comes back: form → service → message → redirect. The one
place of the web where an application error (llct.errors.AppError, or a model's own validation) becomes
what the user reads: a message on the form's field when the form is shown again, a message on the next
page otherwise."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

Done = str | Callable[[object], str] | None
Then = HttpResponse | Callable[[object], HttpResponse]


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names (`AppError.field`, or the keys of a
    model's validation errors) when the form has that field, on the form as a whole otherwise."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return
    name = getattr(error, "field", None)
    form.add_error(name if name in form.fields else None, error.messages)


def refused(request: HttpRequest, error: ValidationError) -> None:
    """A refusal with no form to show it: an error message on the next page."""
    messages.error(request, " ".join(error.messages))


def _succeeded(request: HttpRequest, result, done: Done, then: Then) -> HttpResponse:
    if done:
        messages.success(request, done(result) if callable(done) else done)
    return then(result) if callable(then) else then


def submit(
    request: HttpRequest, form: forms.BaseForm, call: Callable, *, then: Then, done: Done = None
) -> HttpResponse | None:
    """A POST with a valid `form`: call the service `call(cleaned_data)`, queue `done` (a text, or a
    function of the service's result giving one) and answer `then` (a redirect, or a function of the
    result giving one). None when the request is no POST, the form has errors or the service refused (its
    message on the field it names): the caller shows the form again; nothing was written (the services
    are atomic)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ValidationError as error:
        add_errors(form, error)
        return None
    return _succeeded(request, result, done, then)


def act(
    request: HttpRequest, call: Callable, *, back: HttpResponse, then: Then | None = None, done: Done = None
) -> HttpResponse:
    """A step without a form to show again: call the service `call()`, queue `done` and answer `then`
    (`back` when not given); when the service refuses, its message and `back`."""
    try:
        result = call()
    except ValidationError as error:
        refused(request, error)
        return back
    return _succeeded(request, result, done, back if then is None else then)
