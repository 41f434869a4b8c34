"""The official forms are one click away: the officer's dossier page, the applicant's dossier
page and the public status page link to the forms each person may print, and to no other."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from egov.accounts.services import public_account_register
from egov.onestop.tests.figures_factories import notice_issue, received_dossier
from egov.workflow.tests.factories import clock

__all__ = ["clock"]


@pytest.fixture
def dossier(world, citizen):
    dossier = received_dossier(world, applicant=citizen)
    notice_issue(dossier, "supplement", issued_at=dossier.received_at, reason="Thiếu bản sao")
    return dossier


def _form_links(response) -> set[str]:
    """The form kinds the page links to (printable page and PDF both)."""
    html = response.content.decode()
    pages = set(re.findall(r'href="/dossiers/\d+/forms/([a-z-]+)\.html"', html))
    pdfs = set(re.findall(r'href="/dossiers/\d+/forms/([a-z-]+)\.pdf"', html))
    assert pages == pdfs
    return pages


def _status(client, dossier):
    return client.get(reverse("onestop:dossier-status"), {"code": dossier.code})


def test_the_officer_page_links_every_form_issued_and_the_control_sheet(
    client, front_desk_officer, dossier
):
    client.force_login(front_desk_officer)

    page = client.get(reverse("onestop:officer-dossier-detail", args=[dossier.pk]))

    assert _form_links(page) == {"receipt", "supplement", "control-sheet"}
    receipt = reverse("onestop:dossier-form-preview", kwargs={"pk": dossier.pk, "kind": "receipt"})
    assert dossier.code in client.get(receipt).content.decode()


def test_the_applicant_page_links_their_receipt_and_notices_only(client, citizen, dossier):
    client.force_login(citizen)

    page = client.get(reverse("onestop:my-dossier-detail", args=[dossier.pk]))

    assert _form_links(page) == {"receipt", "supplement"}


def test_the_status_page_links_what_each_visitor_may_print(
    client, citizen, front_desk_officer, other_district_officer, dossier
):
    anonymous = _status(client, dossier)
    assert _form_links(anonymous) == set()
    assert reverse("accounts:login") in anonymous.content.decode()

    client.force_login(citizen)
    assert _form_links(_status(client, dossier)) == {"receipt", "supplement"}

    client.force_login(front_desk_officer)
    assert _form_links(_status(client, dossier)) == {"receipt", "supplement", "control-sheet"}

    for visitor in (
        other_district_officer,
        public_account_register(
            full_name="Trần Thị Bình",
            password="Mật-khẩu-thử-2026",
            phone="0987654321",
            citizen_id="001190054321",
        ),
    ):
        client.force_login(visitor)
        assert _form_links(_status(client, dossier)) == set()
