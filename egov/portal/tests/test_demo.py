"""The demo data loads through the real services: every dossier state, an intact audit chain
and the figures of the replayed history."""

from __future__ import annotations

import pytest

from egov.audit.selectors import audit_chain_verify
from egov.directives.models import Task
from egov.documents.models import Document
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier, DossierDayFigure
from egov.portal.demo import demo_load

# Never set by a service (the desk's receipt moves a dossier straight into processing), or
# outside the demo's stories.
NOT_IN_DEMO = {
    DossierStatus.DRAFT,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
    DossierStatus.PAYMENT_REQUESTED,
    DossierStatus.RECEIVED,
}


@pytest.mark.django_db(transaction=False)
def test_demo_load_replays_dossiers_in_every_state(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    settings.EGOV_SIGNING_KEY_DIR = tmp_path / "pki"
    settings.EGOV_TRUSTED_ROOTS = [str(tmp_path / "pki" / "root-ca.pem")]
    with django_capture_on_commit_callbacks(execute=True):
        demo_load(dossiers=30)

    statuses = set(Dossier.objects.values_list("status", flat=True))
    assert set(DossierStatus) - NOT_IN_DEMO <= statuses
    assert Dossier.objects.filter(procedure__code="HN-040", channel="direct").exists()
    assert Dossier.objects.filter(channel="online").exclude(status="submitted").exists()
    assert audit_chain_verify().is_intact
    assert DossierDayFigure.objects.exists()
    # documents signed with the demo key store, delivered inside the platform; directives
    issued = Document.objects.filter(direction="outgoing", status="issued")
    assert issued.filter(files__kind="signed").exists()
    assert Document.objects.filter(direction="incoming", source__isnull=False).exists()
    assert Task.objects.exists()
