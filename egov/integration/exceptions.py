"""Errors of the integration layer: a stable code plus a translated message. None of them
carries a credential or a full personal identifier."""

from egov.common.exceptions import DomainError


class IntegrationError(DomainError):
    """An input to an integration service breaks a rule."""

    code = "invalid_integration_request"
    status = 422


class ConnectorUnavailable(DomainError):
    """The national system could not be reached or answered something unusable; the work goes
    on without it (the form is filled by hand, the status is pushed later)."""

    code = "connector_unavailable"
    status = 503


class NotFoundThere(DomainError):
    """The national system has no record for the identifier asked for."""

    code = "not_found_in_national_system"
    status = 404


class PaymentCallbackRefused(DomainError):
    """A payment callback with a wrong signature, order or amount, or a replay."""

    code = "payment_callback_refused"
    status = 400


class NationalRefusal(DomainError):
    """The national system answered and refused what was sent (its reason in the message);
    sending the same message again would be refused again."""

    code = "national_system_refused"
    status = 422


class TooManyReads(DomainError):
    """A consumer system read past its quota on the data-sharing API."""

    code = "too_many_reads"
    status = 429
