"""The demo documents load through the services and land in the right states."""

from __future__ import annotations

import pytest

from egov.documents.choices import DocumentStatus, RecipientStatus
from egov.documents.demo import documents_demo_load
from egov.documents.models import DocumentRecipient


def test_demo_documents(docs_world, pki_world, specialist, division_head, unit_head, clerk):
    documents = documents_demo_load(
        district=docs_world.district_a, other_district=docs_world.district_b
    )

    for document in documents:
        document.refresh_from_db()
    assert [(d.direction, d.status, d.number_notation) for d in documents] == [
        ("outgoing", DocumentStatus.ISSUED, "01/UBND-VHTT"),
        ("outgoing", DocumentStatus.ISSUED, "02/QĐ-UBND"),
        ("outgoing", DocumentStatus.IN_REVIEW, ""),
        ("outgoing", DocumentStatus.ISSUED, "45/KH-UBND"),
        ("incoming", DocumentStatus.ASSIGNED, "05/CT-UBND"),
        ("incoming", DocumentStatus.REGISTERED, "1520/SXD-QLXD"),
        ("incoming", DocumentStatus.COMPLETED, "890/STTTT-BCVT"),
    ]
    assert sorted(DocumentRecipient.objects.values_list("name", "status")) == [
        ("Báo Hà Nội Mới", RecipientStatus.SENT),
        ("Quận Hoàn Kiếm", RecipientStatus.PENDING),
    ]


def test_the_demo_says_who_is_missing(docs_world):
    with pytest.raises(ValueError, match="head of the district"):
        documents_demo_load(district=docs_world.district_a, other_district=docs_world.district_b)


def test_demo_work_files_in_every_state(
    docs_world, pki_world, specialist, division_head, unit_head, clerk
):
    from egov.documents.choices import FileListStatus
    from egov.documents.models import FileList, WorkFile

    documents_demo_load(district=docs_world.district_a, other_district=docs_world.district_b)

    assert FileList.objects.get().status == FileListStatus.APPROVED
    states = sorted(WorkFile.objects.values_list("notation", "status", "handled_online"))
    assert states == [
        ("VHTT-01", "open", None),
        ("VHTT-02", "closed", True),
        ("VHTT-03", "archived", False),
    ]
    archived = WorkFile.objects.get(status="archived")
    assert archived.handover_record is not None and archived.doc_total == 2


def test_every_demo_unit_with_a_registry_gets_an_approved_file_list(
    docs_world, pki_world, specialist, division_head, unit_head, clerk, chairman_b, clerk_b
):
    from egov.documents.demo import work_files_demo_load
    from egov.documents.models import FileList, WorkFile

    documents_demo_load(district=docs_world.district_a, other_district=docs_world.district_b)
    made = work_files_demo_load([docs_world.district_a, docs_world.district_b, docs_world.city])

    assert made == 1  # district A has its own already; the city has no clerk here
    lists = FileList.objects.filter(unit=docs_world.district_b)
    assert [(fl.status, fl.entries.count()) for fl in lists] == [("approved", 3)]
    assert not WorkFile.objects.filter(unit=docs_world.district_b, status="archived").exists()
    assert work_files_demo_load([docs_world.district_b]) == 0  # a second run adds nothing
