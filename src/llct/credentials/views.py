"""Staff pages of credentials: registers, documents, issuing (one or a whole class), overdue list,
hand-over, loss, revocation, re-issue, certified copies, and the stock of diploma blanks. Scoped to the
user's institutions; outside → 404. The services check the role and scope again (403)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from llct.accounts.permissions import Action, can
from llct.credentials import selectors as sel
from llct.credentials.forms import (
    BlankRecordForm,
    BlankStockForm,
    CopyForm,
    HandOverForm,
    IssueForm,
    LossForm,
    ReissueForm,
    RevokeForm,
    SpoilForm,
)
from llct.credentials.models import Blank
from llct.credentials.pdf import credentials_pdf, public_base_url, verification_url
from llct.credentials.services import (
    CredentialError,
    blank_spoil,
    blank_stock_receive,
    credential_blank_record,
    credential_certified_copy,
    credential_hand_over,
    credential_issue,
    credential_issue_class,
    credential_loss_report,
    credential_reissue,
    credential_revoke,
    issue_job_recover,
    reissue_due_on,
)
from llct.web.access import require
from llct.web.actions import act, refused
from llct.web.htmx import partial


@require(Action.VIEW)
def register_list(request: HttpRequest) -> HttpResponse:
    registers = sel.registers_visible(request.user)
    return render(request, "credentials/register_list.html", {"registers": registers})


@require(Action.VIEW)
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    register = get_object_or_404(sel.registers_visible(request.user), pk=pk)
    credentials = register.credentials.select_related("holder", "programme", "blank").order_by(
        "year", "number"
    )
    return render(
        request, "credentials/register_detail.html", {"register": register, "credentials": credentials}
    )


@require(Action.VIEW)
def credential_detail(request: HttpRequest, pk: int) -> HttpResponse:
    credential = get_object_or_404(sel.credentials_visible(request.user), pk=pk)
    context = {
        "credential": credential,
        "blank": Blank.objects.filter(credential=credential).first(),
        "reissue_due_on": reissue_due_on(credential),
        "replaced_due_on": reissue_due_on(credential.replaces) if credential.replaces else None,
        "copies": credential.copies.all(),
        "can_issue": can(request.user, Action.ISSUE_CREDENTIALS),
        "revoke_form": RevokeForm(),
        "reissue_form": ReissueForm(),
        "copy_form": CopyForm(),
        "hand_over_form": HandOverForm(),
        "loss_form": LossForm(),
        "blank_form": BlankRecordForm(),
        "verify_url": verification_url(credential.token, public_base_url(request)),
    }
    return render(request, "credentials/credential_detail.html", context)


@require(Action.VIEW)
def credential_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    credential = get_object_or_404(sel.credentials_visible(request.user), pk=pk)
    pdf = credentials_pdf(
        sel.credentials_visible(request.user).filter(pk=credential.pk),
        public_base_url(request),
        personal=can(request.user, Action.SEE_PERSONAL_DATA),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{credential.serial.replace("/", "-")}.pdf"'
    return response


@require(Action.VIEW)
def class_detail(request: HttpRequest, class_pk: int) -> HttpResponse:
    klass = get_object_or_404(sel.classes_visible(request.user), pk=class_pk)
    context = {
        "klass": klass,
        "credentials": klass.programme.credentials.filter(enrolment__training_class=klass)
        .select_related("holder")
        .order_by("number"),
        "pending": sel.class_pending(klass),
        "preview": sel.class_issue_preview(klass),
        "job": klass.issue_jobs.first(),
        "can_issue": can(request.user, Action.ISSUE_CREDENTIALS),
        "issue_form": IssueForm(auto_id=False),
    }
    return render(request, "credentials/class_detail.html", context)


@require(Action.VIEW)
def class_pdf(request: HttpRequest, class_pk: int) -> HttpResponse:
    klass = get_object_or_404(sel.classes_visible(request.user), pk=class_pk)
    credentials = (
        sel.credentials_visible(request.user).filter(enrolment__training_class=klass).order_by("number")
    )
    pdf = credentials_pdf(
        credentials, public_base_url(request), personal=can(request.user, Action.SEE_PERSONAL_DATA)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{klass.code}.pdf"'
    return response


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def issue_one(request: HttpRequest, enrolment_pk: int) -> HttpResponse:
    enrolment = get_object_or_404(
        sel.scoped_enrolments(request.user).select_related("training_class"), pk=enrolment_pk
    )
    form = IssueForm(request.POST)
    form.is_valid()
    try:
        credential = credential_issue(enrolment, request.user, form.cleaned_data.get("blank_serial"))
    except CredentialError as refusal:
        if refusal.existing is not None and refusal.existing.enrolment_id == enrolment.pk:
            # The same form submitted twice: show the document the first submit issued.
            return redirect("credentials:credential_detail", pk=refusal.existing.pk)
        refused(request, refusal)
        return redirect("credentials:class_detail", class_pk=enrolment.training_class_id)
    messages.success(request, _("Đã cấp %(serial)s.") % {"serial": credential.serial})
    return redirect("credentials:credential_detail", pk=credential.pk)


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def issue_class(request: HttpRequest, class_pk: int) -> HttpResponse:
    klass = get_object_or_404(sel.classes_visible(request.user), pk=class_pk)
    return act(
        request,
        lambda: credential_issue_class(klass, request.user),
        back=redirect("credentials:class_detail", class_pk=klass.pk),
        then=lambda job: redirect("credentials:job_progress", pk=job.pk),
    )


@require(Action.VIEW)
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(sel.jobs_visible(request.user), pk=pk)
    if issue_job_recover(job):
        job.refresh_from_db()
    template = "credentials/_job.html" if partial(request) else "credentials/job.html"
    return render(request, template, {"job": job})


@require(Action.VIEW)
def overdue(request: HttpRequest) -> HttpResponse:
    """Recognised learners still without their document: past the 15 days, or (?all=1) every one, with
    the days left."""
    today = timezone.localdate()
    every = request.GET.get("all") == "1"
    rows = list((sel.credentials_pending if every else sel.credentials_overdue)(request.user)[:500])
    for e in rows:
        e.due_on = sel.issue_due(e.recognised_on)
        e.days_left = (e.due_on - today).days
        e.days_late = -e.days_left
    return render(request, "credentials/overdue.html", {"enrolments": rows, "every": every})


def _incomplete(request: HttpRequest, form) -> None:
    messages.error(request, _("Thông tin chưa đầy đủ: %(errors)s") % {"errors": form.errors.as_text()})


def _act(request: HttpRequest, pk: int, form_class, action) -> HttpResponse:
    credential = get_object_or_404(sel.credentials_visible(request.user), pk=pk)
    back = redirect("credentials:credential_detail", pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        _incomplete(request, form)
        return back
    # A copy or a blank names its document; a re-issue is the new document.
    return act(
        request,
        lambda: action(credential, form.cleaned_data),
        then=lambda result: redirect(
            "credentials:credential_detail", pk=getattr(result, "credential_id", None) or result.pk
        ),
        back=back,
    )


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, RevokeForm, lambda c, d: credential_revoke(c, d["reason"], d["authority"], request.user)
    )


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def reissue(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReissueForm,
        lambda c, d: credential_reissue(c, request.user, d["reason"], d["blank_serial"]),
    )


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, HandOverForm, lambda c, d: credential_hand_over(c, request.user, d["to"], d["on"])
    )


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def report_loss(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, LossForm, lambda c, d: credential_loss_report(c, request.user, d["on"]))


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def blank_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        BlankRecordForm,
        lambda c, d: credential_blank_record(c, request.user, d["blank_serial"]),
    )


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def certified_copy(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        CopyForm,
        lambda c, d: credential_certified_copy(
            c, request.user, requested_by=d["requested_by"], copies=d["copies"]
        ),
    )


@require(Action.VIEW)
def blank_stock_list(request: HttpRequest) -> HttpResponse:
    stocks = sel.blank_stocks_visible(request.user).order_by("institution__path", "-pk")
    context = {
        "stocks": [(stock, sel.blank_stock_summary(stock)) for stock in stocks[:200]],
        "can_issue": can(request.user, Action.ISSUE_CREDENTIALS),
        "form": BlankStockForm(institutions=sel.blank_institutions(request.user)),
    }
    return render(request, "credentials/blank_stock_list.html", context)


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def blank_stock_receive_view(request: HttpRequest) -> HttpResponse:
    form = BlankStockForm(request.POST, institutions=sel.blank_institutions(request.user))
    back = redirect("credentials:blank_stock_list")
    if not form.is_valid():
        _incomplete(request, form)
        return back
    data = form.cleaned_data
    return act(
        request,
        lambda: blank_stock_receive(
            data["institution"],
            data["first"],
            data["last"],
            request.user,
            data["received_on"],
            data["document"],
        ),
        done=lambda stock: _("Đã nhập lô phôi %(stock)s.") % {"stock": stock},
        then=lambda stock: redirect("credentials:blank_stock_detail", pk=stock.pk),
        back=back,
    )


@require(Action.VIEW)
def blank_stock_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stock = get_object_or_404(sel.blank_stocks_visible(request.user), pk=pk)
    context = {
        "stock": stock,
        "summary": sel.blank_stock_summary(stock),
        "blanks": stock.blanks.select_related("credential").order_by("number"),
        "can_issue": can(request.user, Action.ISSUE_CREDENTIALS),
        "spoil_form": SpoilForm(auto_id=False),
    }
    return render(request, "credentials/blank_stock_detail.html", context)


@require(Action.ISSUE_CREDENTIALS)
@require_POST
def blank_spoil_view(request: HttpRequest, pk: int) -> HttpResponse:
    blank = get_object_or_404(sel.blanks_visible(request.user), pk=pk)
    form = SpoilForm(request.POST)
    back = redirect("credentials:blank_stock_detail", pk=blank.stock_id)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do phôi hỏng."))
        return back
    return act(
        request,
        lambda: blank_spoil(blank, request.user, form.cleaned_data["reason"]),
        back=back,
    )
