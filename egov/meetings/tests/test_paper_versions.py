"""Versions of a meeting paper: a revised draft replaces the previous one, which stays
readable; the agenda, the API and the figures count the current version; a double upload is
one version, a stale one is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.common.testing import files as samples
from egov.meetings import services
from egov.meetings.exceptions import MeetingConflict
from egov.meetings.models import Paper
from egov.meetings.selectors import paper_get_for_user
from egov.meetings.services.papers import paper_version_upload
from egov.meetings.tests.test_session import _invited


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_new_version_replaces_the_current_one_once(world, people, clock):
    meeting, item = _invited(world, people)
    first, _ = services.paper_upload(
        actor=people.office,
        item=item,
        upload=samples.pdf(),
        name="du-thao.pdf",
        secret=True,
        readers=[people.dept_head],
    )

    second, _warning = paper_version_upload(
        actor=people.office, paper=first, upload=samples.pdf(2000)
    )
    again, _ = paper_version_upload(actor=people.office, paper=first, upload=samples.pdf(2000))
    with pytest.raises(MeetingConflict):
        paper_version_upload(actor=people.office, paper=first, upload=samples.pdf(3000))
    with pytest.raises(PermissionDenied):
        paper_version_upload(actor=people.dept_head, paper=second, upload=samples.pdf(3000))

    assert again == second
    assert (second.version_number, second.replaces, second.name, second.secret) == (
        2,
        first,
        "du-thao.pdf",
        True,
    )
    assert list(second.readers.all()) == [people.dept_head]
    assert list(Paper.objects.current().filter(item=item)) == [second]
    assert paper_get_for_user(people.dept_head, meeting.pk, first.pk) == first  # still readable
    assert AuditEvent.objects.filter(action="meetings.paper_version_added").count() == 1


def test_the_page_and_the_api_show_the_current_version(client, world, people, clock):
    meeting, item = _invited(world, people)
    first, _ = services.paper_upload(
        actor=people.office, item=item, upload=samples.pdf(), name="du-thao.pdf"
    )
    client.force_login(people.office)

    response = client.post(
        reverse("meetings:meeting-action", args=[meeting.pk, "paper-version"]),
        {
            "target": first.pk,
            "file": SimpleUploadedFile("v2.pdf", samples.pdf(2000), "application/pdf"),
        },
    )
    page = client.get(reverse("meetings:meeting-detail", args=[meeting.pk])).content.decode()
    detail = client.get(reverse("api:meeting_get", args=[meeting.pk])).json()

    assert response.status_code == 302
    current = Paper.objects.current().get(item=item)
    assert current.version_number == 2
    assert 'class="paper-version"' in page
    assert reverse("meetings:paper-file", args=[meeting.pk, current.pk]) in page
    assert reverse("meetings:paper-file", args=[meeting.pk, first.pk]) not in page
    assert [p["id"] for p in detail["agenda"][0]["papers"]] == [current.pk]
