from egov.common.exceptions import DomainError


class UnitClosed(DomainError):
    code = "unit_closed"


class InvalidUnitChange(DomainError):
    code = "invalid_unit_change"
