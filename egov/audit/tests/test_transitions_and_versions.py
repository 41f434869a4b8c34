"""The shared mechanisms every app's state changes go through: the declared transition table
(pure), the one ``require_text``, and the versioned-row write with its single audit entry."""

from __future__ import annotations

import pytest
from django.utils import translation

from egov.audit.choices import AuditAction
from egov.audit.models import AuditEvent
from egov.audit.versioned import row_lock, version_check, versioned_update
from egov.common.exceptions import ConcurrentChange, DomainError
from egov.common.transitions import Transition, TransitionTable, WrongState
from egov.common.validation import TextRequired, require_text
from egov.directives.rules import EXTENSION_TRANSITIONS, REPORT_TRANSITIONS
from egov.documents.rules import DOCUMENT_TRANSITIONS
from egov.onestop.choices import DossierStatus
from egov.onestop.exceptions import WrongDossierState
from egov.onestop.rules import DOSSIER_TRANSITIONS
from egov.onestop.selectors.dossier_detail import DESK_ACTIONS
from egov.workflow.models import ProcessInstance
from egov.workflow.rules import INSTANCE_TRANSITIONS
from egov.workflow.tests.factories import at, started


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


LETTER = TransitionTable(
    Transition("send", ["draft"], "sent"),
    Transition("edit", ["draft", "returned"]),
    Transition("answer", ["sent"], "answered", message="Not while %(status)s, answered."),
    label=str.upper,
)


def test_a_table_says_what_is_allowed_where_and_where_it_leads():
    assert (LETTER.can("send", "draft"), LETTER.can("send", "sent")) == (True, False)
    assert LETTER.available("draft") == {"send", "edit"}
    assert LETTER.available("answered") == frozenset()
    assert (LETTER.target("send", "draft"), LETTER.target("edit", "returned")) == (
        "sent",
        "returned",
    )


def test_a_refusal_names_the_state_with_the_table_or_transition_wording():
    with pytest.raises(WrongState) as refused:
        LETTER.check("send", "sent")
    assert (refused.value.code, refused.value.status, refused.value.message) == (
        "wrong_state",
        409,
        "This is not possible while the item is SENT.",
    )
    with pytest.raises(WrongState) as refused:
        LETTER.check("answer", "draft")
    assert refused.value.message == "Not while DRAFT, answered."


def test_a_transition_is_declared_once():
    with pytest.raises(ValueError, match="declared twice"):
        TransitionTable(Transition("a", ["x"]), Transition("a", ["y"]))


def test_the_dossier_table_keeps_the_one_stop_wording():
    with pytest.raises(WrongDossierState) as refused:
        DOSSIER_TRANSITIONS.check("receive", DossierStatus.PROCESSING)
    assert refused.value.code == "wrong_dossier_state"
    assert refused.value.message == (
        "This action is not possible while the dossier is “Being processed”."
    )


def test_every_action_a_page_offers_is_a_declared_transition():
    assert set(DOSSIER_TRANSITIONS.names) >= DESK_ACTIONS
    for name in ("edit", "submit", "approve", "return_draft", "sign_issue", "send"):
        assert name in DOCUMENT_TRANSITIONS
    for name in ("accept", "return", "assign", "progress", "complete"):
        assert name in DOCUMENT_TRANSITIONS
    assert set(REPORT_TRANSITIONS.names) == {"save", "submit", "accept", "return"}
    assert set(EXTENSION_TRANSITIONS.names) == {"grant", "refuse"}
    assert INSTANCE_TRANSITIONS.available("finished") == frozenset()


@pytest.mark.parametrize(
    ("field", "message"),
    [("reason", "Give the reason."), ("note", "This field is required.")],
)
def test_one_require_text_with_one_wording_per_meaning(field, message):
    assert require_text("  Sai thủ tục ", field) == "Sai thủ tục"
    with pytest.raises(TextRequired) as refused:
        require_text(" \n", field)
    assert isinstance(refused.value, DomainError)
    assert (refused.value.code, refused.value.fields) == ("required", {field: message})


def test_a_versioned_write_bumps_the_version_and_audits_the_diff_once(world, citizen):
    started_instance = started(world, citizen, received_at=at(2025, 1, 22, 10))
    instance = row_lock(ProcessInstance.objects.all(), started_instance.pk)
    with pytest.raises(ConcurrentChange) as refused:
        version_check(instance, instance.version + 1, item="Hồ sơ 0001")
    assert "Someone else changed “Hồ sơ 0001” first" in refused.value.message
    version_check(instance, instance.version)
    version_check(instance, None)

    before = instance.version
    versioned_update(
        actor=None,
        row=instance,
        action=AuditAction.ADMIN_CHANGED,
        fields={"closing_note": "Ghi chú", "subject_label": instance.subject_label},
        changes={"reason": "Thử"},
    )

    instance.refresh_from_db()
    assert (instance.version, instance.closing_note) == (before + 1, "Ghi chú")
    event = AuditEvent.objects.get(action=AuditAction.ADMIN_CHANGED)
    assert event.changes == {"closing_note": ["", "Ghi chú"], "reason": "Thử"}
