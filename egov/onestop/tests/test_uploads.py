"""Uploads are judged by their bytes: type sniffed, size limits, generated storage names,
SHA-256, and the supplement sent back to the desk."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from django.test import override_settings
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.testing import files as samples
from egov.onestop.choices import AuditAction
from egov.onestop.models import DossierFile
from egov.onestop.services.dossier_state import WrongDossierState
from egov.onestop.services.uploads import (
    FileRefused,
    dossier_file_remove,
    dossier_file_upload,
    dossier_supplement_upload,
)
from egov.onestop.tests.factories import RequiredDocumentFactory
from egov.onestop.tests.online_helpers import (
    EXE,
    JPEG,
    PDF,
    PDF_WITH_SCRIPT,
    PNG,
    agency_code_set,
    draft_for,
    first_document,
    online_procedure,
    other_citizen,
    received_online,
    status_force,
    submitted_for,
    upload,
)

pytestmark = pytest.mark.django_db
MB = 1024 * 1024
HAS_PROCESSING = importlib.util.find_spec("egov.onestop.services.processing") is not None


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


@pytest.fixture
def draft(citizen, procedure):
    return draft_for(citizen, procedure, with_file=False)


def _refused(citizen, draft, content: bytes, name: str = "don.pdf") -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        dossier_file_upload(actor=citizen, dossier=draft, upload=upload(name, content))
    assert DossierFile.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditAction.DOSSIER_FILE_ADDED).exists()
    return caught.value


def test_a_pdf_is_stored_under_a_generated_name_with_its_hash(citizen, procedure, draft):
    stored = dossier_file_upload(
        actor=citizen,
        dossier=draft,
        upload=upload("Đơn xin.pdf", PDF),
        required_document=first_document(procedure),
    )

    assert (stored.kind, stored.content_type, stored.size) == (
        "application",
        "application/pdf",
        len(PDF),
    )
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert stored.original_name == "Đơn xin.pdf"
    assert stored.file.name.startswith("dossiers/")
    assert stored.file.name.endswith(".pdf")
    assert "Đơn" not in stored.file.name
    assert stored.file.read() == PDF
    event = AuditEvent.objects.get(action=AuditAction.DOSSIER_FILE_ADDED)
    assert event.changes["sha256"] == stored.sha256


def test_an_exe_renamed_pdf_is_refused(citizen, draft):
    error = _refused(citizen, draft, EXE, name="don.pdf")

    assert error.message == "Only PDF, JPEG and PNG files are accepted."
    assert error.code == "file_type_refused"
    assert error.fields == {"file": "Only PDF, JPEG and PNG files are accepted."}


def test_a_png_declared_as_pdf_is_stored_as_png(citizen, draft):
    stored = dossier_file_upload(
        actor=citizen, dossier=draft, upload=upload("scan.pdf", PNG, content_type="application/pdf")
    )

    assert stored.content_type == "image/png"
    assert stored.file.name.endswith(".png")
    assert stored.original_name == "scan.pdf"


def test_an_empty_file_is_refused(citizen, draft):
    assert _refused(citizen, draft, b"").message == "The file is empty."


def test_a_file_over_the_default_limit_is_refused(citizen, draft):
    error = _refused(citizen, draft, samples.oversize(10 * MB))

    assert error.message == "The file is larger than 10 MB."
    assert error.code == "file_too_big"


@override_settings(EGOV_UPLOAD_MAX_BYTES=2 * MB)
def test_the_limit_is_a_setting_read_at_each_call(citizen, draft):
    dossier_file_upload(actor=citizen, dossier=draft, upload=upload("a.pdf", samples.pdf(size=MB)))

    error = _refused_more(citizen, draft, samples.oversize(2 * MB))

    assert error.message == "The file is larger than 2 MB."


def _refused_more(citizen, draft, content: bytes) -> FileRefused:
    with pytest.raises(FileRefused) as caught:
        dossier_file_upload(actor=citizen, dossier=draft, upload=upload("b.pdf", content))
    return caught.value


@override_settings(EGOV_DOSSIER_MAX_BYTES=2 * MB)
def test_a_dossier_has_a_total_size_limit(citizen, draft):
    dossier_file_upload(actor=citizen, dossier=draft, upload=upload("a.pdf", samples.pdf(size=MB)))

    error = _refused_more(citizen, draft, samples.pdf(size=MB + 4000))

    assert error.message == "The files of a dossier may not exceed 2 MB in total."
    assert DossierFile.objects.count() == 1


@override_settings(EGOV_DOSSIER_MAX_FILES=1)
def test_a_dossier_has_a_file_count_limit(citizen, draft):
    dossier_file_upload(actor=citizen, dossier=draft, upload=upload("a.jpg", JPEG))

    error = _refused_more(citizen, draft, PNG)

    assert error.message == "A dossier may have at most 1 files."


def test_a_pdf_with_a_script_is_refused(citizen, draft):
    error = _refused(citizen, draft, PDF_WITH_SCRIPT)

    assert error.message == "PDF files with scripts or embedded files are not accepted."


def test_the_users_path_never_reaches_storage(citizen, draft):
    stored = dossier_file_upload(
        actor=citizen, dossier=draft, upload=upload("../../etc/passwd.pdf", PDF)
    )

    assert stored.original_name == "passwd.pdf"
    assert stored.file.name.startswith("dossiers/")
    assert ".." not in stored.file.name


def test_no_upload_after_submission(citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)

    with pytest.raises(WrongDossierState) as caught:
        dossier_file_upload(actor=citizen, dossier=dossier, upload=upload("a.pdf", PDF))

    assert caught.value.message == "Files cannot be added to the dossier now."
    assert DossierFile.objects.count() == 1


def test_only_the_applicant_uploads(draft):
    with pytest.raises(PermissionDenied):
        dossier_file_upload(actor=other_citizen(), dossier=draft, upload=upload("a.pdf", PDF))

    assert DossierFile.objects.count() == 0


def test_a_document_of_another_procedure_is_refused(citizen, draft):
    foreign = RequiredDocumentFactory()

    with pytest.raises(DomainError) as caught:
        dossier_file_upload(
            actor=citizen, dossier=draft, upload=upload("a.pdf", PDF), required_document=foreign
        )

    assert caught.value.code == "wrong_document"
    assert DossierFile.objects.count() == 0


def test_a_draft_file_can_be_removed(citizen, draft, django_capture_on_commit_callbacks):
    stored = dossier_file_upload(actor=citizen, dossier=draft, upload=upload("a.pdf", PDF))
    name, storage = stored.file.name, stored.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        dossier_file_remove(actor=citizen, file=stored)

    assert DossierFile.objects.count() == 0
    assert not storage.exists(name)
    assert AuditEvent.objects.filter(action=AuditAction.DOSSIER_FILE_REMOVED).count() == 1


def test_supplement_files_need_a_supplement_request(citizen, procedure, world):
    dossier = submitted_for(citizen, procedure, world.district_a)

    with pytest.raises(WrongDossierState):
        dossier_supplement_upload(actor=citizen, dossier=dossier, uploads=[upload("b.pdf", PDF)])

    assert DossierFile.objects.filter(kind="supplement").count() == 0


def test_a_supplement_needs_at_least_one_file(citizen, procedure, world):
    dossier = status_force(
        submitted_for(citizen, procedure, world.district_a), "supplement_requested"
    )

    with pytest.raises(FileRefused) as caught:
        dossier_supplement_upload(actor=citizen, dossier=dossier, uploads=[])

    assert caught.value.message == "Choose at least one file to send."


def test_a_bad_supplement_file_stores_none_of_them(citizen, procedure, world):
    dossier = status_force(
        submitted_for(citizen, procedure, world.district_a), "supplement_requested"
    )

    with pytest.raises(FileRefused):
        dossier_supplement_upload(
            actor=citizen, dossier=dossier, uploads=[upload("b.pdf", PDF), upload("c.pdf", EXE)]
        )

    assert DossierFile.objects.filter(kind="supplement").count() == 0


@pytest.mark.skipif(
    not HAS_PROCESSING,
    reason="egov.onestop.services.processing (the desk helper's "
    "dossier_supplement_received) is not written yet",
)
def test_the_supplement_goes_back_to_processing(citizen, procedure, world, front_desk_officer):
    from egov.onestop.services.processing import dossier_request_supplement

    dossier = received_online(citizen, procedure, world, front_desk_officer)
    dossier = dossier_request_supplement(
        actor=front_desk_officer, dossier=dossier, reason="Bổ sung bản vẽ mặt bằng"
    )

    resumed = dossier_supplement_upload(
        actor=citizen, dossier=dossier, uploads=[upload("b.pdf", PDF), upload("c.png", PNG)]
    )

    assert resumed.status == "processing"
    assert list(
        DossierFile.objects.filter(kind="supplement")
        .order_by("pk")
        .values_list("content_type", "uploaded_by")
    ) == [("application/pdf", citizen.pk), ("image/png", citizen.pk)]
    assert AuditEvent.objects.filter(action="onestop.dossier_supplement_received").count() == 1
