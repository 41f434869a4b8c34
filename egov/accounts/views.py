"""Login (password, then TOTP for administrators), TOTP enrolment, logout and registration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.accounts import two_factor
from egov.accounts.forms import LoginForm, OtpForm, RegisterForm
from egov.accounts.models import User
from egov.accounts.services import public_account_register
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
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}
    )


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
    """Public registration of a citizen or business account."""
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = public_account_register(
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
            login(request, user, backend="egov.accounts.backends.IdentifierBackend")
            messages.success(request, _("Your account has been created."))
            return redirect("portal:home")
    return render(request, "accounts/register.html", {"form": form})
