"""The progress stepper: stages by status, pauses, and where the pages show it."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from egov.onestop.models import DossierFile
from egov.onestop.progress import dossier_stages
from egov.onestop.tests.figures_factories import notice_issue
from egov.onestop.tests.online_helpers import (
    agency_code_set,
    online_procedure,
    result_ready,
    status_force,
    submitted_for,
)

EN = {"accept-language": "en"}


def _states(status: str, *, is_received: bool = True) -> list[tuple[str, str, bool]]:
    return [
        (s.code, s.state, bool(s.pause)) for s in dossier_stages(status, is_received=is_received)
    ]


@pytest.mark.parametrize(
    ("status", "received", "expected"),
    [
        ("submitted", False, ["current", "todo", "todo", "todo"]),
        ("processing", True, ["done", "current", "todo", "todo"]),
        ("result_ready", True, ["done", "done", "done", "current"]),
        ("returned", True, ["done", "done", "done", "done"]),
    ],
)
def test_stages_follow_the_status(status, received, expected):
    assert [state for _code, state, _pause in _states(status, is_received=received)] == expected


def test_pauses_are_shown_on_the_current_stage():
    assert _states("supplement_requested") == [
        ("received", "done", False),
        ("processing", "current", True),
        ("result", "todo", False),
        ("returned", "todo", False),
    ]
    # A completion asked at the desk, before receipt, pauses the first stage.
    assert _states("supplement_requested", is_received=False)[0] == ("received", "current", True)
    assert _states("payment_requested")[1] == ("processing", "current", True)


@pytest.mark.parametrize("status", ["draft", "withdrawn", "refused", "stopped"])
def test_dossiers_off_the_path_have_no_stepper(status):
    assert dossier_stages(status, is_received=False) == []


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_the_status_page_and_the_dossier_page_show_the_stepper_and_the_appointment(
    client, citizen, world
):
    agency_code_set(world)
    dossier = status_force(
        submitted_for(citizen, online_procedure(), world.district_a), "processing"
    )
    dossier.due_at = dossier.submitted_at
    dossier.save(update_fields=["due_at"])

    public = client.get(reverse("onestop:dossier-status"), {"code": dossier.code}, headers=EN)
    client.force_login(citizen)
    own = client.get(reverse("onestop:my-dossier-detail", args=[dossier.pk]), headers=EN)

    for page in (public, own):
        html = page.content.decode()
        assert 'class="progress-stepper"' in html
        assert re.search(r'aria-current="step">\s*<span class="stage-label">Being processed', html)
        assert "Appointment for the result: " in _text(page)


@pytest.mark.django_db
def test_a_supplement_request_is_at_the_top_and_a_result_file_comes_first(client, citizen, world):
    agency_code_set(world)
    asked = status_force(
        submitted_for(citizen, online_procedure(), world.district_a), "supplement_requested"
    )
    notice_issue(asked, "supplement", issued_at=timezone.now(), reason="Bổ sung bản vẽ mặt cắt")
    client.force_login(citizen)

    page = _text(client.get(reverse("onestop:my-dossier-detail", args=[asked.pk]), headers=EN))

    assert page.index("Complete the dossier") < page.index("Application form")
    assert "What you are asked to add: Bổ sung bản vẽ mặt cắt" in page

    done = status_force(result_ready(asked), "returned", returned_at=timezone.now())
    result = DossierFile.objects.create(
        dossier=done,
        kind="result",
        file=ContentFile(b"%PDF-1.4", name="ket-qua.pdf"),
        original_name="giay-phep-xay-dung.pdf",
        content_type="application/pdf",
        size=8,
        sha256="0" * 64,
    )
    page = _text(client.get(reverse("onestop:my-dossier-detail", args=[done.pk]), headers=EN))
    assert page.index("Your result") < page.index("Application form")
    assert page.index(result.original_name) < page.index("Documents")
