"""The scoreboard page: numbers per unit with the lists behind them, sorting, paging, the chart,
the xlsx export, the document filter, scoping, and a pinned number of queries."""

from __future__ import annotations

import datetime
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import make_officer
from egov.directives.scoreboard import lists
from egov.directives.scoreboard.lists import scoreboard_documents
from egov.directives.scoreboard.selectors import MEASURES
from egov.directives.scoreboard.services import scoreboard_refresh_tasks, scoreboard_settle
from egov.directives.tests.conftest import at
from egov.directives.tests.factories import (
    DirectiveFactory,
    TaskFactory,
    TaskReportFactory,
    doc_type,
)
from egov.directives.views import scoreboard as scoreboard_views
from egov.jobs.models import Job

D = datetime.date
URL = reverse("directives:scoreboard")
LIST = reverse("directives:scoreboard-list")
PERIOD = {"period_from": "2026-01-01", "period_to": "2026-12-31"}
EN = {"Accept-Language": "en"}


@pytest.fixture
def city_head(world):
    return make_officer("chanhvanphong@example.vn", world.city, "unit_head", subtree=True)


@pytest.fixture
def plan(world, clock):
    """A city plan of 2 March 2026 with tasks in every state on 15 July 2026."""
    clock.set(at(2026, 7, 15))
    document = DirectiveFactory(
        unit=world.city, number=52, number_notation="52/KH-UBND", issued_on=D(2026, 3, 2)
    )
    tasks = [
        TaskFactory(
            document=document,
            lead_unit=world.dept,
            deadline_on=D(2026, 6, 30),
            done_on=D(2026, 6, 26),
            content="Số hóa hồ sơ",
        ),
        TaskFactory(
            document=document,
            lead_unit=world.dept,
            deadline_on=D(2026, 5, 29),
            done_on=D(2026, 6, 3),
            content="Kho dữ liệu dùng chung",
        ),
        TaskFactory(
            document=document,
            lead_unit=world.dept,
            deadline_on=D(2026, 6, 30),
            content="Nền tảng họp trực tuyến",
        ),
        TaskFactory(
            document=document,
            lead_unit=world.district_a,
            deadline_on=D(2026, 7, 10),
            content="Chữ ký số cho cán bộ phường",
        ),
        TaskFactory(
            document=document,
            lead_unit=world.district_a,
            deadline_on=D(2026, 9, 30),
            percent_done=40,
            content="Camera giám sát giao thông",
        ),
        TaskFactory(
            document=document,
            lead_unit=world.commune_a,
            deadline_on=D(2026, 12, 31),
            content="Tuyên truyền dịch vụ công trực tuyến",
        ),
    ]
    TaskReportFactory(task=tasks[2], due_on=D(2026, 6, 30), status="draft", submitted_at=None)
    TaskReportFactory(
        task=tasks[3], due_on=D(2026, 7, 3), status="submitted", submitted_at=at(2026, 7, 8)
    )
    other = DirectiveFactory(
        unit=world.city,
        number=18,
        number_notation="18/CT-UBND",
        doc_type=doc_type("chi-thi"),
        issued_on=D(2026, 4, 6),
        subject="Phòng chống dịch bệnh gia súc",
    )
    tasks.append(
        TaskFactory(
            document=other,
            lead_unit=world.district_b,
            deadline_on=D(2026, 5, 15),
            content="Tiêm phòng đợt 1",
        )
    )
    scoreboard_refresh_tasks(tasks)
    scoreboard_settle()  # the daily refresh
    return document, other, tasks


def _rows(response) -> dict[str, dict[str, int]]:
    board = response.context["board"]
    return {
        row.unit.name if row.unit else "Total": row.counts() for row in [*board.rows, board.total]
    }


def test_city_office_sees_every_unit_with_its_numbers(client, city_head, plan):
    client.force_login(city_head)

    response = client.get(URL, PERIOD, headers=EN)

    rows = _rows(response)
    # tree order: the units in the order they sit in the org tree
    assert list(rows) == [
        "Quận Ba Đình",
        "Phường Phúc Xá",
        "Quận Hoàn Kiếm",
        "Sở Thông tin và Truyền thông",
        "Total",
    ]
    district, commune, other, dept, total = rows.values()
    assert (dept["assigned"], dept["done_on_time"], dept["done_late"], dept["overdue"]) == (
        3,
        1,
        1,
        1,
    )
    assert (dept["reports_not_sent"], dept["reports_late"]) == (1, 0)
    assert (
        district["assigned"],
        district["overdue"],
        district["in_progress_on_time"],
        district["reports_late"],
    ) == (2, 1, 1, 1)
    assert (commune["not_yet_due"], other["overdue"]) == (1, 1)
    assert (total["assigned"], total["overdue"], total["done_on_time"]) == (7, 3, 1)
    content = response.content.decode()
    assert content.count('class="bar-overdue"') == 3
    assert f"{LIST}?period_from=2026-01-01&amp;period_to=2026-12-31&amp;measure=overdue" in content


def test_sorting_by_overdue_puts_the_most_overdue_first(client, city_head, plan):
    client.force_login(city_head)

    response = client.get(URL, {**PERIOD, "sort": "assigned", "order": "desc"})

    assert [row.unit.name for row in response.context["board"].rows] == [
        "Sở Thông tin và Truyền thông",
        "Quận Ba Đình",
        "Phường Phúc Xá",
        "Quận Hoàn Kiếm",
    ]
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_list_behind_a_number_names_its_tasks(client, city_head, plan, world):
    client.force_login(city_head)

    panel = client.get(
        LIST,
        {**PERIOD, "measure": "overdue", "row": world.dept.pk},
        headers={**EN, "HX-Request": "true"},
    )
    total = client.get(LIST, {**PERIOD, "measure": "overdue", "row": "total"}, headers=EN)
    reports = client.get(LIST, {**PERIOD, "measure": "reports_late", "row": "total"})

    assert [item.task.content for item in panel.context["page"]] == ["Nền tảng họp trực tuyến"]
    assert "<html" not in panel.content.decode()
    assert [item.task.content for item in total.context["page"]] == [
        "Tiêm phòng đợt 1",
        "Nền tảng họp trực tuyến",
        "Chữ ký số cho cán bộ phường",
    ]
    assert "<html" in total.content.decode()
    assert [item.report.due_on for item in reports.context["page"]] == [D(2026, 7, 3)]


def test_document_filter_counts_only_those_documents(client, city_head, plan):
    document, other, _tasks = plan
    client.force_login(city_head)

    response = client.get(URL, {**PERIOD, "documents": [other.pk]})
    by_type = client.get(URL, {**PERIOD, "doc_type": document.doc_type_id})

    expected = {**dict.fromkeys(MEASURES, 0), "assigned": 1, "overdue": 1}
    assert _rows(response) == {"Quận Hoàn Kiếm": expected, "Total": expected}
    assert _rows(by_type)["Total"]["assigned"] == 6  # the plan's tasks, not the directive's


@pytest.fixture
def late_documents(plan, world):
    """Besides the plan's: a document of 2025 whose task was assigned in 2026, one without an
    issue date, and a task of the plan's other document assigned in 2025."""
    _document, other, _tasks = plan
    older = DirectiveFactory(unit=world.city, number=7, issued_on=D(2025, 11, 20))
    undated = DirectiveFactory(unit=world.city, number=8, issued_on=None, year=2026)
    late = [
        TaskFactory(document=older, lead_unit=world.division_a, assigned_on=D(2026, 2, 9)),
        TaskFactory(document=undated, lead_unit=world.commune_b, assigned_on=D(2026, 5, 4)),
        TaskFactory(document=other, lead_unit=world.commune_a, assigned_on=D(2025, 12, 30)),
    ]
    scoreboard_refresh_tasks(late)
    return older, undated


def test_document_choices_are_those_assigning_tasks_in_the_period_within_reach(
    city_head, unit_head, division_head, plan, late_documents, monkeypatch
):
    document, other, _tasks = plan
    older, undated = late_documents

    def choices(user, start: str, end: str) -> set[int]:
        chosen = scoreboard_documents(
            user=user, period_from=D.fromisoformat(start), period_to=D.fromisoformat(end)
        )
        return set(chosen.values_list("pk", flat=True))

    # The day a task was assigned decides, not the day its document was issued.
    assert choices(city_head, "2026-01-01", "2026-12-31") == {
        document.pk,
        other.pk,
        older.pk,
        undated.pk,
    }
    assert choices(city_head, "2025-01-01", "2025-12-31") == {other.pk}
    assert choices(city_head, "2026-02-09", "2026-03-02") == {document.pk, older.pk}
    assert choices(city_head, "2027-01-01", "2027-12-31") == set()
    assert choices(unit_head, "2026-01-01", "2026-12-31") == {document.pk, older.pk}
    assert choices(unit_head, "2025-01-01", "2025-12-31") == {other.pk}
    assert choices(division_head, "2021-01-01", "2026-12-31") == {older.pk}
    assert choices(division_head, "2026-03-01", "2026-12-31") == set()
    monkeypatch.setattr(lists, "MAX_DOCUMENTS", 1)  # the latest issued
    assert choices(unit_head, "2026-01-01", "2026-12-31") == {document.pk}


def _options(response) -> list[tuple[int, bool]]:
    field = response.context["form"]["documents"]
    return [(int(str(option.data["value"])), option.data["selected"]) for option in field]


def test_the_page_offers_the_documents_when_asked(client, unit_head, plan, late_documents):
    document, other, _tasks = plan
    older, _undated = late_documents
    client.force_login(unit_head)

    page = client.get(URL, PERIOD)
    chosen = client.get(URL, {**PERIOD, "documents": [older.pk]})  # reloaded with a choice
    asked = client.get(URL, {**PERIOD, "documents": [older.pk], "all_documents": "1"})
    outside = client.get(URL, {**PERIOD, "documents": [other.pk]})

    assert _options(page) == []
    assert "all_documents=1" in page.content.decode()
    assert _options(chosen) == [(older.pk, True)]
    assert _rows(chosen)["Total"]["assigned"] == 1
    assert _options(asked) == [(document.pk, False), (older.pk, True)]
    assert outside.context["form"].errors["documents"]  # out of reach: not a choice
    assert _options(outside) == []


def test_district_head_sees_only_their_district_and_below(client, unit_head, plan, world):
    client.force_login(unit_head)

    response = client.get(URL, PERIOD)
    outside = client.get(LIST, {**PERIOD, "measure": "overdue", "row": world.dept.pk})
    other_root = client.get(URL, {**PERIOD, "unit": world.district_b.pk})

    assert list(_rows(response)) == ["Quận Ba Đình", "Phường Phúc Xá", "Total"]
    assert outside.status_code == 404
    assert other_root.context["form"].errors["unit"]  # not a choice: defaults shown instead
    assert list(_rows(other_root)) == ["Quận Ba Đình", "Phường Phúc Xá", "Total"]


def test_officers_without_a_leading_role_get_403(client, specialist, plan):
    client.force_login(specialist)

    assert client.get(URL).status_code == 403
    assert client.get(LIST).status_code == 403


def _export(client, capture, query: dict, **kwargs):
    """Start the workbook's job (run at once in tests) and download its file."""
    with capture(execute=True):
        started = client.post(
            f"{reverse('directives:scoreboard-xlsx')}?{urlencode(query, doseq=True)}", **kwargs
        )
    job = Job.objects.latest("pk")
    assert started.url == reverse("jobs:job-detail", kwargs={"pk": job.pk})
    return client.get(reverse("jobs:job-download", kwargs={"pk": job.pk}))


def test_xlsx_has_the_rows_of_the_page(client, city_head, plan, django_capture_on_commit_callbacks):
    client.force_login(city_head)

    response = _export(client, django_capture_on_commit_callbacks, PERIOD, headers=EN)

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Unit", "Tasks assigned", "Done on time", "Done late", "Overdue")
    assert rows[4][:5] == ("Sở Thông tin và Truyền thông", 3, 1, 1, 1)
    assert rows[5][:5] == ("Total", 7, 1, 1, 3)
    assert response["Content-Disposition"] == (
        'attachment; filename="scoreboard-20260101-20261231.xlsx"'
    )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, {"period_from": "2022-01-01", "period_to": "2026-12-31"})
    assert response.status_code == 200
    return len(queries)


def test_page_queries_do_not_grow_with_tasks_or_period(client, city_head, plan, world):
    client.force_login(city_head)
    few = _queries(client)
    more = [
        TaskFactory(
            lead_unit=unit,
            assigned_on=D(2022 + n % 5, 1 + n % 12, 1 + n % 28),
            deadline_on=D(2026, 12, 31),
        )
        for n, unit in enumerate([world.commune_b, world.division_a, world.city_office] * 5)
    ]
    scoreboard_refresh_tasks(more)

    many = _queries(client)

    # includes the header's unread-notification count; the documents filter's choices are
    # read only when asked for (issue 24: one query fewer)
    assert (few, many) == (12, 12)


def _lines(response) -> list[tuple[str, int]]:
    return [
        (line["row"].unit.name if line["row"].unit else "Total", line["row"].assigned)
        for line in response.context["lines"]
    ]


def test_units_come_a_page_at_a_time_with_the_total_of_all(client, city_head, plan, monkeypatch):
    monkeypatch.setattr(scoreboard_views, "ROWS_PER_PAGE", 2)
    client.force_login(city_head)

    response = client.get(URL, {**PERIOD, "sort": "assigned", "order": "desc"}, headers=EN)

    assert _lines(response) == [
        ("Sở Thông tin và Truyền thông", 3),
        ("Quận Ba Đình", 2),
        ("Total", 7),
    ]
    content = response.content.decode()
    assert "Total of all 4 units" in content
    assert (
        'href="?period_from=2026-01-01&amp;period_to=2026-12-31&amp;sort=assigned'
        '&amp;order=desc&amp;page=2"'
    ) in content
    assert content.count('class="chart-label"') == 2 + 6  # the page's bars, then the legend


def test_page_two_keeps_the_sort_and_the_filters(client, city_head, plan, monkeypatch):
    document, _other, _tasks = plan
    monkeypatch.setattr(scoreboard_views, "ROWS_PER_PAGE", 2)
    client.force_login(city_head)
    filters = {**PERIOD, "doc_type": document.doc_type_id, "sort": "assigned", "order": "desc"}

    response = client.get(URL, {**filters, "page": 2}, headers=EN)

    assert _lines(response) == [("Phường Phúc Xá", 1), ("Total", 6)]
    content = response.content.decode()
    assert (
        f'href="?period_from=2026-01-01&amp;period_to=2026-12-31'
        f"&amp;doc_type={document.doc_type_id}&amp;sort=assigned&amp;order=desc"
        '&amp;page=1"'
    ) in content
    assert "Page 2 of 2" in content
    assert content.count('class="chart-label"') == 1 + 6


def test_the_workbook_keeps_every_unit_whatever_the_page(
    client, city_head, plan, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(scoreboard_views, "ROWS_PER_PAGE", 2)
    client.force_login(city_head)

    response = _export(client, django_capture_on_commit_callbacks, {**PERIOD, "page": 2})

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, max_row=6, values_only=True)] == [
        2,
        1,
        1,
        3,
        7,
    ]
