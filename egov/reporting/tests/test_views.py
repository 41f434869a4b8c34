"""The pages: fill and send through the form, the xlsx round trip with a wrong cell named,
return and accept, the completeness page naming who is late or missing."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from egov.common.tables import Sheet, xlsx_write
from egov.reporting.models import Submission
from egov.reporting.tests.conftest import Setup, at

pytestmark = pytest.mark.django_db
VI = {"HTTP_ACCEPT_LANGUAGE": "vi"}


def post_values(client, submission: Submission, values: dict, send: bool = False):
    submission.refresh_from_db()
    data = {"expected_version": submission.version, "narrative": ""}
    data.update({f"value_{k}": v for k, v in values.items()})
    if send:
        data["send"] = "1"
    return client.post(reverse("reporting:submission-values", args=[submission.pk]), data, **VI)


def test_fill_and_send_from_the_form_then_receiver_returns_and_accepts(
    client, setup: Setup, clock
) -> None:
    client.force_login(setup.filler_a)
    page = client.get(reverse("reporting:submission-detail", args=[setup.a.pk]))
    assert page.status_code == 200 and b"value_01" in page.content
    wrong = post_values(client, setup.a, {"01": "nhiều", "02": "7", "03": "2"}, send=True)
    assert wrong.status_code == 400
    assert "01: Nhập một số." in wrong.content.decode()
    setup.a.refresh_from_db()
    assert setup.a.status == "not_started"
    sent = post_values(client, setup.a, {"01": "10", "02": "7", "03": "2"}, send=True)
    assert sent.status_code == 302
    setup.a.refresh_from_db()
    assert setup.a.status == "submitted"
    document_url = reverse("documents:document-detail", args=[setup.a.document_id])
    page = client.get(reverse("reporting:submission-detail", args=[setup.a.pk]))
    assert document_url in page.content.decode()
    assert client.get(document_url).status_code == 200  # the officer opens the report's document

    client.force_login(setup.receiver)
    url = reverse("reporting:submission-return", args=[setup.a.pk])
    empty = client.post(url, {"expected_version": setup.a.version, "reason": " "})
    assert empty.status_code == 400
    client.post(url, {"expected_version": setup.a.version, "reason": "Thiếu số liệu"})
    setup.a.refresh_from_db()
    assert setup.a.status == "returned"

    clock.set(at(2026, 5, 21))
    client.force_login(setup.filler_a)
    again = post_values(client, setup.a, {"01": "12", "02": "7", "03": "2"}, send=True)
    assert again.status_code == 302
    setup.a.refresh_from_db()
    assert setup.a.status == "submitted"
    client.force_login(setup.receiver)
    setup.a.refresh_from_db()
    client.post(
        reverse("reporting:submission-accept", args=[setup.a.pk]),
        {"expected_version": setup.a.version},
    )
    setup.a.refresh_from_db()
    assert setup.a.status == "accepted"
    page = client.get(reverse("reporting:regime-completeness", args=[setup.regime.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Phường Phúc Xá" in text.split('id="on-time-units"')[1].split("</ul>")[0]
    assert "Phường Hàng Trống" in text.split('id="missing-units"')[1].split("</ul>")[0]


def test_xlsx_round_trip_and_a_wrong_cell_named(client, setup: Setup) -> None:
    client.force_login(setup.filler_a)
    blank = client.get(reverse("reporting:submission-workbook", args=[setup.a.pk]))
    book = load_workbook(io.BytesIO(blank.content))
    sheet = book.worksheets[0]
    assert [sheet.cell(row=r, column=1).value for r in range(2, 6)] == ["01", "02", "03", "04"]
    sheet["D2"], sheet["D3"], sheet["D4"] = 1500, "7,4", "một trăm"
    out = io.BytesIO()
    book.save(out)
    url = reverse("reporting:submission-upload", args=[setup.a.pk])

    def upload(content: bytes):
        setup.a.refresh_from_db()
        handle = io.BytesIO(content)
        handle.name = "bao-cao.xlsx"
        return client.post(url, {"expected_version": setup.a.version, "workbook": handle}, **VI)

    refused = upload(out.getvalue())
    assert refused.status_code == 400 and "03: Nhập một số." in refused.content.decode()
    assert not setup.a.values.exists()
    sheet["D4"] = 12
    out = io.BytesIO()
    book.save(out)
    assert upload(out.getvalue()).status_code == 302
    values = {v.indicator.code: v.number for v in setup.a.values.select_related("indicator")}
    assert values["01"] == 1500 and str(values["02"]) == "7.4000"

    other_form = xlsx_write([Sheet(title="x", rows=[["Mã"], ["99", "", "", 5]])])
    refused = upload(other_form)
    assert refused.status_code == 400 and "99" in refused.content.decode()
    assert upload(b"%PDF-1.4 not a workbook").status_code in (400, 422)


def test_other_commune_cannot_open_the_report(client, setup: Setup) -> None:
    client.force_login(setup.filler_b)
    assert client.get(reverse("reporting:submission-detail", args=[setup.a.pk])).status_code == 404
    assert (
        client.get(reverse("reporting:regime-completeness", args=[setup.regime.pk])).status_code
        == 404
    )
    inbox = client.get(reverse("reporting:inbox"))
    assert "Phường Hàng Trống" in inbox.content.decode()
    assert "Phường Phúc Xá" not in inbox.content.decode()


def test_list_pages_query_counts_do_not_grow_with_reports(
    client, setup: Setup, world, django_assert_max_num_queries
) -> None:
    from conftest import make_officer
    from egov.orgs.services import orgunit_create
    from egov.reporting import services
    from egov.reporting.tests.conftest import MAY

    for n in range(8):
        orgunit_create(actor=None, name=f"Xã Thử {n}", kind="commune", parent=world.district_a)
    services.period_open(actor=None, regime=setup.regime, period=MAY)
    head = make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)
    client.force_login(head)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("reporting:inbox")).status_code == 200
    with django_assert_max_num_queries(14):
        page = client.get(reverse("reporting:regime-completeness", args=[setup.regime.pk]))
    assert page.content.decode().count("Xã Thử") == 8
