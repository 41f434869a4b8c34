"""Page counts of meeting papers and the printed pages the meetings saved: each paper's pages
read from its PDF (pyHanko's reader), stored, and counted once per invitee for the papers
sent electronically; a paper whose pages are unknown counts nothing. On the figures page, in
the xlsx and in the dashboards' registry."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from egov.audit.models import AuditEvent
from egov.common.figures import figure_get
from egov.common.tables import sheet_rows, xlsx_open
from egov.common.testing import files as samples
from egov.documents.tests.factories import draft
from egov.meetings import rules, services
from egov.meetings.selectors import meeting_figures
from egov.meetings.services.papers import paper_pages, paper_version_upload
from egov.meetings.tests.conftest import at
from egov.meetings.tests.test_session import _invited

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_pages_saved_rule():
    assert rules.pages_saved([3, 2, None], 4) == (20, 1)
    assert rules.pages_saved([], 4) == (0, 0)
    assert rules.pages_saved([5], 0) == (0, 0)


def test_page_count_of_an_uploaded_pdf_and_its_version(world, people, clock):
    _meeting, item = _invited(world, people)

    paper, _warning = services.paper_upload(
        actor=people.office, item=item, upload=samples.pdf(pages=3), name="du-thao.pdf"
    )
    version, _warning = paper_version_upload(
        actor=people.office, paper=paper, upload=samples.pdf(pages=5)
    )

    assert (paper.pages, version.pages) == (3, 5)
    assert paper_pages(b"%PDF-1.7 damaged") is None
    added = AuditEvent.objects.get(action="meetings.paper_added", object_id=paper.pk)
    assert added.changes["pages"] == 3


def test_registry_document_counts_its_pdf_or_is_unknown(world, people, clock):
    meeting, item = _invited(world, people)
    without_pdf = draft(people.office, world.city_office)

    issued = services.paper_attach_document(
        actor=people.office, item=item, document=meeting.invitation
    )
    unknown = services.paper_attach_document(actor=people.office, item=item, document=without_pdf)

    assert issued.pages == 1  # the signed original
    assert unknown.pages is None  # a draft without a PDF: nothing to count


@pytest.fixture
def held(world, people, clock):
    """A session held with two invitees: a 3-page paper, a 4-page secret one (handed out on
    paper), a 2-page paper replaced by a 6-page version and a registry draft of unknown
    length."""
    meeting, item = _invited(world, people, units=[world.district_a])
    services.paper_upload(actor=people.office, item=item, upload=samples.pdf(pages=3), name="a.pdf")
    services.paper_upload(
        actor=people.office,
        item=item,
        upload=samples.pdf(pages=4),
        name="mat.pdf",
        secret=True,
        readers=[people.dept_head],
    )
    old, _warning = services.paper_upload(
        actor=people.office, item=item, upload=samples.pdf(pages=2), name="b.pdf"
    )
    paper_version_upload(actor=people.office, paper=old, upload=samples.pdf(pages=6))
    services.paper_attach_document(
        actor=people.office, item=item, document=draft(people.office, world.city_office)
    )
    clock.set(at(2026, 3, 10, 11))
    return services.meeting_hold(actor=people.chairman, meeting=meeting, expected_version=None)


def test_pages_saved_on_the_figures_and_in_the_registry(client, world, people, held):
    figures = meeting_figures(unit=world.city, first=D(2026, 1, 1), last=D(2026, 12, 31))
    registered = figure_get("meetings.pages_saved").read(first=D(2026, 3, 1), last=D(2026, 3, 31))
    client.force_login(people.office)
    query = {"unit": world.city.pk, "first": "2026-01-01", "last": "2026-12-31"}
    page = client.get(reverse("meetings:figures"), query).content.decode()
    workbook = xlsx_open(client.get(reverse("meetings:figures-xlsx"), query).content)

    # (3 + 6) pages × 2 invitees; the secret paper and the old version count nothing
    assert (figures.pages_saved, figures.papers_pages_unknown) == (18, 1)
    assert registered == {world.city.pk: 18}
    with translation.override("vi"):  # the page in the site's language
        unknown = gettext("papers whose page count is unknown: %(n)s") % {"n": 1}
    assert f'<td id="pages-saved">18 <small>({unknown})</small>' in page
    rows = list(sheet_rows(workbook.worksheets[0]))  # the workbook in the site's language
    with translation.override("vi"):
        label = gettext("Printed pages saved")
    assert any(row[:2] == (label, 18) for row in rows)
    assert figure_get("meetings.pages_saved").read(first=D(2026, 4, 1), last=D(2026, 4, 30)) == {}
