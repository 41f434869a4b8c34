from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from egov.accounts.choices import API_APPS
from egov.accounts.models import User


class LoginForm(AuthenticationForm):
    """Password step of the login; the identifier is an e-mail address or a phone number."""

    username = forms.CharField(
        label=_("E-mail or phone number"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("Wrong e-mail/phone number or password."),
        "inactive": _("This account is disabled."),
    }


class OtpForm(forms.Form):
    """Second step for administrators: the 6-digit code of their authenticator app."""

    code = forms.RegexField(
        label=_("Authenticator code"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Enter the 6 digits shown by your app.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class RegisterForm(forms.Form):
    """Public account registration for citizens and businesses."""

    ACCOUNT_KINDS = [("citizen", _("Citizen")), ("business", _("Business"))]

    kind = forms.ChoiceField(
        label=_("I register as"), choices=ACCOUNT_KINDS, widget=forms.RadioSelect, initial="citizen"
    )
    full_name = forms.CharField(label=_("Full name or business name"), max_length=200)
    citizen_id = forms.RegexField(
        label=_("Citizen ID number (12 digits)"),
        regex=r"^\d{12}$",
        required=False,
        error_messages={"invalid": _("Enter exactly 12 digits.")},
    )
    tax_code = forms.RegexField(
        label=_("Tax code"),
        regex=r"^\d{10}(-\d{3})?$",
        required=False,
        error_messages={"invalid": _("Enter 10 digits, or 10-3 digits.")},
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=20, required=False)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(password_validators_help_texts())

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("kind") == "citizen" and not data.get("citizen_id"):
            self.add_error("citizen_id", _("A citizen registers with a citizen ID number."))
        if data.get("kind") == "business" and not data.get("tax_code"):
            self.add_error("tax_code", _("A business registers with its tax code."))
        if not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail address or a phone number."))
        if data.get("password"):
            # The account's own details: a password like them is refused (Django's validator).
            like = User(
                full_name=data.get("full_name") or "",
                email=data.get("email") or None,
                phone=data.get("phone") or None,
                citizen_id=data.get("citizen_id") or None,
                tax_code=data.get("tax_code") or None,
            )
            try:
                validate_password(data["password"], user=like)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class ApiTokenForm(forms.Form):
    """A new API token: what it is for, how long it lasts, what it may do."""

    name = forms.CharField(label=_("What the token is for"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1)
    read_only = forms.BooleanField(
        label=_("Read only (no changes through the API)"), required=False, initial=True
    )
    apps = forms.MultipleChoiceField(
        label=_("Parts of the API"),
        choices=API_APPS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every part your account may use."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].max_value = settings.EGOV_API_TOKEN_MAX_DAYS
        self.fields["days"].validators.append(MaxValueValidator(settings.EGOV_API_TOKEN_MAX_DAYS))
        self.fields["days"].initial = settings.EGOV_API_TOKEN_DAYS
