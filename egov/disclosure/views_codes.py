"""Public pages of what a person without an account confirms with a one-time code: the held
comment (type the code back, or ask for a new one), supporting a comment (the contact the code
goes to, then the code). A page's address is signed (a comment's or support's number alone
opens nothing); new codes are limited per held row and per address (``throttle.py``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.accounts.services_codes import contact_masked, contact_parse
from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.disclosure import services
from egov.disclosure.choices import CommentStatus, SupportStatus
from egov.disclosure.forms import CodeForm, SupportForm
from egov.disclosure.models import Comment, Support
from egov.disclosure.throttle import code_resend_throttle, comment_throttle

COMMENT_SALT = "egov.disclosure.comment-confirm"
SUPPORT_SALT = "egov.disclosure.support-confirm"


def _signed(queryset: models.QuerySet, token: str, salt: str) -> Any:
    try:
        pk = signing.loads(token, salt=salt)
    except signing.BadSignature as exc:
        raise Http404 from exc
    return get_object_or_404(queryset, pk=pk)


def _back(consultation_pk: int) -> HttpResponse:
    return redirect("disclosure:consultation-detail", pk=consultation_pk)


def _code_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    context["code_minutes"] = settings.EGOV_ONE_TIME_CODE_MINUTES
    return render(request, "disclosure/code_confirm.html", context, status=status)


def _comments() -> models.QuerySet:
    return Comment.objects.select_related("consultation")


def _supports() -> models.QuerySet:
    return Support.objects.select_related("comment__consultation")


def _comment_context(comment: Comment, token: str, form: CodeForm) -> dict[str, Any]:
    return {
        "comment": comment,
        "consultation": comment.consultation,
        "form": form,
        "heading": _("Confirm your comment"),
        "submit": _("Publish my comment"),
        "resend_url": reverse("disclosure:comment-code-resend", args=[token]),
    }


def _support_context(support: Support, token: str, form: CodeForm) -> dict[str, Any]:
    return {
        "comment": support.comment,
        "consultation": support.comment.consultation,
        "form": form,
        "support": support,
        "heading": _("Confirm your support"),
        "submit": _("Count my support"),
        "resend_url": reverse("disclosure:support-code-resend", args=[token]),
    }


@require_http_methods(["GET", "POST"])
def comment_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Type back the code sent for a comment without an account; it is then published."""
    comment = _signed(_comments(), token, COMMENT_SALT)
    if comment.status == CommentStatus.EXPIRED:
        messages.error(
            request, _("This comment was never confirmed and has expired: send it again.")
        )
        return _back(comment.consultation_id)
    if comment.status != CommentStatus.PENDING:
        messages.info(request, _("This comment is already published."))
        return _back(comment.consultation_id)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_confirm(comment=comment, code=form.cleaned_data["code"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return _back(comment.consultation_id)
    status = 400 if request.method == "POST" else 200
    return _code_page(request, _comment_context(comment, token, form), status)


def _resend(
    request: HttpRequest, held: Any, send: Any, context: dict[str, Any], confirm: str
) -> HttpResponse:
    """Send a new code for ``held`` (the page's own address for the flash), or show why not."""
    try:
        code_resend_throttle(request, f"{held._meta.model_name}:{held.pk}")
        held = send(held)
    except DomainError as error:
        context["resend_refused"] = error.message
        return _code_page(request, context, status=error.status)
    if held.status == CommentStatus.PENDING:
        messages.success(
            request,
            _("A new code is sent to %(contact)s. The earlier code no longer works.")
            % {"contact": contact_masked(held.contact)},
        )
    return redirect(confirm)


@require_POST
def comment_code_resend(request: HttpRequest, token: str) -> HttpResponse:
    """ "Send me a new code" for a held comment: the code expired, or never came."""
    comment = _signed(_comments(), token, COMMENT_SALT)
    context = _comment_context(comment, token, CodeForm())
    confirm = reverse("disclosure:comment-confirm", args=[token])
    return _resend(
        request, comment, lambda c: services.comment_code_resend(comment=c), context, confirm
    )


@require_http_methods(["GET", "POST"])
def comment_support(request: HttpRequest, pk: int) -> HttpResponse:
    """Support a comment: a citizen or business account at once (POST); without an account,
    the page asking the contact the code goes to (GET, or POST with it). Officers do not."""
    comment = get_object_or_404(_comments(), pk=pk, status=CommentStatus.PUBLISHED)
    if request.user.is_authenticated and not request.user.is_public:
        raise PermissionDenied
    if request.user.is_authenticated:
        return _support_by_account(request, comment)
    form = SupportForm(request.POST if "contact" in request.POST else None)
    if form.is_valid():
        try:
            comment_throttle(request, contact=_contact_or_blank(form.cleaned_data["contact"]))
            support = services.comment_support_without_account(
                comment=comment, contact=form.cleaned_data["contact"]
            )
        except DomainError as error:
            form_add_domain_error(form, error, field="contact")
        else:
            token = signing.dumps(support.pk, salt=SUPPORT_SALT)
            return redirect("disclosure:support-confirm", token=token)
    status = 400 if form.is_bound else 200
    context = {"comment": comment, "consultation": comment.consultation, "form": form}
    return render(request, "disclosure/support_without_account.html", context, status=status)


def _contact_or_blank(raw: str) -> str:
    """The contact as counted by the rate limit; '' when unreadable (the service refuses it
    with its message)."""
    try:
        return contact_parse(raw)[1]
    except DomainError:
        return ""


def _support_by_account(request: HttpRequest, comment: Comment) -> HttpResponse:
    if request.method != "POST":
        return _back(comment.consultation_id)
    try:
        comment_throttle(request)
        services.comment_support(actor=request.user, comment=comment)
    except DomainError as error:
        if error.status == 429:
            return HttpResponse(error.message, status=429, content_type="text/plain")
        messages.error(request, error.message)
    else:
        messages.success(request, _("You support this comment."))
    return _back(comment.consultation_id)


@require_http_methods(["GET", "POST"])
def support_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Type back the code sent for a support without an account; it then counts."""
    support = _signed(_supports(), token, SUPPORT_SALT)
    consultation_pk = support.comment.consultation_id
    if support.status == SupportStatus.EXPIRED:
        messages.error(
            request,
            _("This support was never confirmed and has expired: support the comment again."),
        )
        return _back(consultation_pk)
    if support.status == SupportStatus.CONFIRMED:
        messages.info(request, _("Your support is already counted."))
        return _back(consultation_pk)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.support_confirm(support=support, code=form.cleaned_data["code"])
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("You support this comment."))
            return _back(consultation_pk)
    status = 400 if request.method == "POST" else 200
    return _code_page(request, _support_context(support, token, form), status)


@require_POST
def support_code_resend(request: HttpRequest, token: str) -> HttpResponse:
    """ "Send me a new code" for a held support."""
    support = _signed(_supports(), token, SUPPORT_SALT)
    context = _support_context(support, token, CodeForm())
    confirm = reverse("disclosure:support-confirm", args=[token])
    return _resend(
        request, support, lambda s: services.support_code_resend(support=s), context, confirm
    )
