"""Definitions and targets are data: the city office downloads them, edits the workbook, sees
what would change (or every problem by sheet and line) and applies it in one go; sending it
again changes nothing; a new target keeps the old one for the periods before it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.tables import Sheet, xlsx_write
from egov.dashboards import rules
from egov.dashboards.models import DefinitionImport, Indicator, Target
from egov.dashboards.services_definitions import definitions_apply

pytestmark = pytest.mark.django_db
D = datetime.date


def _download(client) -> tuple[list[list[object]], list[list[object]]]:
    answer = client.get(reverse("dashboards:definitions-xlsx"))
    assert answer.status_code == 200
    book = load_workbook(BytesIO(answer.content))
    indicators, targets = book.worksheets
    return (
        [list(r) for r in indicators.iter_rows(values_only=True)],
        [list(r) for r in targets.iter_rows(values_only=True)],
    )


def _upload(client, indicators, targets):
    content = xlsx_write([Sheet("indicators", indicators), Sheet("targets", targets)])
    upload = SimpleUploadedFile("chi-so.xlsx", content)
    answer = client.post(reverse("dashboards:definitions"), {"file": upload})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return DefinitionImport.objects.latest("pk")


def _preview(client, staged) -> str:
    answer = client.get(reverse("dashboards:definition-import", args=[staged.pk]))
    assert answer.status_code == 200
    return answer.content.decode()


def _apply(client, staged) -> str:
    url = reverse("dashboards:definition-import-apply", args=[staged.pk])
    return client.post(url, follow=True).content.decode()


def _online(level: str = "") -> list[tuple]:
    rows = Target.objects.in_use().filter(indicator__code="online-dossiers", level=level)
    return list(rows.order_by("valid_from").values_list("valid_from", "valid_to", "value"))


def test_the_workbook_round_trips_and_sending_it_again_changes_nothing(client, scene) -> None:
    client.force_login(scene.leader)
    indicators, targets = _download(client)
    assert len(indicators[0]) == 13 and len(targets[0]) == 7
    assert any(r[0] == "766-2-1" and r[2] == "score" for r in indicators[1:])
    before = (Indicator.objects.count(), Target.objects.count())

    staged = _upload(client, indicators, targets)
    page = _preview(client, staged)
    assert 'id="import-nothing"' in page and staged.errors == []
    _apply(client, staged)

    assert (Indicator.objects.count(), Target.objects.count()) == before
    assert not AuditEvent.objects.filter(action="dashboards.indicator_imported").exists()
    assert AuditEvent.objects.filter(action="dashboards.definitions_imported").count() == 1


def test_a_new_target_keeps_the_old_one_for_the_periods_before(client, scene) -> None:
    client.force_login(scene.leader)
    indicators, targets = _download(client)
    assert _online() == [(D(2019, 1, 1), D(2020, 12, 31), 20), (D(2021, 1, 1), None, 50)]
    # from 2026 on, 60 % for every level; a new indicator with its source and confidence
    new_indicator = [
        "online-settled",
        "Tỷ lệ hồ sơ giải quyết trực tuyến",
        "rate",
        "onestop.dossiers_received_online",
        "onestop.dossiers_received",
        "%",
        "higher",
        "",
        None,
        None,
        "Kế hoạch 01/KH-UBND năm 2026",
        "low",
        "Thử nghiệm.",
    ]
    edited = [
        *targets,
        ["online-dossiers", "", "", 2026, "", 60, "Kế hoạch 01/KH-UBND năm 2026"],
        ["online-settled", "", "commune", "01/07/2026", 2026, "45,5", ""],
    ]

    staged = _upload(client, [*indicators, new_indicator], edited)
    page = _preview(client, staged)
    # the preview says what changes, and nothing has changed yet
    assert "online-settled" in page and "31/12/2025" in page
    assert not Indicator.objects.filter(code="online-settled").exists()
    _apply(client, staged)

    assert _online() == [
        (D(2019, 1, 1), D(2020, 12, 31), 20),
        (D(2021, 1, 1), D(2025, 12, 31), 50),
        (D(2026, 1, 1), None, 60),
    ]
    created = Indicator.objects.get(code="online-settled")
    assert (created.confidence, created.source) == ("low", "Kế hoạch 01/KH-UBND năm 2026")
    assert created.targets.get().value == Decimal("45.50")
    published = client.get("/api/v1/dashboards/values", {"kind": "quarter", "on": "2026-07-15"})
    confidence = {
        v["source_confidence"] for v in published.json() if v["indicator"] == "online-settled"
    }
    assert confidence == {"low"}
    entry = AuditEvent.objects.get(
        action="dashboards.indicator_imported", object_id=str(created.pk)
    )
    assert entry.changes["fields"]["source"] == ["", "Kế hoạch 01/KH-UBND năm 2026"]
    online = AuditEvent.objects.filter(action="dashboards.indicator_imported").exclude(
        object_id=str(created.pk)
    )
    assert online.get().changes["targets"]["before"] != online.get().changes["targets"]["after"]

    # the same workbook again: every row is already so
    again = _upload(client, [*indicators, new_indicator], edited)
    assert 'id="import-nothing"' in _preview(client, again)
    _apply(client, again)
    assert AuditEvent.objects.filter(action="dashboards.indicator_imported").count() == 2
    assert len(_online()) == 3


def test_a_target_inside_an_old_one_splits_it_and_a_covered_one_is_kept_as_history(
    client, scene
) -> None:
    client.force_login(scene.leader)
    indicators, targets = _download(client)
    staged = _upload(
        client,
        indicators,
        [
            targets[0],
            ["online-dossiers", "", "", 2023, 2023, 70, ""],
            ["online-dossiers", "", "", "01/01/2019", "31/12/2020", 25, "đính chính"],
        ],
    )
    _apply(client, staged)

    assert _online() == [
        (D(2019, 1, 1), D(2020, 12, 31), 25),
        (D(2021, 1, 1), D(2022, 12, 31), 50),
        (D(2023, 1, 1), D(2023, 12, 31), 70),
        (D(2024, 1, 1), None, 50),
    ]
    old = Target.objects.get(indicator__code="online-dossiers", superseded_at__isnull=False)
    assert old.value == 20


def test_every_wrong_row_is_named_with_its_sheet_and_line_and_nothing_applies(
    client, scene
) -> None:
    client.force_login(scene.leader)
    indicators, targets = _download(client)
    head = indicators[0]
    wrong_indicators = [
        head,
        ["Sai Mã", "", "ratio", "khong-phai-so-lieu", "onestop.khong_co", "%", "up", "7", "x"],
        ["766-9-9", "Điểm mới", "score", "onestop.dossiers_received", "onestop.dossiers_received"],
    ]
    wrong_targets = [
        targets[0],
        ["khong-co", "", "", "01/01/2021", "", 50, ""],
        ["settled-on-time", "", "ward", "31/12/2025", "01/01/2021", 150, ""],
        ["online-dossiers", "", "", "ngày mai", "", "nhiều", ""],
        ["online-dossiers", "", "", 2030, 2031, 60, ""],
        ["online-dossiers", "", "", "1/1/2030", "", 70, ""],
    ]
    kept = (Indicator.objects.count(), Target.objects.count())

    staged = _upload(client, wrong_indicators, wrong_targets)
    page = _preview(client, staged)

    by_line = {(e["sheet"], e["line"]) for e in staged.errors}
    assert {("indicators", 2), ("indicators", 3)} <= by_line
    assert {("targets", n) for n in (2, 3, 4, 6)} <= by_line
    messages = " ".join(e["message"] for e in staged.errors)
    for said in (
        "mã",
        "khong-phai-so-lieu",
        "onestop.khong_co",
        "nhóm",
        "nguồn",
        "khong-co",
        "dòng 5",
    ):
        assert said in messages, said
    assert 'id="import-problems"' in page and 'id="import-apply"' not in page
    answer = client.post(reverse("dashboards:definition-import-apply", args=[staged.pk]))
    assert answer.status_code == 302
    assert (Indicator.objects.count(), Target.objects.count()) == kept


def test_files_that_are_not_workbooks_are_refused_with_a_message(client, scene) -> None:
    client.force_login(scene.leader)
    for content in (b"%PDF-1.4 not a workbook", b"PK\x03\x04 broken", b""):
        upload = SimpleUploadedFile("chi-so.xlsx", content)
        answer = client.post(reverse("dashboards:definitions"), {"file": upload})
        assert answer.status_code in (302, 422)
    one_sheet = xlsx_write([Sheet("indicators", [["Mã"]])])
    answer = client.post(
        reverse("dashboards:definitions"), {"file": SimpleUploadedFile("a.xlsx", one_sheet)}
    )
    staged = DefinitionImport.objects.latest("pk")
    assert answer.status_code == 302 and "hai trang" in staged.errors[0]["message"]


def test_an_import_applies_once(client, scene) -> None:
    client.force_login(scene.leader)
    indicators, targets = _download(client)
    staged = _upload(client, indicators, [*targets, ["online-dossiers", "", "", 2027, "", 65, ""]])
    _apply(client, staged)
    page = _apply(client, staged)
    assert "đã được áp dụng" in page
    assert Target.objects.in_use().filter(value=65).count() == 1


def test_only_the_city_office_imports_definitions(client, scene) -> None:
    district_head = make_officer("truong@example.vn", scene.world.district_a, "unit_head")
    client.force_login(district_head)
    assert client.get(reverse("dashboards:definitions")).status_code == 403
    assert client.get(reverse("dashboards:definitions-xlsx")).status_code == 403
    staged = DefinitionImport.objects.create(
        indicator_set=Indicator.objects.first().indicator_set,
        filename="x.xlsx",
        sha256="0" * 64,
        uploaded_by=scene.leader,
    )
    url = reverse("dashboards:definition-import-apply", args=[staged.pk])
    assert client.post(url).status_code == 403
    with pytest.raises(PermissionDenied):
        definitions_apply(actor=district_head, staged_id=staged.pk)


def test_the_new_target_shows_on_the_dashboard(client, scene) -> None:
    client.force_login(scene.leader)
    indicators, targets = _download(client)
    staged = _upload(client, indicators, [*targets, ["online-dossiers", "", "", 2026, "", 77, ""]])
    _apply(client, staged)
    page = client.get(reverse("dashboards:dashboard"), {"kind": "quarter", "on": "2026-07-15"})
    assert "77" in page.content.decode()


@pytest.mark.parametrize(
    ("first", "last", "shortened", "superseded", "tails"),
    [
        (D(2026, 1, 1), None, {1: D(2025, 12, 31)}, [], []),
        (D(2023, 1, 1), D(2023, 12, 31), {1: D(2022, 12, 31)}, [], [(1, D(2024, 1, 1), None)]),
        (D(2021, 1, 1), D(2022, 12, 31), {}, [1], [(1, D(2023, 1, 1), None)]),
        (D(2020, 1, 1), None, {}, [1], []),
        (D(2019, 1, 1), D(2020, 12, 31), {}, [], []),
    ],
)
def test_target_rewrite(first, last, shortened, superseded, tails) -> None:
    rewrite = rules.target_rewrite([rules.Span(1, D(2021, 1, 1), None)], first=first, last=last)
    assert (rewrite.shortened, rewrite.superseded, rewrite.tails) == (shortened, superseded, tails)
