"""Every applicant upload path refuses the shared hostile files and stores nothing."""

from __future__ import annotations

import pytest

from egov.audit.models import AuditEvent
from egov.common.files import FileRefused
from egov.common.testing import files as samples
from egov.onestop.models import DossierFile
from egov.onestop.services.uploads import dossier_file_upload, dossier_supplement_upload
from egov.onestop.tests.online_helpers import (
    agency_code_set,
    draft_for,
    online_procedure,
    status_force,
    submitted_for,
    upload,
)

pytestmark = pytest.mark.django_db
HOSTILE = [*samples.HOSTILE, samples.Hostile("oversize", "don.pdf", lambda: b"", "file_too_big")]


def _content(hostile: samples.Hostile, settings) -> bytes:
    if hostile.id == "oversize":
        return samples.oversize(settings.EGOV_UPLOAD_MAX_BYTES)
    return hostile.build()


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


def _assert_refused(refused: FileRefused, files_before: int) -> None:
    assert refused.message
    assert refused.fields == {"file": refused.message}
    assert DossierFile.objects.count() == files_before
    assert not AuditEvent.objects.filter(action="dossier.file_added").exists()


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.id)
def test_a_draft_upload_refuses_the_file(citizen, procedure, hostile, settings):
    draft = draft_for(citizen, procedure, with_file=False)

    with pytest.raises(FileRefused) as refused:
        dossier_file_upload(
            actor=citizen,
            dossier=draft,
            upload=upload(hostile.filename, _content(hostile, settings)),
        )

    _assert_refused(refused.value, 0)


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.id)
def test_a_supplement_refuses_the_file(citizen, procedure, world, hostile, settings):
    dossier = status_force(
        submitted_for(citizen, procedure, world.district_a), "supplement_requested"
    )
    before = DossierFile.objects.count()

    with pytest.raises(FileRefused) as refused:
        dossier_supplement_upload(
            actor=citizen,
            dossier=dossier,
            uploads=[
                upload("a.pdf", samples.pdf()),
                upload(hostile.filename, _content(hostile, settings)),
            ],
        )

    assert refused.value.message
    assert DossierFile.objects.count() == before
    dossier.refresh_from_db()
    assert dossier.status == "supplement_requested"


@pytest.mark.parametrize(
    ("name", "build", "content_type"),
    [
        ("don.pdf", samples.pdf, "application/pdf"),
        ("anh.jpg", samples.jpeg, "image/jpeg"),
        ("anh.png", samples.png, "image/png"),
    ],
)
def test_good_files_are_stored(citizen, procedure, name, build, content_type):
    draft = draft_for(citizen, procedure, with_file=False)

    stored = dossier_file_upload(actor=citizen, dossier=draft, upload=upload(name, build()))

    assert (stored.content_type, DossierFile.objects.count()) == (content_type, 1)
