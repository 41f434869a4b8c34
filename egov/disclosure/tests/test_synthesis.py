"""The synthesis of a consultation is an official document: drafted at the close, signed and
issued by the head of the unit (numbered, laid out, PAdES), public only once issued; the
registry pages of the draft, the synthesis and the adopted version link the consultation."""

from __future__ import annotations

from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.disclosure import services
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation
from egov.documents.choices import DocumentStatus
from egov.documents.models import DocumentType
from egov.documents.panels import panels_for
from egov.documents.services import document_draft_create
from egov.documents.signing import pdf_verify


def _closed(clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    services.comment_send(actor=people.citizen, consultation=consultation, body="Đồng ý.")
    clock.set(at(2026, 3, 16, 16))
    return services.consultation_close(
        actor=people.consulting_officer, consultation=consultation, synthesis="Tổng hợp."
    )


def test_the_head_issues_the_synthesis_and_the_public_downloads_the_signed_pdf(
    client, clock, world, people, draft, dept_head
):
    closed = _closed(clock, world, people, draft)
    public = reverse("disclosure:consultation-detail", args=[closed.pk])
    pdf_url = reverse("disclosure:synthesis-file", args=[closed.pk])
    assert client.get(pdf_url).status_code == 404  # a drafted synthesis is not public
    assert "Tổng hợp." not in client.get(public).content.decode()

    client.force_login(people.consulting_officer)
    action = reverse("disclosure_officer:consultation-action", args=[closed.pk, "issue"])
    refused = client.post(action)  # a specialist does not sign
    client.force_login(dept_head)
    done = client.post(action)
    again = client.post(action)

    assert refused.status_code == 400 and done.status_code == 302 and again.status_code == 400
    closed.refresh_from_db()
    assert closed.synthesis.status == DocumentStatus.ISSUED
    assert closed.synthesis.number_notation == "01/BC-STTTT"
    assert AuditEvent.objects.filter(action="disclosure.synthesis_issued").count() == 1
    client.logout()
    page = client.get(public).content.decode()
    assert "01/BC-STTTT" in page and "Tổng hợp." in page
    response = client.get(pdf_url)
    assert response.status_code == 200
    [result] = pdf_verify(b"".join(response.streaming_content))
    assert result.intact and result.trusted


def test_the_registry_pages_link_the_consultation(clock, world, people, draft, dept_head):
    closed = _closed(clock, world, people, draft)
    services.synthesis_issue(actor=dept_head, consultation=closed)
    closed.refresh_from_db()
    adopted = document_draft_create(
        actor=people.consulting_officer,
        drafting_unit=world.dept,
        unit=world.dept,
        doc_type=DocumentType.objects.get(code="ke-hoach"),
        subject="Kế hoạch chuyển đổi số năm 2026",
    )
    services.consultation_adopt(
        actor=people.consulting_officer, consultation=closed, adopted=adopted
    )

    def rows(user, document):
        return [r for p in panels_for(user, document) for r in p.rows if r.label == closed.title]

    officer_url = reverse("disclosure_officer:consultation-detail", args=[closed.pk])
    for document in (draft, closed.synthesis, adopted):
        assert [r.url for r in rows(people.consulting_officer, document)] == [officer_url]
    public_url = reverse("disclosure:consultation-detail", args=[closed.pk])
    assert [r.url for r in rows(people.other_commune_officer, adopted)] == [public_url]
