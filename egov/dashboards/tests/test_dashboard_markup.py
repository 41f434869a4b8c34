"""The dashboard's cells written in one pass (issue 23) show what the partial templates showed:
the old ``dashboard.html``, ``scoreboard.html``, ``_cell.html`` and ``_band.html`` are kept, as
they were, in ``oracle/`` and rendered from the context the view gives the new page, for the
same request, beside the page the view answers now. Compared with whitespace between tags and
before a closing tag ignored (the partials each ended with a newline) and the CSRF tokens
masked, on pages that show every kind of cell: values with bands, ranks, "no data source
yet", a closed period with a corrected value beside the frozen one; the 766 table inside and
on the portal; in Vietnamese (decimal comma) and in English."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from unittest import mock

import pytest
from django.template import Engine, RequestContext
from django.urls import reverse

from egov.common.testing.oracle import oracle_engine
from egov.dashboards import views
from egov.dashboards.tests.conftest import Q3
from egov.onestop.models import Dossier
from egov.onestop.services.figures import figures_refresh_range

pytestmark = pytest.mark.django_db
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value="|"X-CSRFToken": ")[^"]*"')
LANGUAGES = [("vi", "vi"), ("en", "en")]


def _oracle_engine() -> Engine:
    return oracle_engine(Path(__file__).parent / "oracle")


def _normal(markup: str) -> str:
    markup = CSRF.sub(r'\1"', markup)
    markup = re.sub(r"\s+", " ", markup)
    markup = re.sub(r"\s+</", "</", markup)  # a cell's trailing newline, never shown
    return re.sub(r">\s+<", "><", markup)


def _both(client, path: str, query: dict, language: str) -> tuple[str, str]:
    """The page as the view answers it, and as the old templates write the same context."""
    seen = {}
    real = views.render

    def kept(request, template_name, context=None, *args, **kwargs):
        seen.update(request=request, template=template_name, context=context)
        return real(request, template_name, context, *args, **kwargs)

    with mock.patch.object(views, "render", kept):
        answer = client.get(path, query, headers={"accept-language": language})
    assert answer.status_code == 200
    old = (
        _oracle_engine()
        .get_template(seen["template"])
        .render(RequestContext(seen["request"], seen["context"]))
    )
    return _normal(answer.content.decode()), _normal(old)


def _assert_same(client, path: str, query: dict) -> None:
    for language, marker in LANGUAGES:
        new, old = _both(client, path, query, language)
        assert f'lang="{marker}' in new
        assert new == old


def test_the_dashboard_and_766_pages_show_what_the_partials_showed(
    client, scene, no_feedback_source
) -> None:
    client.force_login(scene.leader)
    paths = [
        reverse("dashboards:dashboard"),
        reverse("dashboards:dashboard-unit", args=[scene.world.district_a.pk]),
        reverse("dashboards:scoreboard"),
        reverse("dashboards-public:scoreboard"),
    ]
    new, _old = _both(client, paths[0], Q3, "vi")
    assert "data-no-source" in new and 'data-band="' in new and "<small>(#1)</small>" in new
    assert re.search(r">\d+,\d+ %", new)  # a decimal comma
    for path in paths:
        _assert_same(client, path, Q3)


def test_a_closed_period_shows_the_corrected_value_beside_the_frozen_one_as_before(
    client, scene
) -> None:
    client.force_login(scene.leader)
    client.post(reverse("dashboards:snapshot-close"), Q3)
    late = Dossier.objects.filter(receiving_unit=scene.world.district_b, timeliness="late").first()
    late.timeliness, late.finished_at = "on_time", late.submitted_at
    late.save(update_fields=["timeliness", "finished_at"])
    figures_refresh_range(day_from=datetime.date(2026, 7, 1), day_to=datetime.date(2026, 7, 31))

    new, _old = _both(client, reverse("dashboards:dashboard"), Q3, "vi")

    assert "data-live" in new
    _assert_same(client, reverse("dashboards:dashboard"), Q3)
    _assert_same(client, reverse("dashboards:scoreboard"), Q3)
