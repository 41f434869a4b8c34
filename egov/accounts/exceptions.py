from django.utils.translation import gettext_lazy as _

from egov.common.exceptions import DomainError


class InvalidAccountData(DomainError):
    code = "invalid_account_data"


class AccountExists(DomainError):
    code = "account_exists"
    status = 409


DUPLICATE_MESSAGES = {
    "email": _("An account with this e-mail already exists."),
    "phone": _("An account with this phone number already exists."),
    "citizen_id": _("An account with this citizen ID number already exists."),
    "tax_code": _("An account with this tax code already exists."),
}
