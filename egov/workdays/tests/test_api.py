"""The public JSON API: exact answers, and 422 in the project's error format for bad input."""

from __future__ import annotations

import pytest

DEADLINE = "/api/v1/workdays/deadline"
DAYS = "/api/v1/workdays/days"


def test_deadline_over_tet_2025(client, db):
    response = client.get(DEADLINE, {"start": "2025-01-24T10:00:00+07:00", "days": "1"})

    assert response.status_code == 200
    assert response.json() == {
        "start": "2025-01-24T10:00:00+07:00",
        "start_counted_at": "2025-01-24T10:00:00+07:00",
        "days": "1.0",
        "due_at": "2025-02-03T10:00:00+07:00",
        "calendar_version": "h0.109-r1",
    }


@pytest.mark.parametrize(
    "start",
    [
        "2025-01-24T10:00",
        "2025-01-24 10:00:00",
        "2025-01-24T03:00:00Z",
        "2025-01-24T11:00:00+08:00",
    ],
)
def test_naive_and_other_zones_mean_the_same_moment(client, db, start):
    response = client.get(DEADLINE, {"start": start, "days": "0.5"})

    assert response.status_code == 200
    assert response.json()["start"] == "2025-01-24T10:00:00+07:00"
    assert response.json()["due_at"] == "2025-01-24T15:00:00+07:00"


def test_cutoff_is_applied_by_default_and_can_be_turned_off(client, db):
    late = {"start": "2025-02-07T16:00:00+07:00", "days": "2.5"}

    with_cutoff = client.get(DEADLINE, late).json()
    without = client.get(DEADLINE, {**late, "apply_cutoff": "false"}).json()

    assert (with_cutoff["start_counted_at"], with_cutoff["due_at"]) == (
        "2025-02-08T08:00:00+07:00",
        "2025-02-11T12:00:00+07:00",
    )
    assert (without["start_counted_at"], without["due_at"]) == (
        "2025-02-07T16:00:00+07:00",
        "2025-02-11T11:00:00+07:00",
    )


def test_make_up_saturday_2026_and_cultural_day(client, db):
    saturday = client.get(DEADLINE, {"start": "2026-08-21T10:00", "days": "1"}).json()
    cultural = client.get(DEADLINE, {"start": "2026-11-23T10:00", "days": "1"}).json()

    assert saturday["due_at"] == "2026-08-22T10:00:00+07:00"
    assert cultural["due_at"] == "2026-11-25T10:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"start": "garbage", "days": "1"}, ["start"]),
        ({"start": "123", "days": "1"}, ["start"]),
        ({"start": "2150-01-01T10:00", "days": "1"}, ["start"]),
        ({"start": "2025-13-01T10:00", "days": "1"}, ["start"]),
        ({"start": "2025-01-24T10:00", "days": "-1"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "0"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "0.25"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "366"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "1e400"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "NaN"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "abc"}, ["days"]),
        ({"start": "2025-01-24T10:00", "days": "1", "apply_cutoff": "maybe"}, ["apply_cutoff"]),
        ({"days": "1"}, ["start"]),
        ({}, ["start", "days"]),
    ],
)
def test_bad_deadline_input_is_a_422_with_field_errors(client, db, params, fields):
    response = client.get(DEADLINE, params, headers={"accept-language": "en"})

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["detail"]) == ("invalid_input", "Invalid input.")
    assert [error["field"] for error in body["errors"]] == fields


def test_deadline_beyond_the_calendar_is_a_422(client, db):
    response = client.get(
        DEADLINE, {"start": "2099-12-01T10:00", "days": "365"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "The calendar covers the years 2000 to 2099 only.",
        "code": "outside_calendar",
        "errors": [
            {"field": "start", "message": "The calendar covers the years 2000 to 2099 only."}
        ],
    }


def test_days_of_30_april_2025(client, db):
    response = client.get(
        DAYS, {"from": "2025-04-20", "to": "2025-05-10"}, headers={"accept-language": "en"}
    )

    assert response.status_code == 200
    assert response.json() == {
        "from": "2025-04-20",
        "to": "2025-05-10",
        "calendar_version": "h0.109-r1",
        "days": [
            {
                "date": "2025-04-26",
                "weekday": 6,
                "kind": "makeup_working_day",
                "name": "Make-up working day for 02/05/2025",
            },
            {
                "date": "2025-04-30",
                "weekday": 3,
                "kind": "day_off",
                "name": "Liberation Day/Reunification Day",
            },
            {
                "date": "2025-05-01",
                "weekday": 4,
                "kind": "day_off",
                "name": "International Labor Day",
            },
            {
                "date": "2025-05-02",
                "weekday": 5,
                "kind": "day_off",
                "name": "Day off (substituted from 04/26/2025)",
            },
        ],
    }


def test_day_names_are_vietnamese_by_default(client, db):
    response = client.get(DAYS, {"from": "2026-04-27", "to": "2026-04-27"})

    assert response.json()["days"][0]["name"] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"


@pytest.mark.parametrize(
    ("params", "code", "fields"),
    [
        ({"from": "2025-01-01", "to": "2026-02-05"}, "invalid_date_range", ["to"]),
        ({"from": "2025-02-01", "to": "2025-01-31"}, "invalid_date_range", ["to"]),
        ({"from": "01/02/2025", "to": "2025-03-01"}, "invalid_input", ["from"]),
        ({"from": "2025-01-01"}, "invalid_input", ["to"]),
        ({"from": "1999-12-01", "to": "2000-01-31"}, "invalid_input", ["from"]),
    ],
)
def test_bad_day_ranges_are_a_422(client, db, params, code, fields):
    response = client.get(DAYS, params)

    assert response.status_code == 422
    assert response.json()["code"] == code
    assert [error["field"] for error in response.json()["errors"]] == fields


def test_a_full_400_day_range_is_allowed(client, db):
    response = client.get(DAYS, {"from": "2025-01-01", "to": "2026-02-04"})

    assert response.status_code == 200
    assert len(response.json()["days"]) == 17


WORKING_DAY = "/api/v1/workdays/working-day"
COUNT = "/api/v1/workdays/working-days/count"


@pytest.mark.parametrize(
    ("day", "working", "reason", "name", "swapped_with"),
    [
        ("2025-01-24", True, "weekday", "", None),
        ("2025-01-25", False, "weekend", "", None),
        ("2025-01-28", False, "holiday", "Lunar New Year's Eve", None),
        ("2025-01-27", False, "swapped_day_off", "29 of Lunar New Year", "2025-02-08"),
        (
            "2025-02-08",
            True,
            "makeup_working_day",
            "Make-up working day for 27/01/2025",
            "2025-01-27",
        ),
        ("2025-02-09", False, "weekend", "", None),
        (
            "2025-05-02",
            False,
            "swapped_day_off",
            "Day off (substituted from 04/26/2025)",
            "2025-04-26",
        ),
    ],
)
def test_is_this_a_working_day_and_why(client, db, day, working, reason, name, swapped_with):
    response = client.get(WORKING_DAY, {"date": day}, headers={"accept-language": "en"})

    assert response.status_code == 200
    body = response.json()
    assert (body["date"], body["is_working_day"], body["reason"]) == (day, working, reason)
    assert (body["name"], body["swapped_with"]) == (name, swapped_with)
    assert body["calendar_version"] == "h0.109-r1"


def test_a_swapped_day_is_named_in_vietnamese_by_default(client, db):
    body = client.get(WORKING_DAY, {"date": "2025-02-08"}).json()

    assert body["name"] == "Ngày làm bù cho ngày 27/01/2025"


@pytest.mark.parametrize(
    ("first", "last", "count"),
    [
        # Tết 2025: 25/01-02/02 off, Monday 27/01 repaid by Saturday 08/02.
        ("2025-01-20", "2025-02-09", 11),
        ("2025-01-25", "2025-02-02", 0),
        ("2025-02-03", "2025-02-08", 6),
        ("2025-02-08", "2025-02-08", 1),
        ("2025-02-09", "2025-02-09", 0),
        ("2025-01-24", "2025-01-24", 1),
        # April-May 2025: Saturday 26/04 worked for Friday 02/05.
        ("2025-04-21", "2025-05-04", 8),
        ("2020-01-01", "2029-12-31", None),
    ],
)
def test_working_days_between_two_dates_both_included(client, db, first, last, count):
    response = client.get(COUNT, {"from": first, "to": last})

    assert response.status_code == 200
    body = response.json()
    assert (body["from"], body["to"]) == (first, last)
    if count is not None:
        assert body["working_days"] == count
    else:
        assert 2400 < body["working_days"] < 2550


@pytest.mark.parametrize(
    ("params", "code", "fields"),
    [
        ({"from": "2025-02-01", "to": "2025-01-31"}, "invalid_date_range", ["to"]),
        ({"from": "2020-01-01", "to": "2030-01-01"}, "invalid_date_range", ["to"]),
        ({"from": "2025-01-01"}, "invalid_input", ["to"]),
        ({"from": "1999-12-31", "to": "2000-01-31"}, "invalid_input", ["from"]),
    ],
)
def test_bad_count_ranges_are_a_422_naming_the_field(client, db, params, code, fields):
    response = client.get(COUNT, params, headers={"accept-language": "en"})

    assert response.status_code == 422
    assert response.json()["code"] == code
    assert [error["field"] for error in response.json()["errors"]] == fields


def test_a_reversed_range_says_so(client, db):
    response = client.get(
        COUNT, {"from": "2025-02-01", "to": "2025-01-31"}, headers={"accept-language": "en"}
    )

    assert response.json()["errors"] == [
        {"field": "to", "message": "The end date comes before the start date."}
    ]


@pytest.mark.parametrize(
    ("params", "fields"),
    [({"date": "2150-01-01"}, ["date"]), ({"date": "31/01/2025"}, ["date"]), ({}, ["date"])],
)
def test_bad_working_day_input_is_a_422(client, db, params, fields):
    response = client.get(WORKING_DAY, params)

    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == fields
