"""Pure rules of the one-stop catalog: code formats, the application-form schema, the dossier
code format and the time line of rule sets. No ORM here, so everything is tested without a DB.
"""

from __future__ import annotations

import datetime
import enum
import itertools
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from egov.common.text import fold
from egov.common.transitions import Transition, TransitionTable
from egov.onestop.choices import (
    OPEN_STATUSES,
    Channel,
    Confidence,
    DossierStatus,
    FormFieldType,
)
from egov.onestop.exceptions import WrongDossierState

# National TTHC code of the CSDLQG về TTHC: a digit, a dot and six digits, e.g. 1.001193
# (shared/domain 1.10, [S]; the meaning of the leading digit is unconfirmed).
NATIONAL_CODE_RE = re.compile(r"^\d\.\d{6}$")
# A local catalog key for a procedure whose national code is not known, e.g. HN-038. It is
# never shown as a national code (see Procedure.has_national_code).
LOCAL_CODE_RE = re.compile(r"^[A-Z]{2,4}-[0-9A-Z]{2,12}$")
CODE_PATTERN = r"^(\d\.\d{6}|[A-Z]{2,4}-[0-9A-Z]{2,12})$"
FORM_FIELD_NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
FORM_FIELD_KEYS = frozenset({"name", "label", "type", "required", "choices"})
MAX_FORM_FIELDS = 100
# The applicant's personal details every online application form starts with (the "người nộp
# hồ sơ" part of a tờ khai), kept in the dossier's form data beside the procedure's own fields.
# ``prefill`` names the attribute of the national population database's record that fills the
# field (``integration.CitizenRecord``); the name, ID number, phone and e-mail come from the
# account. Procedures' own fields may not use the prefix.
APPLICANT_FIELD_PREFIX = "applicant_"
PERSONAL_FIELDS: tuple[dict[str, Any], ...] = (
    {"name": "applicant_birth_date", "label": _("Date of birth"), "type": "date",
     "prefill": "birth_date"},
    {"name": "applicant_sex", "label": _("Sex"), "type": "text", "prefill": "sex"},
    {"name": "applicant_address", "label": _("Permanent residence"), "type": "text",
     "prefill": "permanent_address"},
    {"name": "applicant_place_of_origin", "label": _("Place of origin"), "type": "text",
     "prefill": "place_of_origin"},
)  # fmt: skip


# A business applicant's fields instead (Decree 01/2021/NĐ-CP: the enterprise code is the tax
# code); "prefill" names the national business registry's attribute that fills each.
# The head office takes ``applicant_address``, the dossier's address, as a person's residence.
BUSINESS_FIELDS: tuple[dict[str, Any], ...] = (
    {"name": "applicant_business_name", "label": _("Enterprise name"), "type": "text",
     "prefill": "name"},
    {"name": "applicant_enterprise_code", "label": _("Enterprise code"), "type": "text",
     "prefill": "tax_code"},
    {"name": "applicant_address", "label": _("Head office address"), "type": "text",
     "prefill": "address"},
    {"name": "applicant_legal_representative", "label": _("Legal representative"),
     "type": "text", "prefill": "legal_representative"},
)  # fmt: skip


def applicant_fields(*, organisation: bool = False) -> tuple[dict[str, Any], ...]:
    """The applicant's own fields of the online form: a business's or a person's."""
    return BUSINESS_FIELDS if organisation else PERSONAL_FIELDS


def application_schema(
    form_fields: Sequence[Mapping[str, Any]], *, organisation: bool = False
) -> list[Mapping[str, Any]]:
    """The whole online application form: the applicant's own fields (a person's, or a
    business's when ``organisation``), then the procedure's own (``Procedure.form_fields``)."""
    return [
        *applicant_fields(organisation=organisation),
        *(f for f in form_fields or [] if isinstance(f, Mapping)),
    ]


MAX_SEARCH_TERMS = 8
# Decree 61/2018 came into force on 21 June 2018: the time line of rule sets starts there.
RULES_START = datetime.date(2018, 6, 21)
DOSSIER_CODE_FIELDS = frozenset({"agency", "yymmdd", "yyyymmdd", "seq"})


def is_national_code(code: str) -> bool:
    """True for a CSDLQG code (1.001193); False for a local key (HN-038)."""
    return bool(NATIONAL_CODE_RE.match(code))


def validate_procedure_code(value: str) -> None:
    """A national code (``^\\d\\.\\d{6}$``) or a local key such as HN-038."""
    if not (NATIONAL_CODE_RE.match(value) or LOCAL_CODE_RE.match(value)):
        raise ValidationError(
            _("Enter a national procedure code such as 1.001193, or a local code such as HN-038."),
            code="invalid_procedure_code",
        )


def group_thousands(amount: int, separator: str) -> str:
    """``75000`` → ``75.000`` with the Vietnamese separator (the locale's NUMBER_GROUPING is
    not set for Vietnamese, so Django would not group)."""
    return f"{amount:,}".replace(",", separator)


class PaymentFit(enum.Enum):
    """How an amount paid compares with what is still due for a dossier."""

    EXACT = "exact"  # the fixed fees still due
    SHORT = "short"  # less: one fee of several, or part of it
    OVER = "over"  # more: a fee per copy or per page, or a typing error
    OPEN = "open"  # some fee is not fixed (a percentage, set by the province): no comparison


@dataclass(frozen=True)
class PaymentCheck:
    fit: PaymentFit
    remaining_vnd: int  # fixed fees not yet paid (never negative)


def payment_check(
    amount_vnd: int, *, fixed_total_vnd: int, paid_vnd: int, has_open_amount: bool
) -> PaymentCheck:
    """Compare ``amount_vnd`` with the fixed fees not yet covered by ``paid_vnd``. Any
    difference is for the applicant to confirm, not refused: the catalog gives fees per copy,
    per page or per case, and several receipts may pay the fees of one dossier."""
    remaining = max(fixed_total_vnd - paid_vnd, 0)
    if has_open_amount:
        fit = PaymentFit.OPEN
    elif amount_vnd == remaining:
        fit = PaymentFit.EXACT
    else:
        fit = PaymentFit.SHORT if amount_vnd < remaining else PaymentFit.OVER
    return PaymentCheck(fit, remaining)


def procedure_search_text(*parts: str) -> str:
    """The stored accent-folded text that public search matches (code, name, field)."""
    return fold(" ".join(part for part in parts if part))


def search_terms(query: str) -> list[str]:
    """Folded words of a search query; every word must occur (``cap phep xay dung`` finds
    ``Cấp giấy phép xây dựng``)."""
    return fold(query).split()[:MAX_SEARCH_TERMS]


def _form_field_errors(index: int, item: Any, seen: set[str]) -> list[str]:
    position = {"n": index}
    if not isinstance(item, Mapping):
        return [str(_("Form field %(n)s must be an object.") % position)]
    errors = []
    unknown = sorted(set(item) - FORM_FIELD_KEYS)
    if unknown:
        errors.append(
            str(
                _("Form field %(n)s has unknown keys: %(keys)s.")
                % {**position, "keys": ", ".join(unknown)}
            )
        )
    name = item.get("name")
    if not isinstance(name, str) or not FORM_FIELD_NAME_RE.match(name):
        errors.append(
            str(
                _("Form field %(n)s needs a name of lower-case letters, digits and underscores.")
                % position
            )
        )
    elif name.startswith(APPLICANT_FIELD_PREFIX):
        errors.append(
            str(
                _("Form field %(n)s: names starting with applicant_ are kept for the applicant.")
                % position
            )
        )
    elif name in seen:
        errors.append(
            str(_("Form field %(n)s repeats the name %(name)s.") % {**position, "name": name})
        )
    else:
        seen.add(name)
    label = item.get("label")
    if not isinstance(label, str) or not label.strip() or len(label) > 200:
        errors.append(
            str(_("Form field %(n)s needs a label of at most 200 characters.") % position)
        )
    if item.get("type") not in FormFieldType.values:
        errors.append(str(_("Form field %(n)s has an unknown type.") % position))
    if not isinstance(item.get("required", False), bool):
        errors.append(str(_("Form field %(n)s: required must be true or false.") % position))
    errors.extend(_choices_errors(position, item))
    return errors


def _choices_errors(position: dict[str, int], item: Mapping[str, Any]) -> list[str]:
    choices = item.get("choices")
    if item.get("type") != FormFieldType.CHOICE:
        return (
            []
            if choices in (None, [])
            else [str(_("Form field %(n)s: only choice fields have choices.") % position)]
        )
    valid = (
        isinstance(choices, list)
        and choices
        and all(isinstance(c, str) and c.strip() for c in choices)
        and len(set(choices)) == len(choices)
    )
    return (
        []
        if valid
        else [
            str(
                _("Form field %(n)s: a choice field needs a list of distinct, non-empty choices.")
                % position
            )
        ]
    )


def form_fields_errors(fields: Any) -> list[str]:
    """Problems of an application-form schema: a list of ``{name, label, type, required,
    choices}`` objects with distinct names; ``choices`` only (and always) for choice fields."""
    if not isinstance(fields, list):
        return [str(_("The application form must be a list of fields."))]
    if len(fields) > MAX_FORM_FIELDS:
        return [
            str(_("The application form has more than %(max)s fields.") % {"max": MAX_FORM_FIELDS})
        ]
    seen: set[str] = set()
    errors: list[str] = []
    for index, item in enumerate(fields, start=1):
        errors.extend(_form_field_errors(index, item, seen))
    return errors


def string_list_errors(value: Any) -> list[str]:
    """A list of distinct, non-empty texts (e.g. the numbers of legal texts)."""
    valid = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return [] if valid else [str(_("Enter a list of non-empty texts."))]


def channels_errors(value: Any) -> list[str]:
    """A list of distinct channel codes: direct, online, postal."""
    valid = (
        isinstance(value, list)
        and all(v in Channel.values for v in value)
        and len(set(value)) == len(value)
    )
    return [] if valid else [str(_("Enter distinct channels among: direct, online, postal."))]


def results_errors(value: Any) -> list[str]:
    """A list of ``{"name": <text>, "code": <text or null>}`` objects."""
    valid = isinstance(value, list) and all(
        isinstance(v, Mapping)
        and set(v) <= {"name", "code"}
        and isinstance(v.get("name"), str)
        and v["name"].strip()
        and (v.get("code") is None or isinstance(v.get("code"), str))
        for v in value
    )
    return [] if valid else [str(_("Enter a list of results with a name and an optional code."))]


def confidence_errors(value: Any) -> list[str]:
    """A map of component names to high, medium, low or none."""
    valid = isinstance(value, Mapping) and all(
        isinstance(k, str) and v in Confidence.values for k, v in value.items()
    )
    return [] if valid else [str(_("Map each component to high, medium, low or none."))]


def object_list_errors(value: Any) -> list[str]:
    """A list of JSON objects (descriptive data such as sources or time limits by case)."""
    valid = isinstance(value, list) and all(isinstance(v, Mapping) for v in value)
    return [] if valid else [str(_("Enter a list of objects."))]


def dossier_code_format_errors(template: str) -> list[str]:
    """Problems of a dossier-code template such as ``{agency}-{yymmdd}-{seq:04d}``."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return [str(_("The dossier code format is not a valid template."))]
    names = {name for _text, name, _spec, _conv in parsed if name is not None}
    if not names or not names <= DOSSIER_CODE_FIELDS or "seq" not in names:
        return [str(_("Use only {agency}, {yymmdd}, {yyyymmdd} and {seq}, and include {seq}."))]
    return []


def dossier_code_render(
    template: str, *, agency: str, received_on: datetime.date, sequence: int
) -> str:
    """A dossier code from a rule set's format. Under Circular 01/2018/TT-VPCP art. 19 the
    format is ``{agency}-{yymmdd}-{seq:04d}``: the receiving agency's identifier, the receipt
    date and the day's sequence number (e.g. ``000.00.00.H26-250714-0001``)."""
    return template.format(
        agency=agency,
        yymmdd=received_on.strftime("%y%m%d"),
        yyyymmdd=received_on.strftime("%Y%m%d"),
        seq=sequence,
    )


@dataclass(frozen=True)
class Period:
    """One rule set's validity: from ``starts`` to ``ends`` inclusive (``None``: open)."""

    code: str
    starts: datetime.date
    ends: datetime.date | None


def timeline_problems(
    periods: Iterable[Period], *, start: datetime.date = RULES_START
) -> list[str]:
    """Gaps and overlaps in a time line that must cover every day from ``start`` on with
    exactly one period; empty when the time line is sound."""
    ordered: Sequence[Period] = sorted(periods, key=lambda p: p.starts)
    if not ordered:
        return [str(_("No rule set is defined."))]
    problems = []
    if ordered[0].starts > start:
        problems.append(str(_("No rule set covers %(day)s.") % {"day": start.isoformat()}))
    for before, after in itertools.pairwise(ordered):
        expected = before.ends + datetime.timedelta(days=1) if before.ends else None
        if expected is None or after.starts < expected:
            problems.append(
                str(
                    _("%(first)s and %(second)s overlap.")
                    % {"first": before.code, "second": after.code}
                )
            )
        elif after.starts > expected:
            problems.append(str(_("No rule set covers %(day)s.") % {"day": expected.isoformat()}))
    if ordered[-1].ends is not None:
        problems.append(
            str(
                _("No rule set covers the days after %(day)s.")
                % {"day": ordered[-1].ends.isoformat()}
            )
        )
    return problems


_S = DossierStatus
UNRECEIVED = (_S.DRAFT, _S.SUBMITTED)

# Where a dossier may go from where it stands (Decree 61/2018/NĐ-CP arts. 15–20). The services
# check it and the officer's page offers only what it allows. ``target=None``: the status
# stays (a step inside processing, the apology). The last two are not moves but the states
# in which the applicant may still act on the dossier.
DOSSIER_TRANSITIONS = TransitionTable(
    Transition("submit", [_S.DRAFT], _S.SUBMITTED),
    Transition("withdraw", UNRECEIVED, _S.WITHDRAWN),
    Transition("receive", UNRECEIVED, _S.PROCESSING),
    Transition("request_completion", UNRECEIVED, _S.DRAFT),
    Transition("refuse_at_desk", UNRECEIVED, _S.REFUSED),
    Transition("forward", [_S.PROCESSING]),
    Transition("send_back", [_S.PROCESSING]),
    Transition("handover", [_S.PROCESSING]),
    Transition("request_supplement", [_S.PROCESSING], _S.SUPPLEMENT_REQUESTED),
    Transition("supplement_received", [_S.SUPPLEMENT_REQUESTED], _S.PROCESSING),
    Transition("refuse", [_S.PROCESSING], _S.REFUSED),
    Transition("record_result", [_S.PROCESSING], _S.RESULT_READY),
    Transition("apologize", [_S.PROCESSING, _S.SUPPLEMENT_REQUESTED]),
    Transition("return_result", [_S.RESULT_READY], _S.RETURNED),
    Transition("rate", [_S.RESULT_READY, _S.RETURNED]),
    Transition("pay", [_S.SUBMITTED, *OPEN_STATUSES]),
    label=lambda status: str(DossierStatus(status).label),
    message=_("This action is not possible while the dossier is “%(status)s”."),
    error=WrongDossierState,
)


# The default internal procedure (see ``services.desk_routing``): what the competent unit's
# head keeps for approving the result, a fifth of the time limit within [1 hour, 1 day].
DEFAULT_APPROVAL_MIN = Decimal("0.125")
DEFAULT_APPROVAL_MAX = Decimal("1")


def default_process_allowances(total_days: Decimal) -> tuple[Decimal, Decimal] | None:
    """The time allowances (processing, approval) of the default internal procedure for a
    time limit of ``total_days`` working days, in whole hours (0.125 day) adding up to it
    exactly; ``None`` when the limit is too short to divide (under two hours) or not in whole
    hours."""
    unit = DEFAULT_APPROVAL_MIN
    if total_days < 2 * unit or total_days % unit:
        return None
    fifth = (total_days / 5 // unit) * unit
    approval = min(DEFAULT_APPROVAL_MAX, max(unit, fifth))
    return total_days - approval, approval
