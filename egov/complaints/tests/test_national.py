"""Denunciation data for the national database: the denunciations within reach handled in the
period, the configured fields only, never the denouncer's identity (whatever the setting),
nothing owed before 1 July 2026, bad periods 400, an unknown field a configuration error."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from egov.common.tables import csv_rows, sheet_rows, xlsx_open
from egov.complaints import services
from egov.complaints.choices import Channel, Outcome, PetitionKind
from egov.complaints.national import FIELDS, check_national_fields
from egov.complaints.tests.conftest import at

D = datetime.date
pytestmark = pytest.mark.django_db
URL = reverse("complaints:national-export")
DENOUNCER = ("Phạm Thị Tố", "001099000111", "Số 5 phố Huế")


@pytest.fixture
def denunciation(clock, people, world):
    clock.set(at(2026, 12, 2))
    petition = services.petition_register(
        actor=people.receiver,
        unit=world.district_a,
        channel=Channel.POST,
        received_at=at(2026, 12, 1),
        subject="Tố cáo ông Nguyễn Văn X nhận tiền",
        content="Ông X nhận tiền của bà Phạm Thị Tố",
        petitioner_name=DENOUNCER[0],
        petitioner_id_number=DENOUNCER[1],
        petitioner_address=DENOUNCER[2],
    )
    return services.petition_classify(
        actor=people.handler,
        petition=petition,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )


def test_the_export_has_the_cases_fields_and_never_the_denouncer(
    client, denunciation, accepted, people
):
    client.force_login(people.handler)

    response = client.get(URL, {"first": "2026-12-01", "last": "2026-12-07", "format": "csv"})

    assert response.status_code == 200
    rows = list(csv_rows(response.content))
    assert rows[0] == list(FIELDS)
    assert [row[0] for row in rows[2:]] == [denunciation.number]
    text = response.content.decode("utf-8")
    for secret in (*DENOUNCER, "Nguyễn Văn X", denunciation.tracking_code):
        assert secret not in text
    case = dict(zip(rows[0], rows[2], strict=True))
    assert case["status"] == "accepted"
    assert case["received_on"] == "2026-12-01"


def test_the_setting_chooses_the_fields(client, denunciation, people, settings):
    settings.EGOV_COMPLAINTS_NATIONAL_FIELDS = ["status", "case_number"]
    client.force_login(people.handler)

    response = client.get(URL, {"first": "2026-12-01", "last": "2026-12-07"})

    book = xlsx_open(response.content)
    rows = list(sheet_rows(book.worksheets[0]))
    book.close()
    assert rows[0] == ("case_number", "status")
    assert rows[2] == (denunciation.number, "accepted")


def test_an_unknown_field_is_a_configuration_error(settings):
    settings.EGOV_COMPLAINTS_NATIONAL_FIELDS = ["status", "petitioner_name"]

    errors = check_national_fields()

    assert [error.id for error in errors] == ["complaints.E001"]
    assert "petitioner_name" in errors[0].msg


def test_other_units_denunciations_are_not_exported(client, denunciation, people):
    client.force_login(people.outsider)

    response = client.get(URL, {"first": "2026-12-01", "last": "2026-12-07", "format": "csv"})

    assert len(list(csv_rows(response.content))) == 2


@pytest.mark.parametrize(
    "query",
    [
        {"first": "2026-06-01", "last": "2026-06-30"},
        {"first": "2026-12-07", "last": "2026-12-01"},
        {"first": "2026-13-01"},
        {"format": "pdf"},
    ],
)
def test_bad_periods_answer_400(client, people, query, clock):
    client.force_login(people.handler)

    response = client.get(URL, query)

    assert response.status_code == 400


def test_a_period_reaching_back_starts_on_the_first_day_owed(
    client, denunciation, people, settings
):
    settings.EGOV_COMPLAINTS_NATIONAL_FROM = D(2026, 12, 5)
    client.force_login(people.handler)

    response = client.get(URL, {"first": "2026-11-01", "last": "2026-12-07", "format": "csv"})

    assert response["Content-Disposition"].endswith('20261205-20261207.csv"')
    assert [row[0] for row in list(csv_rows(response.content))[2:]] == [denunciation.number]


def test_visitors_are_sent_to_log_in(client):
    assert client.get(URL).status_code == 302
