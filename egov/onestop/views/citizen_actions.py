"""The applicant's actions on a dossier: upload and remove files, submit, record a payment,
send the supplement, withdraw, rate. Thin: check the shape, call the service, show its error
in Vietnamese next to the form (never a 500), redirect after success."""

from __future__ import annotations

from collections.abc import Mapping

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.money import vnd_in_words
from egov.onestop.choices import DossierFileKind, DossierStatus
from egov.onestop.forms_online import (
    PaymentForm,
    RatingForm,
    SubmitForm,
    UploadForm,
    WithdrawForm,
    idempotency_key_new,
)
from egov.onestop.models import Dossier, RequiredDocument
from egov.onestop.rules import DOSSIER_TRANSITIONS, PaymentFit, group_thousands
from egov.onestop.selectors.online import (
    dossier_file_get_for_applicant,
    dossier_files_grouped,
    dossier_get_for_applicant,
)
from egov.onestop.selectors.online_offer import online_unit_choices
from egov.onestop.services.online import (
    IdempotencyKeyReused,
    applicant_snapshot,
    assurance_required,
    dossier_submit,
    dossier_withdraw,
    missing_documents,
)
from egov.onestop.services.payments import (
    PaymentMethod,
    dossier_fees_due,
    dossier_payment_check,
    dossier_payment_record,
    payment_check_message,
)
from egov.onestop.services.payments_online import dossier_payment_online_offer
from egov.onestop.services.ratings import dossier_rate
from egov.onestop.services.uploads import (
    dossier_file_remove,
    dossier_file_upload,
    dossier_supplement_upload,
)
from egov.onestop.views.citizen import citizen_required, detail_page, form_rows, session_assurance


def _back(dossier: Dossier) -> HttpResponse:
    return redirect("onestop:my-dossier-detail", pk=dossier.pk)


def required_document_of(dossier: Dossier, raw: str | None) -> RequiredDocument | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    document = RequiredDocument.objects.filter(pk=raw, procedure_id=dossier.procedure_id).first()
    if document is None:
        raise Http404
    return document


@require_POST
@citizen_required
def my_dossier_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload one file of a draft, for a required document (``document``) or as another file."""
    dossier = dossier_get_for_applicant(request.user, pk)
    document = required_document_of(dossier, request.POST.get("document"))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return detail_page(
            request, dossier, upload_error=_("Choose a file to upload."), upload_document=document
        )
    try:
        dossier_file_upload(
            actor=request.user,
            dossier=dossier,
            upload=form.cleaned_data["file"],
            required_document=document,
            kind=DossierFileKind.APPLICATION,
        )
    except DomainError as exc:
        return detail_page(request, dossier, upload_error=exc.message, upload_document=document)
    messages.success(request, _("The file has been added."))
    return _back(dossier)


@require_POST
@citizen_required
def my_dossier_file_remove(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    stored = dossier_file_get_for_applicant(request.user, pk, file_id)
    try:
        dossier_file_remove(actor=request.user, file=stored)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The file has been removed."))
    return _back(stored.dossier)


def _submit_page(request: HttpRequest, dossier: Dossier, form: SubmitForm) -> HttpResponse:
    """Check your answers (GOV.UK pattern): who applies, the form, the documents, each with a
    link to change it; then the unit, the declaration and the submit button."""
    applicant = applicant_snapshot(request.user)
    context = {
        "dossier": dossier,
        "form": form,
        "missing": missing_documents(dossier),
        "applicant_rows": [
            (_("Name"), applicant["applicant_name"]),
            (_("ID number"), applicant["applicant_id_number"]),
            (_("Phone"), applicant["applicant_phone"]),
            (_("E-mail"), applicant["applicant_email"]),
        ],
        "form_rows": form_rows(dossier),
        "files": dossier_files_grouped(dossier),
        "needs_stronger_login": session_assurance(request) < assurance_required(dossier.procedure),
    }
    return render(request, "onestop/citizen/dossier_submit.html", context)


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the competent unit and submit. The form carries a key made when it was shown,
    so a double click or a resent form submits once."""
    dossier = dossier_get_for_applicant(request.user, pk)
    units = online_unit_choices(dossier.procedure)
    if request.method == "GET":
        if dossier.status != DossierStatus.DRAFT:
            return _back(dossier)
        initial = {"idempotency_key": idempotency_key_new(), "unit": dossier.competent_unit_id}
        return _submit_page(request, dossier, SubmitForm(units, initial=initial))
    form = SubmitForm(units, request.POST)
    if not form.is_valid():
        form.add_error(None, _("Choose the unit that will handle your dossier."))
        return _submit_page(request, dossier, form)
    try:
        submitted = dossier_submit(
            actor=request.user,
            dossier=dossier,
            idempotency_key=form.cleaned_data["idempotency_key"],
            unit=form.cleaned_data["unit"],
            declared=form.cleaned_data["declaration"],
            assurance_level=session_assurance(request),
        )
    except DomainError as exc:
        if isinstance(exc, IdempotencyKeyReused):  # a fresh key, to submit this one on purpose
            fresh = {**request.POST.dict(), "idempotency_key": idempotency_key_new()}
            form = SubmitForm(units, fresh)
            form.is_valid()
        form_add_domain_error(form, exc)
        return _submit_page(request, dossier, form)
    messages.success(
        request,
        _("Your dossier has been submitted. Its code is %(code)s.") % {"code": submitted.code},
    )
    return _back(submitted)


def pay_page(
    request: HttpRequest,
    dossier: Dossier,
    form: PaymentForm | None = None,
    *,
    template: str = "onestop/citizen/dossier_pay.html",
    status: int = 200,
    **context: object,
) -> HttpResponse:
    """The pay page: the fees, paying online through the payment platform, and recording a
    receipt of a payment made elsewhere (also the result page of an online payment)."""
    context |= {
        "dossier": dossier,
        "form": form or PaymentForm(),
        "fees": dossier_fees_due(dossier),
        "online": dossier_payment_online_offer(dossier),
    }
    return render(request, template, context, status=status)


def _pay_form_again(data: Mapping[str, object]) -> PaymentForm:
    """The form filled with what was entered, to change it (not confirmed)."""
    amount = group_thousands(int(data["amount_vnd"]), get_format("THOUSAND_SEPARATOR"))
    return PaymentForm(initial={**data, "amount_vnd": amount, "amount_confirmed": False})


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_pay(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the receipt of a fee paid for the dossier in two steps: the amount as read, in
    words and compared with the fees still due is shown for confirmation, then recorded."""
    dossier = dossier_get_for_applicant(request.user, pk)
    if request.method == "GET":
        return pay_page(request, dossier, PaymentForm())
    form = PaymentForm(request.POST)
    if not form.is_valid():
        return pay_page(request, dossier, form)
    data = form.cleaned_data
    if "change" in request.POST:
        return pay_page(request, dossier, _pay_form_again(data))
    amount = data["amount_vnd"]
    if not data["amount_confirmed"]:
        check = dossier_payment_check(dossier, amount)
        confirm = {
            "amount": group_thousands(amount, get_format("THOUSAND_SEPARATOR")),
            "words": vnd_in_words(amount),
            "check": payment_check_message(check),
            "differs": check.fit is not PaymentFit.EXACT,
            "method": PaymentMethod(data["method"]).label,
        }
        return pay_page(request, dossier, form, confirm=confirm)
    try:
        dossier_payment_record(actor=request.user, dossier=dossier, **data)
    except DomainError as exc:
        again = request.POST.copy()
        again["amount_confirmed"] = ""
        form = PaymentForm(again)  # the filled form, to be corrected and confirmed again
        form.is_valid()
        form_add_domain_error(form, exc)
        return pay_page(request, dossier, form)
    messages.success(request, _("The payment has been recorded."))
    return _back(dossier)


@require_POST
@citizen_required
def my_dossier_supplement(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the files that complete the dossier; it goes back to the desk."""
    dossier = dossier_get_for_applicant(request.user, pk)
    try:
        dossier_supplement_upload(
            actor=request.user, dossier=dossier, uploads=request.FILES.getlist("files")
        )
    except DomainError as exc:
        return detail_page(request, dossier, supplement_error=exc.message)
    messages.success(request, _("The files have been sent to the one-stop desk."))
    return _back(dossier)


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdrawing cannot be undone: the page asks for confirmation (with an optional reason)
    and only its POST withdraws."""
    dossier = dossier_get_for_applicant(request.user, pk)
    if not DOSSIER_TRANSITIONS.can("withdraw", dossier.status):
        return _back(dossier)
    form = WithdrawForm(request.POST or None)
    if request.method == "GET" or not form.is_valid():
        context = {"dossier": dossier, "form": form}
        return render(request, "onestop/citizen/dossier_withdraw.html", context)
    try:
        dossier_withdraw(actor=request.user, dossier=dossier, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The dossier has been withdrawn."))
    return _back(dossier)


@require_POST
@citizen_required
def my_dossier_rate(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = dossier_get_for_applicant(request.user, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return detail_page(request, dossier, rating_form=form)
    try:
        dossier_rate(actor=request.user, dossier=dossier, **form.cleaned_data)
    except DomainError as exc:
        return detail_page(request, dossier, rating_error=exc.message, rating_form=form)
    messages.success(request, _("Thank you for your rating."))
    return _back(dossier)
