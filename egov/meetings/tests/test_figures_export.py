"""The figures the plans judge meetings by: papers sent electronically (not secret), the people
present at the connected points; on the page, in the dashboards' registry and in the xlsx."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from conftest import make_officer
from egov.common.figures import figure_get
from egov.common.tables import sheet_rows, xlsx_open
from egov.common.testing import files as samples
from egov.meetings import services
from egov.meetings.selectors import meeting_figures
from egov.meetings.tests.conftest import at
from egov.meetings.tests.test_session import _invited

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def held(world, people, clock):
    """An online session held in March 2026: two papers (one secret), two connected points
    where 25 and 14 people were present."""
    meeting, item = _invited(world, people, online="https://meet.hanoi.gov.vn/ubnd")
    services.paper_upload(actor=people.office, item=item, upload=samples.pdf(), name="a.pdf")
    services.paper_upload(
        actor=people.office,
        item=item,
        upload=samples.pdf(),
        name="mat.pdf",
        secret=True,
        readers=[people.dept_head],
    )
    for n, (unit, present) in enumerate([(world.district_a, 25), (world.district_b, 14)]):
        hall = make_officer(f"hall{n}@example.vn", unit, "specialist")
        point = services.point_add(
            actor=people.office, meeting=meeting, unit=unit, officer=hall, place="Hội trường"
        )
        services.point_check_in(actor=hall, point=point, present=present)
    clock.set(at(2026, 3, 10, 11))
    return services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)


def test_papers_sent_electronically_and_participants_per_point(world, held):
    figures = meeting_figures(unit=world.city, first=D(2026, 1, 1), last=D(2026, 12, 31))

    assert (figures.papers, figures.papers_electronic, figures.papers_electronic_share) == (
        2,
        1,
        0.5,
    )
    assert (figures.points, figures.point_participants, figures.participants_per_point) == (
        2,
        39,
        19.5,
    )
    registered = {
        code: figure_get(code).read(first=D(2026, 3, 1), last=D(2026, 3, 31))
        for code in (
            "meetings.papers",
            "meetings.papers_electronic",
            "meetings.points",
            "meetings.point_participants",
        )
    }
    assert registered == {
        "meetings.papers": {world.city.pk: 2},
        "meetings.papers_electronic": {world.city.pk: 1},
        "meetings.points": {world.city.pk: 2},
        "meetings.point_participants": {world.city.pk: 39},
    }
    assert figure_get("meetings.papers").read(first=D(2026, 4, 1), last=D(2026, 4, 30)) == {}


def test_figures_page_shows_them(client, world, people, held):
    client.force_login(people.office)

    page = client.get(
        reverse("meetings:figures"),
        {"unit": world.city.pk, "first": "2026-01-01", "last": "2026-12-31"},
    ).content.decode()

    assert '<td id="papers-electronic">1 / 2 (50 %)</td>' in page
    assert "39 người tại 2 điểm cầu" in page and "bình quân 19,5 người mỗi điểm cầu" in page
    assert "figures.xlsx?unit=" in page


def test_xlsx_export_of_the_same_numbers(client, world, people, held):
    client.force_login(people.office)

    response = client.get(
        reverse("meetings:figures-xlsx"),
        {"unit": world.city.pk, "first": "2026-01-01", "last": "2026-12-31"},
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="meetings-20260101-20261231.xlsx"' in response["Content-Disposition"]
    book = xlsx_open(response.content)
    summary, meetings, points = (list(sheet_rows(sheet)) for sheet in book.worksheets)
    assert summary[0][:2] == ("Đơn vị", "Thành phố Hà Nội")
    assert ("Tài liệu gửi điện tử", 1, 2, 0.5) in [row[:4] for row in summary]
    assert meetings[1][0] == held.title and meetings[1][3:6] == ("trực tuyến", 2, 39)
    assert {row[1]: (row[2], row[4]) for row in points[1:]} == {
        "Quận Ba Đình": ("Hội trường", 25),
        "Quận Hoàn Kiếm": ("Hội trường", 14),
    }
    assert all(row[0] == held.title and row[3] is not None for row in points[1:])


def test_xlsx_export_only_of_units_within_reach(client, world, people, held):
    client.force_login(people.outsider)

    response = client.get(reverse("meetings:figures-xlsx"), {"unit": world.city.pk})

    book = xlsx_open(response.content)
    summary, meetings, _points = (list(sheet_rows(sheet)) for sheet in book.worksheets)
    assert summary[0][1] == "Quận Hoàn Kiếm"  # their own unit, not the city asked for
    assert len(meetings) == 1  # the header only
