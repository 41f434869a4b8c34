"""Dossiers submitted on the national public-service portal (DVCQG) come to the city: the pull
fetches them through the integration layer's adapter, maps each national procedure code to the
city's procedure, and registers each dossier once, submitted online to the unit named by its
agency code (``MaCoQuan``), with the portal's dossier code (so the statuses pushed back name the
dossier the portal knows).

- Idempotent: each national dossier code has one ``NationalDossierIntake`` row; a dossier is
  registered once however often it is pulled (the row is locked while it is registered).
- A national code without a mapping (and not itself a code of the city's catalog) waits as
  "unmapped"; the officer's page lists those codes, and mapping one registers its waiting
  dossiers at once.
- A dossier that cannot be registered (no unit with its agency code, a unit that does not
  handle the procedure, its code already used here, form data that does not fit the
  procedure's form) is kept with the reason; the next pull tries it again.
- The form data (``DuLieuBieuMau``) is checked against the city procedure's form fields as an
  online form is (types, required fields, choices); it is stored as that check cleans it, the
  portal's message as given stays on the intake row.

Runs from ``egov national_dossiers_pull`` (cron; ``--date`` pulls from that day) or from the
officer's page as a job of ``egov.jobs``.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.accounts.rules import is_valid_citizen_id, is_valid_tax_code
from egov.audit.services import event_record
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.progress import ProgressCallback
from egov.integration.services.portal_intake import PortalDossier, portal_dossiers_fetch
from egov.jobs.models import Job
from egov.jobs.services import JobResult, job_start
from egov.onestop.choices import (
    ApplicantKind,
    AuditAction,
    Channel,
    DossierStatus,
    NationalIntakeState,
)
from egov.onestop.models import (
    Dossier,
    NationalDossierIntake,
    NationalProcedureMapping,
    Procedure,
)
from egov.onestop.selectors.catalog import procedure_in_force
from egov.onestop.selectors.rules import ruleset_in_force
from egov.onestop.services.dossier_officer import search_text
from egov.onestop.services.dossier_state import dossier_transition
from egov.onestop.services.form_data import form_data_clean
from egov.onestop.services.online import (
    InvalidApplication,
    competent_unit_check,
    receiving_desk_for,
)
from egov.orgs.access import acts_for_the_city
from egov.orgs.models import OrgUnit

NATIONAL_PULL = "onestop.national_pull"
FORM_VALUE_LIMIT = 2000
FORM_FIELDS_LIMIT = 200


def may_map_national_procedures(actor: Any) -> bool:
    """The city's catalog is city-wide: officers of the city office map national codes and
    pull dossiers by hand."""
    return acts_for_the_city(actor)


def mapper_require(actor: Any) -> None:
    if not may_map_national_procedures(actor):
        raise PermissionDenied(
            _("Only officers of the city office map national procedures and pull dossiers.")
        )


@dataclass
class PullReport:
    fetched: int = 0
    registered: int = 0
    already: int = 0
    unmapped: int = 0
    failed: int = 0
    malformed: list[str] = dataclasses.field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "fetched": self.fetched,
            "registered": self.registered,
            "already": self.already,
            "unmapped": self.unmapped,
            "failed": self.failed,
            "malformed": len(self.malformed),
        }


def national_procedure_for(national_code: str, on: datetime.date) -> Procedure | None:
    """The city's procedure (the version in force on ``on``) for a national procedure code:
    the mapping's, else the same code in the city's catalog."""
    mapping = NationalProcedureMapping.objects.filter(national_code=national_code).first()
    return procedure_in_force(mapping.procedure_code if mapping else national_code, on)


def _form_data(raw: Any) -> dict[str, Any]:
    """The portal's form fields as given, bounded: text and numbers only."""
    if not isinstance(raw, dict):
        return {}
    kept: dict[str, Any] = {}
    for key, value in list(raw.items())[:FORM_FIELDS_LIMIT]:
        if isinstance(value, bool | int | float):
            kept[str(key)[:100]] = value
        elif isinstance(value, str):
            kept[str(key)[:100]] = value[:FORM_VALUE_LIMIT]
    return kept


def _record(dossier: PortalDossier) -> dict[str, Any]:
    record = dataclasses.asdict(dossier)
    record["submitted_at"] = dossier.submitted_at.isoformat()
    record["form_data"] = _form_data(dossier.form_data)
    return record


def national_dossier_take(dossier: PortalDossier) -> str:
    """Take one dossier of the portal: its intake row (created once), then registered unless
    it was already. Returns "registered", "already", "unmapped" or "failed"."""
    with transaction.atomic():
        intake, _created = NationalDossierIntake.objects.get_or_create(
            national_code=dossier.national_code,
            defaults={
                "national_procedure_code": dossier.procedure_code,
                "agency_code": dossier.agency_code,
                "record": _record(dossier),
                "state": NationalIntakeState.UNMAPPED,
                "submitted_at": dossier.submitted_at,
            },
        )
        intake = NationalDossierIntake.objects.select_for_update().get(pk=intake.pk)
        if intake.state == NationalIntakeState.REGISTERED:
            return "already"
        return _register(intake)


def _register(intake: NationalDossierIntake) -> str:
    """Register a locked intake as a dossier, or record why not (inside the caller's
    transaction; the dossier's own writes are a savepoint, undone if they fail)."""
    day = timezone.localdate(intake.submitted_at)
    procedure = national_procedure_for(intake.national_procedure_code, day)
    if procedure is None:
        return _not_yet(
            intake,
            NationalIntakeState.UNMAPPED,
            _("The national procedure %(code)s is not mapped to a procedure of the city.")
            % {"code": intake.national_procedure_code},
        )
    try:
        with transaction.atomic():
            dossier = _dossier_create(intake, procedure)
    except DomainError as exc:
        return _not_yet(intake, NationalIntakeState.FAILED, exc.message)
    intake.state = NationalIntakeState.REGISTERED
    intake.dossier = dossier
    intake.problem = ""
    intake.registered_at = timezone.now()
    intake.save(update_fields=["state", "dossier", "problem", "registered_at"])
    return "registered"


def _not_yet(intake: NationalDossierIntake, state: str, problem: str) -> str:
    intake.state, intake.problem = state, problem[:300]
    intake.save(update_fields=["state", "problem"])
    return "unmapped" if state == NationalIntakeState.UNMAPPED else "failed"


def _applicant(id_number: str) -> tuple[User | None, str]:
    if is_valid_citizen_id(id_number):
        return User.objects.filter(citizen_id=id_number).first(), ApplicantKind.PERSON
    if is_valid_tax_code(id_number):
        return User.objects.filter(tax_code=id_number).first(), ApplicantKind.ORGANISATION
    return None, ApplicantKind.PERSON


def _form_checked(procedure: Procedure, raw: Any) -> dict[str, Any]:
    """The portal's form data checked against the procedure's form fields; the fields that do
    not fit are named in the error (never their values: personal data)."""
    result = form_data_clean(procedure.form_fields or [], raw if isinstance(raw, dict) else {})
    if result.errors:
        named = "; ".join(f"{name}: {message}" for name, message in sorted(result.errors.items()))
        raise InvalidApplication(
            _("The form data does not fit the form of procedure %(code)s: %(fields)s")
            % {"code": procedure.code, "fields": named}
        )
    return result.cleaned


def _dossier_create(intake: NationalDossierIntake, procedure: Procedure) -> Dossier:
    record = intake.record
    form_data = _form_checked(procedure, record.get("form_data"))
    unit = OrgUnit.objects.active().filter(agency_code=intake.agency_code).first()
    if unit is None:
        raise InvalidApplication(
            _("No unit of the city has the agency code %(code)s.") % {"code": intake.agency_code}
        )
    competent = competent_unit_check(procedure, unit)
    receiving = receiving_desk_for(competent)
    if Dossier.objects.filter(code=intake.national_code).exists():
        raise InvalidApplication(
            _("A dossier with the code %(code)s already exists here.")
            % {"code": intake.national_code}
        )
    applicant, kind = _applicant(record.get("applicant_id_number", ""))
    dossier = Dossier(
        procedure=procedure,
        channel=Channel.ONLINE,
        status=DossierStatus.DRAFT,
        applicant=applicant,
        applicant_kind=kind,
        applicant_name=record.get("applicant_name", "")[:200],
        applicant_id_number=record.get("applicant_id_number", "")[:14],
        applicant_phone=record.get("applicant_phone", "")[:15],
        applicant_email=record.get("applicant_email", "")[:254],
        applicant_address=record.get("applicant_address", "")[:300],
        form_data=form_data,
    )
    dossier.search_text = search_text(dossier)
    dossier.save()
    event_record(
        actor=None,
        action=AuditAction.DOSSIER_FROM_NATIONAL_PORTAL,
        obj=dossier,
        changes={
            "national_code": intake.national_code,
            "national_procedure": intake.national_procedure_code,
            "procedure": procedure.code,
            "version": procedure.version,
        },
    )
    ruleset = ruleset_in_force(timezone.localdate(intake.submitted_at))
    return dossier_transition(
        actor=None,
        dossier=dossier,
        transition="submit",
        action=AuditAction.DOSSIER_SUBMITTED,
        changes={"channel": "national_portal"},
        fields={
            "code": intake.national_code,
            "ruleset_id": ruleset.pk,
            "competent_unit_id": competent.pk,
            "receiving_unit_id": receiving.pk,
            "submitted_at": intake.submitted_at,
        },
    )


def national_dossiers_pull(
    *, since: datetime.datetime, actor: Any = None, progress: ProgressCallback | None = None
) -> PullReport:
    """Fetch the dossiers submitted on the portal since ``since`` and take each one.
    :class:`~egov.integration.exceptions.ConnectorUnavailable` when the portal cannot be
    reached (nothing changes here)."""
    batch = portal_dossiers_fetch(since=since, actor=actor)
    report = PullReport(fetched=len(batch.dossiers), malformed=list(batch.malformed))
    outcomes: Counter[str] = Counter()
    for done, dossier in enumerate(batch.dossiers, start=1):
        outcomes[national_dossier_take(dossier)] += 1
        if progress is not None:
            progress("write", done, len(batch.dossiers))
    report.registered = outcomes["registered"]
    report.already = outcomes["already"]
    report.unmapped = outcomes["unmapped"]
    report.failed = outcomes["failed"]
    return report


def national_procedure_map(
    *, actor: Any, national_code: str, procedure_code: str
) -> tuple[NationalProcedureMapping, int]:
    """Map a national procedure code to a procedure of the city's catalog (or change its
    mapping), then register the dossiers that waited for it. Returns the mapping and how many
    waiting dossiers were registered."""
    mapper_require(actor)
    national_code, procedure_code = national_code.strip()[:40], procedure_code.strip()[:40]
    if not national_code:
        raise InvalidApplication(
            _("Give the national procedure code."), fields={"national_code": _("Required.")}
        )
    if not Procedure.objects.filter(code=procedure_code).exists():
        message = _("No procedure of the city's catalog has this code.")
        raise InvalidApplication(message, fields={"procedure_code": message})
    with transaction.atomic():
        mapping, created = NationalProcedureMapping.objects.select_for_update().get_or_create(
            national_code=national_code,
            defaults={"procedure_code": procedure_code, "mapped_by": actor},
        )
        before = "" if created else mapping.procedure_code
        if before != procedure_code:
            mapping.procedure_code = procedure_code
            mapping.mapped_by, mapping.mapped_at = actor, timezone.now()
            mapping.save(update_fields=["procedure_code", "mapped_by", "mapped_at"])
            event_record(
                actor=actor,
                action=AuditAction.NATIONAL_PROCEDURE_MAPPED,
                obj=mapping,
                changes={
                    "national_code": national_code,
                    "procedure_code": [before, procedure_code],
                },
            )
    registered = 0
    waiting = NationalDossierIntake.objects.filter(
        national_procedure_code=national_code, state=NationalIntakeState.UNMAPPED
    ).values_list("pk", flat=True)
    for pk in list(waiting):
        with transaction.atomic():
            intake = NationalDossierIntake.objects.select_for_update().get(pk=pk)
            if intake.state == NationalIntakeState.UNMAPPED and _register(intake) == "registered":
                registered += 1
    return mapping, registered


def pull_since(day: datetime.date) -> datetime.datetime:
    """The start of ``day`` in the city's time zone."""
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


PULL_WINDOW_DAYS = 30


def national_pull_start(*, actor: Any) -> Job:
    """Pull now (the officer's page): a job of ``egov.jobs`` over the last PULL_WINDOW_DAYS
    days (what was taken already is not taken again)."""
    from egov.onestop.tasks import national_pull_run

    mapper_require(actor)
    since = pull_since(timezone.localdate() - datetime.timedelta(days=PULL_WINDOW_DAYS))
    return job_start(
        actor=actor,
        kind=NATIONAL_PULL,
        title=_("Pull the dossiers submitted on the national portal"),
        task=national_pull_run,
        params={"since": since.isoformat()},
    )


def national_pull_work(job: Job, progress: ProgressCallback) -> JobResult:
    since = parse_datetime(job.params["since"])
    report = national_dossiers_pull(since=since, actor=job.started_by, progress=progress)
    return JobResult(url=reverse("onestop:national-intake"), summary=pull_summary(report))


def pull_summary(report: PullReport) -> str:
    lines = [
        _(
            "%(fetched)s dossiers read from the national portal: %(registered)s registered, "
            "%(already)s registered before, %(unmapped)s waiting for a procedure mapping, "
            "%(failed)s not registered, %(malformed)s unreadable."
        )
        % report.counts()
    ]
    lines += report.malformed[:50]
    return "\n".join(lines)
