from django.utils.translation import gettext_lazy as _

from egov.common.exceptions import DomainError


class InvalidAccountData(DomainError):
    code = "invalid_account_data"


class AccountExists(DomainError):
    code = "account_exists"
    status = 409


class TooManyRegistrations(DomainError):
    code = "too_many_registrations"
    status = 429


class TokenRejected(DomainError):
    """The bearer token is unknown (``not_authenticated``, like no token), expired
    (``token_expired``) or revoked (``token_revoked``): the API answers 401."""

    code = "not_authenticated"
    status = 401


class TokenScopeDenied(DomainError):
    """The token does not allow this request: read-only, or another part of the API (403)."""

    code = "token_scope"
    status = 403


DUPLICATE_MESSAGES = {
    "email": _("An account with this e-mail already exists."),
    "phone": _("An account with this phone number already exists."),
    "citizen_id": _("An account with this citizen ID number already exists."),
    "tax_code": _("An account with this tax code already exists."),
}
