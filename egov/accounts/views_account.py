"""The person's own account pages: the profile (contact details, links to change the password),
changing the password, and the forgotten-password journey on Django's views (the e-mailed
one-time link; the same answer whether or not an account exists)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from egov.accounts.forms_password import (
    ForgottenPasswordForm,
    PasswordChangeAuditedForm,
    PasswordSetByLinkForm,
)


@require_GET
@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    """Who the person is to the administration and how it reaches them."""
    return render(request, "accounts/profile.html", {"account": request.user})


password_forgotten = auth_views.PasswordResetView.as_view(
    form_class=ForgottenPasswordForm,
    template_name="accounts/password_forgotten.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    success_url=reverse_lazy("accounts:password-forgotten-sent"),
)
password_forgotten_sent = auth_views.PasswordResetDoneView.as_view(
    template_name="accounts/password_forgotten_sent.html"
)
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=PasswordSetByLinkForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html"
)


class PasswordChange(SuccessMessageMixin, auth_views.PasswordChangeView):
    form_class = PasswordChangeAuditedForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")
    success_message = _("Your password has been changed.")


password_change = login_required(PasswordChange.as_view())
