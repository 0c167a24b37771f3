"""Staff pages of credentials: registers, documents, issuing (one or a whole class), overdue list,
hand-over, loss, revocation, re-issue, certified copies, and the stock of diploma blanks. Scoped to the
user's institutions; outside → 404. The services check the role and scope again (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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
    reissue_due_on,
)
from llct.web.htmx import partial


def _require(user, action: Action) -> None:
    if not can(user, action):
        raise PermissionDenied(_("Bạn không có quyền cấp, thu hồi văn bằng, chứng chỉ."))


@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    registers = sel.registers_visible(request.user)
    return render(request, "credentials/register_list.html", {"registers": registers})


@login_required
def register_detail(request: HttpRequest, pk: int) -> HttpResponse:
    register = get_object_or_404(sel.registers_visible(request.user), pk=pk)
    credentials = register.credentials.select_related("holder", "programme", "blank").order_by(
        "year", "number"
    )
    return render(
        request, "credentials/register_detail.html", {"register": register, "credentials": credentials}
    )


@login_required
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


@login_required
def credential_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    credential = get_object_or_404(sel.credentials_visible(request.user), pk=pk)
    pdf = credentials_pdf(
        sel.credentials_visible(request.user).filter(pk=credential.pk), public_base_url(request)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{credential.serial.replace("/", "-")}.pdf"'
    return response


@login_required
def class_detail(request: HttpRequest, class_pk: int) -> HttpResponse:
    klass = get_object_or_404(sel.classes_visible(request.user), pk=class_pk)
    context = {
        "klass": klass,
        "credentials": klass.programme.credentials.filter(enrolment__training_class=klass)
        .select_related("holder")
        .order_by("number"),
        "pending": sel.class_pending(klass),
        "job": klass.issue_jobs.first(),
        "can_issue": can(request.user, Action.ISSUE_CREDENTIALS),
        "issue_form": IssueForm(auto_id=False),
    }
    return render(request, "credentials/class_detail.html", context)


@login_required
def class_pdf(request: HttpRequest, class_pk: int) -> HttpResponse:
    klass = get_object_or_404(sel.classes_visible(request.user), pk=class_pk)
    credentials = (
        sel.credentials_visible(request.user).filter(enrolment__training_class=klass).order_by("number")
    )
    response = HttpResponse(
        credentials_pdf(credentials, public_base_url(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{klass.code}.pdf"'
    return response


@login_required
@require_POST
def issue_one(request: HttpRequest, enrolment_pk: int) -> HttpResponse:
    _require(request.user, Action.ISSUE_CREDENTIALS)
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
        messages.error(request, refusal.message)
        return redirect("credentials:class_detail", class_pk=enrolment.training_class_id)
    messages.success(request, _("Đã cấp %(serial)s.") % {"serial": credential.serial})
    return redirect("credentials:credential_detail", pk=credential.pk)


@login_required
@require_POST
def issue_class(request: HttpRequest, class_pk: int) -> HttpResponse:
    _require(request.user, Action.ISSUE_CREDENTIALS)
    klass = get_object_or_404(sel.classes_visible(request.user), pk=class_pk)
    job = credential_issue_class(klass, request.user)
    return redirect("credentials:job_progress", pk=job.pk)


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(sel.jobs_visible(request.user), pk=pk)
    template = "credentials/_job.html" if partial(request) else "credentials/job.html"
    return render(request, template, {"job": job})


@login_required
def overdue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "credentials/overdue.html", {"enrolments": sel.credentials_overdue(request.user)[:500]}
    )


def _act(request: HttpRequest, pk: int, form_class, action) -> HttpResponse:
    _require(request.user, Action.ISSUE_CREDENTIALS)
    credential = get_object_or_404(sel.credentials_visible(request.user), pk=pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, _("Thông tin chưa đầy đủ: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("credentials:credential_detail", pk=pk)
    try:
        result = action(credential, form.cleaned_data)
    except CredentialError as refusal:
        messages.error(request, refusal.message)
        return redirect("credentials:credential_detail", pk=pk)
    # A copy or a blank names its document; a re-issue is the new document.
    return redirect("credentials:credential_detail", pk=getattr(result, "credential_id", None) or result.pk)


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, RevokeForm, lambda c, d: credential_revoke(c, d["reason"], d["authority"], request.user)
    )


@login_required
@require_POST
def reissue(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        ReissueForm,
        lambda c, d: credential_reissue(c, request.user, d["reason"], d["blank_serial"]),
    )


@login_required
@require_POST
def hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request, pk, HandOverForm, lambda c, d: credential_hand_over(c, request.user, d["to"], d["on"])
    )


@login_required
@require_POST
def report_loss(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, LossForm, lambda c, d: credential_loss_report(c, request.user, d["on"]))


@login_required
@require_POST
def blank_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        BlankRecordForm,
        lambda c, d: credential_blank_record(c, request.user, d["blank_serial"]),
    )


@login_required
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


@login_required
def blank_stock_list(request: HttpRequest) -> HttpResponse:
    stocks = sel.blank_stocks_visible(request.user).order_by("institution__path", "-pk")
    context = {
        "stocks": [(stock, sel.blank_stock_summary(stock)) for stock in stocks[:200]],
        "can_issue": can(request.user, Action.ISSUE_CREDENTIALS),
        "form": BlankStockForm(institutions=sel.blank_institutions(request.user)),
    }
    return render(request, "credentials/blank_stock_list.html", context)


@login_required
@require_POST
def blank_stock_receive_view(request: HttpRequest) -> HttpResponse:
    _require(request.user, Action.ISSUE_CREDENTIALS)
    form = BlankStockForm(request.POST, institutions=sel.blank_institutions(request.user))
    if not form.is_valid():
        messages.error(request, _("Thông tin chưa đầy đủ: %(errors)s") % {"errors": form.errors.as_text()})
        return redirect("credentials:blank_stock_list")
    data = form.cleaned_data
    try:
        stock = blank_stock_receive(
            data["institution"],
            data["first"],
            data["last"],
            request.user,
            data["received_on"],
            data["document"],
        )
    except CredentialError as refusal:
        messages.error(request, refusal.message)
        return redirect("credentials:blank_stock_list")
    messages.success(request, _("Đã nhập lô phôi %(stock)s.") % {"stock": stock})
    return redirect("credentials:blank_stock_detail", pk=stock.pk)


@login_required
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


@login_required
@require_POST
def blank_spoil_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request.user, Action.ISSUE_CREDENTIALS)
    blank = get_object_or_404(sel.blanks_visible(request.user), pk=pk)
    form = SpoilForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi lý do phôi hỏng."))
    else:
        try:
            blank_spoil(blank, request.user, form.cleaned_data["reason"])
        except CredentialError as refusal:
            messages.error(request, refusal.message)
    return redirect("credentials:blank_stock_detail", pk=blank.stock_id)
