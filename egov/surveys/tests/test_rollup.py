"""The answers' roll-up equals counting the raw answers: for arbitrary answers (public or by
invitation, at several units, days and channels, some invitations left unanswered), the index
of any unit's subtree for any period, channel and procedure read from the roll-up is the index
counted from the answers (for one procedure, periods with partial months read their days from
the answers), the survey figures equal naive counts per unit, and rebuilding the roll-up from
the raw rows ends where the rows written answer by answer did."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egov.common.figures import figure_get
from egov.common.rollups import rollups_rebuild_stale
from egov.surveys import services
from egov.surveys.models import AnswerFigure, Response
from egov.surveys.selectors import survey_index
from egov.surveys.services.rollup import rollup_is_stale
from egov.surveys.tests.conftest import full_answers
from egov.workdays.rules import VN_TZ

D = datetime.date
FIRST = D(2025, 11, 20)
CHANNELS = ("direct", "online", "")
PROCEDURES = ("", "P-01", "P-02")
LEVEL = st.integers(1, 5)

answer_specs = st.tuples(
    st.integers(0, 2),  # unit: district A, commune A, desk A
    st.integers(0, 500),  # day after FIRST
    st.sampled_from(CHANNELS),
    st.sampled_from(["public", "invited", "invited", "unanswered"]),
    st.lists(LEVEL, min_size=11, max_size=11),
    st.sampled_from(["portal", "desk", "other"]),
    st.sampled_from(["yes", "no"]),
    st.sampled_from(PROCEDURES),
)
asks = st.tuples(
    st.integers(0, 3),  # unit asked: city, district A, commune A, desk A
    st.integers(-40, 520),  # first day after FIRST
    st.integers(0, 600),  # length in days
    st.sampled_from([None, *CHANNELS]),
    st.sampled_from([*PROCEDURES, "P-09"]),  # "" is every procedure; P-09 has no answer
)
CODES = (
    "access_place",
    "access_online",
    "procedure_public",
    "procedure_papers",
    "result_on_time",
    "result_correct",
    "feedback_channel",
    "feedback_handled",
)


@pytest.fixture
def inviting(world, unit_head, monkeypatch):
    draft = services.survey_create_from_template(actor=unit_head, unit=world.district_a)
    services.survey_update(actor=unit_head, survey=draft, is_for_invitations=True, sample_every=1)
    survey = services.survey_publish(actor=unit_head, survey=draft)
    moment = {"now": None}
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: moment["now"] or real_now())
    return survey, moment


def _answers(levels, info, extra):
    answers = full_answers(
        levels[0],
        info_channel=info,
        extra_payment=extra,
        servant={"attitude": levels[1], "guidance": levels[2], "competence": levels[3]},
    )
    answers.update(dict(zip(CODES, levels[3:], strict=True)))
    return answers


def _submit(world, survey, moment, specs):
    units = [world.district_a, world.commune_a, world.desk_a]
    for number, (unit, offset, channel, how, levels, info, extra, procedure) in enumerate(specs):
        day = FIRST + datetime.timedelta(days=offset)
        moment["now"] = datetime.datetime.combine(day, datetime.time(10), tzinfo=VN_TZ)
        answers = _answers(levels, info, extra)
        if how == "public":
            services.response_submit(
                survey=survey, answers=answers, channel=channel, procedure_code=procedure
            )
            continue
        invitation = services.survey_invite_for_service(
            unit=units[unit],
            procedure_code=procedure,
            channel=channel,
            reference=f"HS-{number}",
            contact="nguoidan@example.vn",
        )
        if how == "invited":
            later = moment["now"] + datetime.timedelta(days=offset % 5)
            moment["now"] = later
            services.response_submit(survey=survey, answers=answers, invitation=invitation)


def _naive(field: str) -> dict[int, int]:
    out: dict[int, int] = {}
    for response in Response.objects.all():
        out[response.unit_id] = out.get(response.unit_id, 0) + int(getattr(response, field))
    return {k: v for k, v in out.items() if v}


def _rows() -> set[tuple]:
    return {
        (r.grain, r.start, r.family, r.unit_id, r.subtree, r.channel, r.procedure_code,
         r.responses, r.satisfied,
         r.dissatisfied, r.score_sum, r.invitations, r.invitations_answered,
         tuple(sorted((k, tuple(sorted(v.items()))) for k, v in r.values.items())))
        for r in AnswerFigure.objects.all()
    }  # fmt: skip


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(answer_specs, max_size=10), questions=st.lists(asks, min_size=1, max_size=4))
def test_rolled_up_index_equals_counting_the_answers(world, inviting, specs, questions):
    survey, moment = inviting
    units = [world.city, world.district_a, world.commune_a, world.desk_a]
    with transaction.atomic():
        _submit(world, survey, moment, specs)

        for unit, start, length, channel, procedure in questions:
            first = FIRST + datetime.timedelta(days=start)
            last = first + datetime.timedelta(days=length)
            scope = {
                "unit": units[unit],
                "first": first,
                "last": last,
                "channel": channel,
                "procedure_code": procedure,
            }
            rolled = survey_index(survey, **scope)
            assert rolled == survey_index(survey, raw=True, **scope), scope
        everything = {"first": FIRST, "last": FIRST + datetime.timedelta(days=600)}
        assert survey_index(survey, unit=world.city, **everything).responses == len(
            [s for s in specs if s[3] in ("public", "invited")]
        )
        for code, field in (
            ("surveys.responses", "pk"),
            ("surveys.responses_satisfied", "is_satisfied"),
            ("surveys.responses_dissatisfied", "is_dissatisfied"),
        ):
            expected = _naive(field) if field != "pk" else _naive_count()
            assert figure_get(code).read(**everything) == expected, code

        incremental = _rows()
        services.rollup_rebuild()
        assert _rows() == incremental
        transaction.set_rollback(True)


def _naive_count() -> dict[int, int]:
    out: dict[int, int] = {}
    for unit_id in Response.objects.values_list("unit_id", flat=True):
        out[unit_id] = out.get(unit_id, 0) + 1
    return out


def test_one_procedure_counts_the_days_of_partial_months_from_the_answers(
    world, inviting, django_assert_num_queries
):
    """For one procedure the roll-up has no day rows: a period that starts and ends inside a
    month reads the whole months from the roll-up and the days at either end from the answers,
    and the index is the one counted from the answers."""
    survey, moment = inviting
    # Invited 2025-11-20 + n * 9 days, answered 0-4 days later (_submit).
    _submit(
        world,
        survey,
        moment,
        [
            (n % 3, n * 9, CHANNELS[n % 3], "invited", [1 + n % 5] * 11, "desk", "no", "P-01")
            for n in range(12)
        ],
    )
    scope = {
        "unit": world.city,
        "first": D(2025, 11, 25),
        "last": D(2026, 2, 10),
        "channel": None,
        "procedure_code": "P-01",
    }
    assert not AnswerFigure.objects.filter(grain="day").exclude(procedure_code="").exists()
    read: list[str] = []

    def record(execute, sql, params, many, context):
        read.append(sql)
        return execute(sql, params, many, context)

    # the structure (2), the rows of December and January (1), the family's versions, the
    # answers and invitations of 25-30 November and 1-10 February (3)
    with django_assert_num_queries(6), connection.execute_wrapper(record):
        rolled = survey_index(survey, **scope)

    assert rolled == survey_index(survey, raw=True, **scope)
    # answered 13, 21, ..., 82 days after 2025-11-20 (two of them in February); invited on
    # days 9 to 81 (one of them on 29 November)
    assert (rolled.responses, rolled.invitations) == (9, 9)
    assert [sql for sql in read if "surveys_response" in sql]


def test_index_page_reads_the_rollup_in_constant_queries(
    world, inviting, unit_head, client, django_assert_max_num_queries
):
    survey, moment = inviting
    _submit(
        world,
        survey,
        moment,
        [
            (n % 3, n * 7, CHANNELS[n % 3], "invited", [4] * 11, "portal", "no", "P-01")
            for n in range(30)
        ],
    )
    client.force_login(unit_head)
    url = f"/workspace/surveys/{survey.pk}/index/"
    period = {"first": "2025-11-01", "last": "2026-06-30"}

    with django_assert_max_num_queries(40) as captured:
        response = client.get(url, period)
    few = len(captured)
    with django_assert_max_num_queries(few):
        client.get(url, {"first": "2025-01-01", "last": "2026-12-31"})

    read: list[str] = []

    def record(execute, sql, params, many, context):
        read.append(sql)
        return execute(sql, params, many, context)

    with django_assert_max_num_queries(few), connection.execute_wrapper(record):
        chosen = client.get(url, {**period, "procedure": "P-01"})
    other = client.get(url, {**period, "procedure": "P-02"})

    assert response.status_code == 200
    assert response.context["report"].responses == 30
    assert response.context["report"].invitations == 30
    assert chosen.context["report"] == response.context["report"]
    assert response.context["procedures"] == ["P-01"]  # offered in the procedure filter
    assert other.context["report"].responses == 0
    assert any("surveys_answerfigure" in sql for sql in read)
    assert not [sql for sql in read if "surveys_response" in sql]  # no scan of the answers


def test_rebuild_command_reports_what_it_wrote(world, inviting):
    survey, moment = inviting
    _submit(world, survey, moment, [(1, 3, "online", "invited", [5] * 11, "desk", "no", "P-01")])
    before = _rows()
    out = StringIO()

    call_command("surveys_rollup_rebuild", "--quiet", stdout=out)

    # invited on day 3 and answered on day 6, at the commune (3 units in its path): 2 days x
    # (the own row + 3 subtree rows of all procedures), then the month and the year x (the own
    # row + 3 of all procedures + 3 of P-01); no day rows per procedure
    assert out.getvalue() == "Survey roll-up rebuilt: 1 answers, 1 invitations, 22 rows.\n"
    assert _rows() == before


def test_migrate_rebuilds_a_rollup_that_is_behind_the_answers(world, inviting):
    """A database whose answers came before the roll-up (or before it was kept per procedure)
    is put right by the next ``migrate``, with no manual command."""
    survey, moment = inviting
    specs = [(1, 3, "online", "invited", [5] * 11, "desk", "no", "P-01"), (0, 9, "", "public",
             [2] * 11, "portal", "yes", "")]  # fmt: skip
    _submit(world, survey, moment, specs)
    written = _rows()
    assert not rollup_is_stale()

    AnswerFigure.objects.all().delete()  # answers loaded before the roll-up existed
    assert rollup_is_stale()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert _rows() == written and not rollup_is_stale()

    AnswerFigure.objects.exclude(procedure_code="").delete()  # kept before migration 0005
    assert rollup_is_stale()
    assert rollups_rebuild_stale() == ["surveys.AnswerFigure"]
    assert _rows() == written
    assert rollups_rebuild_stale() == []  # nothing to do twice


def _procedure_days_of_before_0007() -> int:
    """Add the day rows per procedure the roll-up kept before migration 0007: here the P-01
    copy of every subtree day row of all procedures (all the answers name P-01)."""
    copies = []
    for row in AnswerFigure.objects.filter(grain="day", subtree=True, procedure_code=""):
        row.pk, row.procedure_code = None, "P-01"
        copies.append(row)
    return len(AnswerFigure.objects.bulk_create(copies))


def test_migration_0007_deletes_the_day_rows_per_procedure(world, inviting):
    """An existing database comes to the new shape by the migration alone: its month and year
    rows per procedure are those the new writer keeps, only the day rows go."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("egov.surveys.migrations.0007_answer_figure_procedure_months")
    survey, moment = inviting
    specs = [(1, 3, "online", "invited", [5] * 11, "desk", "no", "P-01"), (2, 40, "direct",
             "invited", [2] * 11, "portal", "yes", "P-01")]  # fmt: skip
    _submit(world, survey, moment, specs)
    written = _rows()
    added = _procedure_days_of_before_0007()
    assert len(_rows()) == len(written) + added > len(written)

    migration.procedure_days_delete(apps, None)

    assert _rows() == written
    assert not rollup_is_stale()
