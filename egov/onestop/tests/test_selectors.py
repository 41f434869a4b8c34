"""Reads: the rule set in force on a day (no gap, no overlap since 21 June 2018), accent-
insensitive search, and the version of a procedure a dossier keeps."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.http import Http404
from django.utils import translation

from egov.onestop.exceptions import NoRuleSetInForce
from egov.onestop.models import Procedure, RuleSet
from egov.onestop.selectors import (
    procedure_get_public,
    procedure_in_force,
    procedure_list_public,
    ruleset_in_force,
    ruleset_timeline_problems,
)
from egov.onestop.tests.factories import ProcedureFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2018, 6, 21), "ND61-2018"),
        (D(2019, 5, 1), "ND61-2018"),
        (D(2025, 6, 30), "ND61-2018"),
        (D(2025, 7, 1), "ND118-2025"),
        (D(2026, 11, 21), "ND118-2025"),
        (D(2100, 1, 1), "ND118-2025"),
    ],
)
def test_ruleset_in_force(day, code):
    assert ruleset_in_force(day).code == code


def test_every_day_since_decree_61_has_exactly_one_rule_set():
    day, last = D(2018, 6, 21), D(2027, 12, 31)
    counts = set()
    while day <= last:
        counts.add(RuleSet.objects.in_force_on(day).count())
        day += datetime.timedelta(days=1)

    assert counts == {1}
    assert ruleset_timeline_problems() == []


def test_no_rule_set_before_decree_61():
    with translation.override("en"), pytest.raises(NoRuleSetInForce) as caught:
        ruleset_in_force(D(2018, 6, 20))

    assert caught.value.message == "No one-stop rule set is in force on 2018-06-20."
    assert caught.value.code == "no_rule_set_in_force"


def test_an_overlap_is_reported_and_refused():
    RuleSet.objects.filter(code="ND61-2018").update(effective_to=None)

    with pytest.raises(NoRuleSetInForce):
        ruleset_in_force(D(2025, 8, 1))
    with translation.override("en"):
        assert ruleset_timeline_problems() == ["ND61-2018 and ND118-2025 overlap."]


def test_shipped_parameters_of_both_decrees():
    nd61, nd118 = RuleSet.objects.order_by("effective_from")

    assert (
        nd61.transfer_cutoff,
        nd61.supplement_restarts_clock,
        nd61.due_reset_max,
        nd61.accepts_any_centre_in_province,
        nd61.forms_set,
        len(nd61.forms),
    ) == (datetime.time(15, 0), True, 1, False, "TT01-2018", 6)
    assert (nd118.accepts_any_centre_in_province, nd118.forms_set, len(nd118.forms)) == (
        True,
        "TT03-2025",
        7,
    )
    assert nd118.confidence["transfer_cutoff"] == "unconfirmed"
    assert nd61.confidence["transfer_cutoff"] == "confirmed"
    nd61.full_clean()
    nd118.full_clean()


def test_data_migration_reverses_and_reloads():
    migration = importlib.import_module("egov.onestop.migrations.0003_load_rule_sets")

    migration.unload(global_apps, None)
    assert RuleSet.objects.count() == 0
    migration.load(global_apps, None)
    migration.load(global_apps, None)  # idempotent

    assert list(RuleSet.objects.values_list("code", flat=True)) == ["ND61-2018", "ND118-2025"]


PERMITS = ["1.013236", "1.013225", "1.013229", "1.013227"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("cap phep xay dung", PERMITS),
        ("CẤP PHÉP XÂY DỰNG", PERMITS),
        ("  giay   phep xay ", PERMITS),
        ("1.013225", ["1.013225"]),
        ("chung thuc ban sao", ["2.000815", "2.000908", "HN-042"]),
        ("ho kinh doanh", ["1.001266", "1.001570", "2.000720", "1.001612"]),
        ("không có thủ tục này", []),
    ],
)
def test_search_without_accents(sample, query, codes):
    found = procedure_list_public(query=query)

    assert list(found.values_list("code", flat=True)) == codes


def test_search_finds_cap_giay_phep_xay_dung_by_name(sample):
    names = procedure_list_public(query="cap phep xay dung").values_list("name", flat=True)

    assert all(
        name.startswith(("Cấp giấy phép xây dựng", "Gia hạn giấy phép xây dựng")) for name in names
    )


@pytest.mark.parametrize(
    ("filters", "count"),
    [
        ({"level": "district"}, 7),
        ({"level": "commune"}, 28),
        ({"level": "province"}, 10),
        ({"online_level": "full"}, 1),
        ({"field_code": "chung-thuc"}, 6),
        ({"field_code": "chung-thuc", "level": "district"}, 1),
    ],
)
def test_list_filters(sample, filters, count):
    assert procedure_list_public(**filters).count() == count


def test_the_version_a_dossier_keeps(db):
    first = ProcedureFactory(code="1.000010", effective_to=D(2026, 6, 30))
    second = ProcedureFactory(
        code="1.000010", version=2, field=first.field, effective_from=D(2026, 7, 1)
    )

    assert procedure_in_force("1.000010", D(2025, 12, 1)) == first
    assert procedure_in_force("1.000010", D(2026, 7, 1)) == second
    assert procedure_in_force("1.000010", D(2025, 6, 30)) is None
    assert procedure_get_public("1.000010", on=D(2026, 1, 1)) == first
    assert procedure_get_public("1.000010", on=D(2026, 7, 1)) == second
    assert procedure_get_public("1.000010", version=1) == first


def test_an_ended_procedure_stays_visible_and_an_unknown_one_is_404(sample):
    Procedure.objects.filter(code="HN-039").update(effective_to=D(2025, 6, 30))
    ended = procedure_get_public("HN-039", on=D(2026, 1, 1))

    assert (ended.effective_to, ended.is_in_force_on(D(2026, 1, 1))) == (D(2025, 6, 30), False)
    with pytest.raises(Http404):
        procedure_get_public("9.999999")
    with pytest.raises(Http404):
        procedure_get_public("HN-039", version=7)
