"""The desk's look-up page, the operator's connector page, the data-sharing API, figures."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from egov.common.figures import figure_get
from egov.integration.choices import CallOutcome, Purpose
from egov.integration.models import ConnectorCall
from egov.integration.services import citizen_lookup

pytestmark = pytest.mark.django_db


def test_the_desk_fills_an_applicant_from_the_population_database(
    client, simulators, world, desk_officer
):
    client.force_login(desk_officer)
    page = client.get(reverse("integration:lookup"))
    assert page.status_code == 200

    response = client.post(
        reverse("integration:lookup"),
        {
            "kind": "citizen",
            "identifier": "001085012345",
            "purpose": Purpose.FORM_FILL,
            "unit": world.desk_a.pk,
        },
    )

    html = response.content.decode()
    assert 'value="Nguyễn Văn An"' in html
    assert 'data-source="national"' in html
    assert ConnectorCall.objects.get().is_autofill


def test_the_desk_is_told_to_go_on_by_hand_when_the_database_is_down(
    client, settings, world, desk_officer
):
    client.force_login(desk_officer)

    response = client.post(
        reverse("integration:lookup"),
        {
            "kind": "citizen",
            "identifier": "001085012345",
            "purpose": "form_fill",
            "unit": world.desk_a.pk,
        },
    )

    assert response.status_code == 200
    assert 'data-source="national"' not in response.content.decode()
    assert response.context["unavailable"] is True


def test_the_operator_page_shows_health_and_the_call(
    client, simulators, world, desk_officer, system_admin
):
    citizen_lookup(
        actor=desk_officer, citizen_id="001085012345", purpose="form_fill", unit=world.desk_a
    )
    client.force_login(system_admin)

    response = client.get(reverse("integration:connectors"))

    health = {c.code: c for c in response.context["health"]}
    assert (health["population"].health, health["population"].calls) == ("ok", 1)
    assert health["population"].is_simulated
    assert health["business"].health == "unknown"
    assert "0010******45" in response.content.decode()


def test_the_operator_page_is_for_system_administrators(client, desk_officer):
    client.force_login(desk_officer)
    assert client.get(reverse("integration:connectors")).status_code == 403


def _call(unit, *, days_ago=0, **kw):
    fields = {
        "connector": "population",
        "service": "citizens",
        "method": "GET",
        "x_road_id": "x",
        "outcome": CallOutcome.SUCCESS,
        "unit": unit,
        "created_at": timezone.now() - datetime.timedelta(days=days_ago),
    }
    return ConnectorCall.objects.create(**{**fields, **kw})


def test_figures_match_a_naive_count(world):
    rows = [
        _call(world.desk_a, is_autofill=True),
        _call(world.desk_a),
        _call(world.desk_a, connector="business", is_autofill=True),
        _call(world.desk_a, outcome=CallOutcome.FAILED, is_autofill=True),
        _call(world.desk_a, connector="dvcqg"),
        _call(world.commune_b, is_autofill=True),
        _call(world.commune_b, days_ago=40, is_autofill=True),
        _call(None, is_autofill=True),
    ]
    first = timezone.localdate() - datetime.timedelta(days=7)
    last = timezone.localdate()

    def naive(autofill_only):
        counts = {}
        for row in rows:
            if (
                row.unit_id
                and row.outcome == "success"
                and row.connector in ("population", "business")
                and first <= timezone.localdate(row.created_at) <= last
                and (row.is_autofill or not autofill_only)
            ):
                counts[row.unit_id] = counts.get(row.unit_id, 0) + 1
        return counts

    lookups = figure_get("integration.lookups").read(first=first, last=last)
    autofilled = figure_get("integration.forms_autofilled").read(first=first, last=last)
    assert lookups == naive(False) == {world.desk_a.pk: 3, world.commune_b.pk: 1}
    assert autofilled == naive(True) == {world.desk_a.pk: 2, world.commune_b.pk: 1}
    only = figure_get("integration.lookups").read(
        first=first, last=last, unit_ids=[world.commune_b.pk]
    )
    assert only == {world.commune_b.pk: 1}
