"""Pages: the reception book and receipt, the petition page with its steps, the denouncer
hidden in lists and pages from anyone but the named handlers (404 on the identity), the
citizen's own petitions, and the API."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind, VisitOutcome
from egov.complaints.models import Petition
from egov.complaints.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db


def _denunciation(people, world):
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Tố cáo cán bộ địa chính",
        content="Tố cáo ông X nhận tiền",
        petitioner_name="Phạm Thị Tố",
    )
    return services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )


def test_a_visit_is_recorded_and_its_receipt_printed(client, clock, people, world) -> None:
    client.force_login(people.receiver)
    response = client.post(
        reverse("complaints:visit-create"),
        {
            "unit": world.district_a.pk,
            "received_at": "2026-12-07T08:30",
            "form": "in_person",
            "visitor_name": "Trần Văn Bình",
            "crowd_size": 1,
            "content": "Hỏi về thủ tục",
            "outcome": VisitOutcome.GUIDED,
            "outcome_note": "Hướng dẫn đến bộ phận một cửa",
        },
    )
    assert response.status_code == 302
    receipt = client.get(response["Location"] + "receipt.pdf")
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF")


def test_a_refused_visit_without_reason_is_a_400(client, clock, people, world) -> None:
    client.force_login(people.receiver)
    response = client.post(
        reverse("complaints:visit-create"),
        {
            "unit": world.district_a.pk,
            "received_at": "2026-12-07T08:30",
            "form": "in_person",
            "visitor_name": "Trần Văn Bình",
            "crowd_size": 1,
            "content": "Khiếu nại",
            "outcome": VisitOutcome.REFUSED,
        },
    )
    assert response.status_code == 400


def test_the_denouncer_is_hidden_from_the_head_and_shown_to_named_handlers(
    client, clock, people, world
) -> None:
    petition = _denunciation(people, world)
    client.force_login(people.chairman)
    listing = client.get(reverse("complaints:petition-list")).content.decode()
    page = client.get(reverse("complaints:petition-detail", args=[petition.pk])).content.decode()
    identity = client.get(reverse("complaints:petition-identity", args=[petition.pk]))
    assert "Phạm Thị Tố" not in listing
    assert "Phạm Thị Tố" not in page
    assert identity.status_code == 404
    client.force_login(people.receiver)
    listing = client.get(reverse("complaints:petition-list")).content.decode()
    identity = client.get(reverse("complaints:petition-identity", args=[petition.pk]))
    assert "Phạm Thị Tố" in listing
    assert identity.status_code == 200
    assert "Phạm Thị Tố" in identity.content.decode()
    assert AuditEvent.objects.filter(action="complaints.identity_read").count() == 1


def test_a_division_head_below_does_not_see_the_district_petitions(
    client, clock, people, world
) -> None:
    petition = _denunciation(people, world)
    client.force_login(people.division_head)
    assert client.get(reverse("complaints:petition-detail", args=[petition.pk])).status_code == 404
    assert "Tố cáo" not in client.get(reverse("complaints:petition-list")).content.decode()


def test_the_steps_on_the_petition_page(client, clock, people, world) -> None:
    clock.set(at(2026, 12, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Khiếu nại",
        content="Khiếu nại quyết định",
        petitioner_name="Trần Văn Bình",
    )
    client.force_login(people.handler)
    url = reverse("complaints:petition-action", args=[petition.pk, "classify"])
    response = client.post(
        url,
        {
            "classify-version": petition.version,
            "classify-kind": PetitionKind.COMPLAINT,
            "classify-is_competent": "on",
            "classify-outcome": Outcome.ACCEPT,
        },
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "accepted"
    clock.set(at(2026, 12, 7))
    client.force_login(people.handler)  # a new session: the idle one expired over the days
    for step, day in (("verify", "2026-12-03"), ("dialogue", "2026-12-04")):
        response = client.post(
            reverse("complaints:petition-action", args=[petition.pk, step]),
            {f"{step}-version": petition.version, f"{step}-on": day, f"{step}-note": "Biên bản"},
        )
        assert response.status_code == 302
        petition.refresh_from_db()
    stale = client.post(
        reverse("complaints:petition-action", args=[petition.pk, "settle"]),
        {
            "settle-version": 1,
            "settle-decided_on": "2026-12-07",
            "settle-verdict": "right",
            "settle-summary": "Khiếu nại đúng",
        },
    )
    assert stale.status_code == 400
    response = client.post(
        reverse("complaints:petition-action", args=[petition.pk, "settle"]),
        {
            "settle-version": petition.version,
            "settle-decided_on": "2026-12-07",
            "settle-verdict": "right",
            "settle-summary": "Khiếu nại đúng",
        },
    )
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.status == "settled"


def test_the_citizen_follows_their_own_petitions(client, clock, world, citizen) -> None:
    client.force_login(citizen)
    response = client.post(
        reverse("complaints:my-petition-create"),
        {"unit": world.district_a.pk, "subject": "Kiến nghị sửa đường", "content": "Đường hỏng"},
    )
    assert response.status_code == 302
    petition = Petition.objects.get()
    page = client.get(reverse("complaints:my-petition-detail", args=[petition.pk]))
    assert petition.tracking_code in page.content.decode()
    api = client.get("/api/v1/complaints/my-petitions")
    assert [row["number"] for row in api.json()] == [petition.number]


def test_the_api_registers_a_citizen_petition_and_refuses_bad_input(
    client, clock, world, citizen, people
) -> None:
    client.force_login(citizen)
    url = "/api/v1/complaints/my-petitions"
    body = {"unit_id": world.district_a.pk, "subject": "Khiếu nại", "content": "Nội dung"}
    created = client.post(url, json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    assert created.json()["status"] == "registered"
    assert "petitioner_name" not in created.json()
    missing = client.post(url, json.dumps({"unit_id": 0}), content_type="application/json")
    assert missing.status_code == 422
    wrong_unit = client.post(
        url, json.dumps({**body, "unit_id": world.division_a.pk}), content_type="application/json"
    )
    assert wrong_unit.status_code == 400
    client.force_login(people.handler)
    assert client.post(url, json.dumps(body), content_type="application/json").status_code == 403
    assert Petition.objects.count() == 1


def test_the_lists_run_the_same_queries_whatever_the_rows(client, clock, people, world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people.receiver)

    def counts() -> tuple[int, int]:
        found = []
        for name in ("complaints:petition-list", "complaints:visit-list"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            found.append(len(queries))
        return found[0], found[1]

    def add(index: int) -> None:
        _denunciation(people, world) if index == 0 else services.petition_register(
            actor=people.receiver,
            unit=world.district_a,
            channel=Channel.POST,
            received_at=at(2026, 12, 1),
            subject="Kiến nghị",
            content=f"Kiến nghị {index}",
            petitioner_name="Người dân",
        )
        services.visit_record(
            actor=people.receiver,
            unit=world.district_a,
            received_at=at(2026, 12, 1),
            visitor_name="Người dân",
            content=f"Hỏi {index}",
            outcome=VisitOutcome.GUIDED,
            outcome_note="Hướng dẫn",
        )

    for index in range(2):
        add(index)
    few = counts()
    for index in range(2, 7):
        add(index)
    assert counts() == few


def test_the_export_hides_the_denouncer_as_the_list_does(client, clock, people, world) -> None:
    from egov.common.tables import sheet_rows, xlsx_open

    petition = _denunciation(people, world)

    def exported(user) -> list[tuple]:
        client.force_login(user)
        response = client.get(reverse("complaints:petition-export"))
        assert response.status_code == 200
        return list(sheet_rows(xlsx_open(response.content).worksheets[0]))

    head_rows = exported(people.chairman)
    named_rows = exported(people.receiver)

    assert [row[0] for row in head_rows[1:]] == [petition.number]
    assert head_rows[1][4] == "Được bảo mật"
    assert "Phạm Thị Tố" not in "".join(str(cell) for row in head_rows for cell in row)
    assert named_rows[1][4] == "Phạm Thị Tố"
    assert len(exported(people.division_head)) == 1  # the header only: nothing within reach
