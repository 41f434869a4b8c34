"""The public statistics page: counts per unit from the roll-up, for anyone, no personal data."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from egov.onestop.services.figures import figures_refresh_range
from egov.onestop.tests.figures_factories import DossierFactory, at, rating_give

URL = reverse("onestop:statistics")
EN = {"accept-language": "en"}


def _cells(html: str, unit: str) -> list[str]:
    row = re.search(
        rf"<tr[^>]*>\s*<th scope=\"row\">(?:<a [^>]*>)?{unit}(?:</a>)?</th>(.*?)</tr>", html, re.S
    )
    assert row, unit
    return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


@pytest.mark.django_db
def test_anyone_sees_the_counts_per_unit_and_no_person(client, world):
    for channel, timeliness, finished in (
        ("online", "early", True),
        ("online", "late", True),
        ("direct", "on_time", True),
        ("direct", "", False),
    ):
        dossier = DossierFactory(
            competent_unit=world.district_a,
            channel=channel,
            applicant_name="Trần Thị Bình",
            received_at=at(2025, 7, 14),
            finished_at=at(2025, 7, 15) if finished else None,
            status="result_ready" if finished else "processing",
            timeliness=timeliness,
        )
        if channel == "online" and timeliness == "early":
            rating_give(dossier, world.district_a, score=4, rated_at=at(2025, 7, 16))
    figures_refresh_range(day_from=datetime.date(2025, 7, 14), day_to=datetime.date(2025, 7, 16))

    html = client.get(URL, {"year": "2025"}, headers=EN).content.decode()
    district = client.get(
        URL, {"year": "2025", "unit": world.district_a.pk}, headers=EN
    ).content.decode()

    # received, online %, settled, on time %, rating, ratings
    assert _cells(html, "Thành phố Hà Nội") == ["4", "50.0", "3", "66.7", "4.0", "1"]
    assert _cells(html, "Quận Ba Đình") == ["4", "50.0", "3", "66.7", "4.0", "1"]
    assert _cells(html, "Quận Hoàn Kiếm") == ["0", "—", "0", "—", "—", "0"]
    assert "Trần Thị Bình" not in html and "H26-250714" not in html
    assert _cells(district, "Quận Ba Đình")[0] == "4"
    assert "Back to Thành phố Hà Nội" in district


@pytest.mark.django_db
def test_a_year_or_unit_out_of_range_is_not_found(client, world):

    assert client.get(URL, {"year": "2030"}).status_code == 404
    assert client.get(URL, {"year": "x"}).status_code == 404
    assert client.get(URL, {"unit": "999999"}).status_code == 404
    assert client.get(URL).status_code == 200
