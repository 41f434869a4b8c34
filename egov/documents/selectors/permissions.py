"""Who may do what to a document: the predicates the services enforce and the pages use to
show only the actions allowed. Roles are those of :class:`egov.orgs.choices.Role`.

- a specialist (or a head) of the drafting division drafts;
- the head of the drafting division (or a unit head over it) reviews, approves or returns;
- the head of the issuing unit signs and issues (and may return an approved draft);
- the clerk (or the head) of the unit sends issued documents, registers and returns incoming
  ones; the head of the unit fills in the handling slip; the lead unit handles.
"""

from __future__ import annotations

from collections.abc import Iterable

from egov.accounts.models import User
from egov.documents.choices import DocumentStatus
from egov.documents.models import Document, DocumentReader
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import Role
from egov.orgs.models import OrgUnit
from egov.workflow.models import StepInstance
from egov.workflow.rules import may_act

DRAFTERS = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD)
REVIEWERS = (Role.DIVISION_HEAD, Role.UNIT_HEAD)
SIGNERS = (Role.UNIT_HEAD,)
SENDERS = (Role.CLERK, Role.UNIT_HEAD)
REGISTRARS = (Role.CLERK,)
PAPER_REGISTRARS = (Role.CLERK, Role.UNIT_HEAD)
RETURNERS = (Role.CLERK, Role.UNIT_HEAD)
DIRECTORS = (Role.UNIT_HEAD,)
LINKERS = (Role.SPECIALIST, Role.DIVISION_HEAD, Role.UNIT_HEAD, Role.CLERK)


def acts_for(user: User | None, unit: OrgUnit | None, roles: Iterable[str]) -> bool:
    return unit is not None and user is not None and can_act_for_unit(user, unit, roles=list(roles))


def may_edit_draft(user: User, document: Document) -> bool:
    """A draft: its creator or a head of the drafting unit; a draft in review: that head."""
    if document.status == DocumentStatus.DRAFT:
        return user.pk == document.created_by_id or acts_for(
            user, document.drafting_unit, REVIEWERS
        )
    return document.status == DocumentStatus.IN_REVIEW and acts_for(
        user, document.drafting_unit, REVIEWERS
    )


def may_review(user: User, document: Document) -> bool:
    return acts_for(user, document.drafting_unit, REVIEWERS)


def may_sign(user: User, document: Document) -> bool:
    return acts_for(user, document.unit, SIGNERS)


def may_return_draft(user: User, document: Document) -> bool:
    if document.status == DocumentStatus.IN_REVIEW:
        return may_review(user, document)
    return document.status == DocumentStatus.APPROVED and (
        may_review(user, document) or may_sign(user, document)
    )


def may_send(user: User, document: Document) -> bool:
    return acts_for(user, document.unit, SENDERS)


def may_link(user: User, document: Document) -> bool:
    return acts_for(user, document.unit, LINKERS) or acts_for(user, document.drafting_unit, LINKERS)


def may_name_readers(user: User, document: Document) -> bool:
    """On a secret document: its creator, its signer, or a head of its unit named on it."""
    if user.pk in (document.created_by_id, document.signer_id):
        return True
    named = DocumentReader.objects.filter(document=document, user=user).exists()
    return named and acts_for(user, document.unit, DIRECTORS)


def may_act_on_step(user: User | None, step: StepInstance) -> bool:
    """The workflow engine's rule (ADR 0005): the step's role in or over its unit (unassigned
    or assigned to the user), or a head above that role."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return may_act(
        step_role=step.role,
        step_assignee_id=step.assignee_id,
        actor_id=user.pk,
        holds=lambda roles: any(acts_for(user, step.unit, [role]) for role in roles),
    )
