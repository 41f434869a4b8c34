"""Errors of the one-stop catalog: a stable code plus a translated message."""

from egov.common.exceptions import DomainError


class NoRuleSetInForce(DomainError):
    """No one-stop rule set is in force on the day asked (before 21 June 2018)."""

    code = "no_rule_set_in_force"
    status = 422


class WrongDossierState(DomainError):
    """The action is not possible where the dossier stands (see ``rules.DOSSIER_TRANSITIONS``)."""

    code = "wrong_dossier_state"
    status = 409
