"""The map of reports: the public list carries its pins (answered and closed reports only,
nothing personal), filtered by unit and category like the list; the report form carries the
picking map; the tile server's origin is allowed by the CSP; a bad filter is a 400 with its
message."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from egov.feedback.models import Category
from egov.feedback.tests.matrix import report_for


def _pins(response) -> list[dict]:
    html = response.content.decode()
    start = html.index('<script id="report-pins" type="application/json">') + 49
    return json.loads(html[start : html.index("</script>", start)])


def _pinned(unit, category, title, status="closed", latitude="21.030000"):
    return report_for(
        unit,
        category=category,
        title=title,
        status=status,
        answer="Đã xử lý",
        answered_at=timezone.now(),
        latitude=Decimal(latitude),
        longitude=Decimal("105.840000"),
    )


def test_public_map_pins_follow_the_unit_and_category_filters(client, world, citizen):
    roads = Category.objects.create(code="roads", name="Giao thông")
    noise = Category.objects.create(code="noise", name="Tiếng ồn")
    _pinned(world.commune_a, roads, "Ổ gà A")
    _pinned(world.commune_b, roads, "Ổ gà B", status="answered", latitude="21.040000")
    _pinned(world.commune_a, noise, "Karaoke A")
    _pinned(world.commune_a, roads, "Đang xử lý", status="processing")
    report_for(world.commune_a, category=roads, title="Không ghim", status="closed")

    everything = _pins(client.get(reverse("feedback:report-list")))
    by_unit = _pins(client.get(reverse("feedback:report-list"), {"unit": world.commune_a.pk}))
    both = client.get(
        reverse("feedback:report-list"), {"unit": world.commune_a.pk, "category": "roads"}
    )

    assert {pin["title"] for pin in everything} == {"Ổ gà A", "Ổ gà B", "Karaoke A"}
    assert {pin["title"] for pin in by_unit} == {"Ổ gà A", "Karaoke A"}
    assert [pin["title"] for pin in _pins(both)] == ["Ổ gà A"]
    pin = _pins(both)[0]
    assert (pin["lat"], pin["lng"]) == (21.03, 105.84)
    assert pin["url"].startswith("/feedback/reports/public/")
    assert pin["meta"] == f"Giao thông · {world.commune_a.name} · Đã kết thúc"
    assert set(pin) == {"lat", "lng", "title", "url", "meta"}
    assert "Karaoke A" not in both.content.decode()
    assert citizen.full_name not in both.content.decode()


def test_bad_filters_are_a_400_with_a_message(client, world):
    response = client.get(reverse("feedback:report-list"), {"unit": "999999", "category": "x"})

    assert response.status_code == 400
    assert response.context["form"].errors.keys() == {"unit", "category"}
    assert _pins(response) == []


def test_report_form_has_the_picking_map_and_the_csp_allows_the_tiles(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("feedback:report-create"))
    html = response.content.decode()

    assert 'data-map="pick"' in html
    assert f'data-tiles="{settings.EGOV_MAP_TILE_URL}"' in html
    assert "vendor/leaflet/leaflet.js" in html
    scripts = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]*)"', html)
    assert not [url for url in scripts if "//" in url]  # served from the site itself
    tiles = urlsplit(settings.EGOV_MAP_TILE_URL)
    origin = f"{tiles.scheme}://{tiles.netloc}"
    csp = response.headers["Content-Security-Policy"]
    img_src = next(part for part in csp.split(";") if part.strip().startswith("img-src"))
    assert origin in img_src.split()
