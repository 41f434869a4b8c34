"""Dossier actions once stored as ``dossier.*`` keep their meaning in the history."""

from __future__ import annotations

import pytest
from django.utils import translation

from egov.audit.actions import UndeclaredAuditAction, action_check
from egov.audit.models import AuditEvent
from egov.onestop.choices import AUDIT_ACTIONS_LEGACY, AuditAction


def test_a_legacy_code_is_labelled_like_the_code_that_replaced_it():
    stored = AuditEvent(action="dossier.submitted")

    with translation.override("vi"):
        assert stored.action_label == "Nộp hồ sơ trực tuyến"
    assert AUDIT_ACTIONS_LEGACY["dossier.submitted"] == AuditAction.DOSSIER_SUBMITTED


def test_new_entries_cannot_use_a_legacy_code():
    with pytest.raises(UndeclaredAuditAction):
        action_check("dossier.submitted")
