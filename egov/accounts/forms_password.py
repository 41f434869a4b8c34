"""Forms of the forgotten-password and change-password pages on Django's own forms: the
identifier may be an e-mail address or a phone number; setting the password goes through the
audited service."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egov.accounts.choices import NotificationChannel
from egov.accounts.models import User
from egov.accounts.rules import is_valid_phone, normalize_email, normalize_phone
from egov.accounts.services_notify import notification_send
from egov.accounts.services_password import user_password_set


class ForgottenPasswordForm(PasswordResetForm):
    """Django's reset form, found by e-mail or phone number. The link goes to the account's
    e-mail address, or by SMS to its phone when it has no e-mail; the page answers the same
    whether or not an account exists."""

    email = forms.CharField(label=_("E-mail or phone number"), max_length=254)

    def get_users(self, email: str) -> Iterator[User]:
        phone = normalize_phone(email)
        if is_valid_phone(phone):
            users = User.objects.filter(phone=phone)
        else:
            users = User.objects.filter(email__iexact=normalize_email(email))
        for user in users.filter(is_active=True):
            if user.has_usable_password() and (user.email or user.phone):
                yield user

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Through the notification centre; the one-time link is sent but not kept. An account
        without an e-mail address gets it by SMS."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        secret = reverse(
            "accounts:password-reset-confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        if to_email:
            channel, address = NotificationChannel.EMAIL, to_email
            body = loader.render_to_string(email_template_name, context)
        else:
            channel, address = NotificationChannel.SMS, context["user"].phone
            link = f"{context['protocol']}://{context['domain']}{secret}"
            body = loader.render_to_string("accounts/sms/password_reset.txt", {"link": link})
        notification_send(
            recipient=context["user"],
            channel=channel,
            subject=subject,
            body=body.strip(),
            address=address,
            obj=context["user"],
            secret=secret,
        )


class PasswordSetByLinkForm(SetPasswordForm):
    def save(self, commit: bool = True) -> Any:
        password = self.cleaned_data["new_password1"]
        return user_password_set(actor=None, user=self.user, password=password, how="reset")


class PasswordChangeAuditedForm(PasswordChangeForm):
    def save(self, commit: bool = True) -> Any:
        password = self.cleaned_data["new_password1"]
        return user_password_set(actor=self.user, user=self.user, password=password, how="change")
