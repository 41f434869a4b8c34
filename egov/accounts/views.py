"""Login (password, then TOTP for administrators), TOTP enrolment, logout, registration and
the confirmation of its contact, and the account's API tokens."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts import two_factor
from egov.accounts.forms import ApiTokenForm, LoginForm, OtpForm, RegisterForm
from egov.accounts.models import ApiToken, User
from egov.accounts.services import (
    api_token_create,
    api_token_revoke,
    contact_verification_send,
    contact_verify,
    public_account_register_request,
)
from egov.accounts.throttle import registration_allowed, verification_send_allowed
from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error

PENDING = "egov_pending_2fa_user"
NEXT = "egov_login_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/workspace/" if request.user.is_authenticated and request.user.is_officer else "/"


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: identifier and password. Administrators continue to the TOTP step."""
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        nxt = request.POST.get("next") or request.GET.get("next")
        if user.is_staff:
            request.session[PENDING], request.session[NEXT] = user.pk, nxt or "/admin/"
            return redirect("accounts:login-otp")
        login(request, user)
        return redirect(_safe_next(request, nxt))
    context = {
        "form": form,
        "next": request.GET.get("next", ""),
        # the national identity login (egov.integration) is offered when a provider is set
        # or simulated
        "national_login": bool(settings.EGOV_VNEID_ISSUER) or settings.EGOV_INTEGRATION_SIMULATORS,
    }
    return render(request, "accounts/login.html", context)


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get(PENDING)
    return User.objects.filter(pk=pk, is_active=True).first() if pk else None


@require_http_methods(["GET", "POST"])
def login_otp_view(request: HttpRequest) -> HttpResponse:
    """Step 2 for administrators: enrol a TOTP device on first login, then verify a code."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    device = two_factor.device_for(user)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = two_factor.verify(user=user, device=device, code=form.cleaned_data["code"])
        if verified:
            nxt = request.session.pop(NEXT, None)
            request.session.pop(PENDING, None)
            login(request, user, backend="egov.accounts.backends.IdentifierBackend")
            two_factor.mark_verified(request, verified)
            return redirect(_safe_next(request, nxt))
        form.add_error("code", _("This code is wrong or expired. Try the current code."))
    context = {"form": form, "enrolling": not device.confirmed, "device": device}
    if not device.confirmed:
        context["qr_svg"] = two_factor.provisioning_qr_svg(device)
        context["secret"] = two_factor.secret_base32(device)
    return render(request, "accounts/login_otp.html", context)


@require_http_methods(["GET", "POST"])
def logout_view(request: HttpRequest) -> HttpResponse:
    """POST logs out; GET (a typed or bookmarked address) shows the log-out button, so a link
    from another site cannot log anyone out."""
    if request.method == "GET":
        return render(request, "accounts/logout.html")
    logout(request)
    return redirect("portal:home")


@require_http_methods(["GET", "POST"])
def register_view(request: HttpRequest) -> HttpResponse:
    """Public registration of a citizen or business account.

    The answer is the same whether or not the details already have an account (the owner is
    told by e-mail or SMS instead); registrations are limited per client address."""
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Counted once the form is complete: a typo costs nothing, every attempt that could
        # create an account or probe one does.
        if not registration_allowed(request):
            minutes = max(1, settings.EGOV_REGISTRATION_WINDOW_SECONDS // 60)
            return render(
                request, "accounts/register_limited.html", {"minutes": minutes}, status=429
            )
        data = form.cleaned_data
        try:
            public_account_register_request(
                full_name=data["full_name"],
                password=data["password"],
                email=data["email"],
                phone=data["phone"],
                citizen_id=data["citizen_id"] if data["kind"] == "citizen" else "",
                tax_code=data["tax_code"] if data["kind"] == "business" else "",
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            return redirect("accounts:register-sent")
    return render(request, "accounts/register.html", {"form": form})


@require_GET
def register_sent_view(request: HttpRequest) -> HttpResponse:
    """What every registration answers: look at your e-mail or phone."""
    return render(request, "accounts/register_sent.html")


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """The logged-in account's confirmation state; POST sends the link again (limited)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST" and not request.user.contact_verified:
        if verification_send_allowed(request):
            contact_verification_send(request.user)
            messages.success(request, _("We have sent you a new confirmation link."))
        else:
            messages.error(request, _("Too many links asked for. Try again in an hour."))
        return redirect("accounts:verify-status")
    return render(request, "accounts/verify.html")


@require_GET
def verify_token_view(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation message."""
    try:
        contact_verify(token=token)
    except DomainError as exc:
        return render(request, "accounts/verify_failed.html", {"message": exc.message}, status=400)
    return render(request, "accounts/verify_done.html")


@login_required
@require_http_methods(["GET", "POST"])
def tokens_view(request: HttpRequest) -> HttpResponse:
    """The account's API tokens: list, issue (the secret is shown once), revoke."""
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = api_token_create(
                actor=request.user,
                user=request.user,
                name=data["name"],
                days=data["days"],
                read_only=data["read_only"],
                apps=data["apps"],
            )
        except DomainError as exc:
            form_add_domain_error(form, exc)
        else:
            form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "issued": issued,
            "tokens": tokens,
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner revokes one of its tokens (another's is not found)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("accounts:tokens")
