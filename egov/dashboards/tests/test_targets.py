"""Targets are data: the city office downloads them, edits the workbook and sends it back;
a wrong row refuses the whole import; each changed indicator has its audit entry."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.tables import Sheet, xlsx_write
from egov.dashboards.models import Target

pytestmark = pytest.mark.django_db


def _download(client) -> list[list[object]]:
    answer = client.get(reverse("dashboards:targets-xlsx"))
    assert answer.status_code == 200
    sheet = load_workbook(BytesIO(answer.content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _upload(client, rows):
    content = xlsx_write([Sheet("targets", rows)])
    upload = SimpleUploadedFile("chi-tieu.xlsx", content)
    return client.post(reverse("dashboards:targets"), {"file": upload}, follow=True)


def test_the_city_office_edits_the_targets_in_a_workbook(client, scene) -> None:
    client.force_login(scene.leader)
    rows = _download(client)
    head, body = rows[0], rows[1:]
    online = [r for r in body if r[0] == "online-dossiers"]
    assert online and len(head) == 7
    before = Target.objects.filter(indicator__code="online-dossiers").count()
    # the online-dossier target of 2021–2025 raised to 60 % for communes only
    edited = [*online, ["online-dossiers", "", "commune", "01/01/2021", "31/12/2025", 60, "KH"]]

    page = _upload(client, [head, *edited])

    assert "1" in page.content.decode() and page.redirect_chain
    targets = Target.objects.filter(indicator__code="online-dossiers")
    assert targets.count() == before + 1
    assert targets.get(level="commune").value == Decimal(60)
    entry = AuditEvent.objects.get(action="dashboards.targets_imported")
    assert entry.changes["targets"]["before"] != entry.changes["targets"]["after"]
    # sending the same workbook again changes nothing
    _upload(client, [head, *edited])
    assert AuditEvent.objects.filter(action="dashboards.targets_imported").count() == 1


def test_a_wrong_row_refuses_the_whole_import_with_its_line(client, scene) -> None:
    client.force_login(scene.leader)
    rows = _download(client)
    kept = Target.objects.count()
    wrong = [
        rows[0],
        ["online-dossiers", "", "", "01/01/2021", "", 70, ""],
        ["khong-co", "", "", "01/01/2021", "", 50, ""],
        ["settled-on-time", "", "ward", "31/12/2025", "01/01/2021", 150, ""],
    ]

    page = _upload(client, wrong).content.decode()

    assert "dòng 3" in page and "khong-co" in page and "dòng 4" in page
    assert Target.objects.count() == kept
    not_a_workbook = SimpleUploadedFile("chi-tieu.xlsx", b"%PDF-1.4 not a workbook")
    page = client.post(reverse("dashboards:targets"), {"file": not_a_workbook})
    assert page.status_code == 200 and Target.objects.count() == kept


def test_only_the_city_leaders_see_the_targets(client, scene) -> None:
    district_head = make_officer("truong@example.vn", scene.world.district_a, "unit_head")
    client.force_login(district_head)
    assert client.get(reverse("dashboards:targets")).status_code == 403
    assert client.get(reverse("dashboards:targets-xlsx")).status_code == 403
