"""Pure rules: code formats, the application-form schema, dossier codes and the time line."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from egov.onestop import rules
from egov.onestop.choices import Channel
from egov.onestop.rules import Period

D = datetime.date


@pytest.mark.parametrize("code", ["1.001193", "2.000815", "3.000333", "HN-038", "HCM-12AB"])
def test_valid_codes(code):
    rules.validate_procedure_code(code)


@pytest.mark.parametrize(
    "code", ["", "1001193", "1.00119", "1.0011934", "a.001193", "1.001193 ", "hn-038", "HN_038"]
)
def test_invalid_codes(code):
    with pytest.raises(ValidationError) as caught:
        rules.validate_procedure_code(code)

    assert caught.value.code == "invalid_procedure_code"


def test_national_and_local_codes_are_told_apart():
    assert (rules.is_national_code("1.001193"), rules.is_national_code("HN-038")) == (True, False)


def test_search_terms_are_folded_words():
    assert rules.search_terms("  Cấp  PHÉP xây dựng ") == ["cap", "phep", "xay", "dung"]
    assert rules.procedure_search_text("1.013225", "Cấp giấy phép", "Đất đai") == (
        "1.013225 cap giay phep dat dai"
    )


GOOD_FORM = [
    {"name": "full_name", "label": "Họ và tên", "type": "text", "required": True},
    {"name": "purpose", "label": "Mục đích", "type": "choice", "choices": ["Xây mới", "Sửa chữa"]},
    {"name": "agree", "label": "Cam kết", "type": "boolean"},
]


def test_a_good_form_schema_has_no_errors():
    assert rules.form_fields_errors(GOOD_FORM) == []
    assert rules.form_fields_errors([]) == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("x", ["The application form must be a list of fields."]),
        (["x"], ["Form field 1 must be an object."]),
        (
            [{**GOOD_FORM[0], "name": "Full name"}],
            ["Form field 1 needs a name of lower-case letters, digits and underscores."],
        ),
        ([GOOD_FORM[0], GOOD_FORM[0]], ["Form field 2 repeats the name full_name."]),
        (
            [{**GOOD_FORM[0], "label": " "}],
            ["Form field 1 needs a label of at most 200 characters."],
        ),
        ([{**GOOD_FORM[0], "type": "signature"}], ["Form field 1 has an unknown type."]),
        ([{**GOOD_FORM[0], "required": "yes"}], ["Form field 1: required must be true or false."]),
        ([{**GOOD_FORM[0], "extra": 1}], ["Form field 1 has unknown keys: extra."]),
        ([{**GOOD_FORM[0], "choices": ["a"]}], ["Form field 1: only choice fields have choices."]),
        (
            [{**GOOD_FORM[1], "choices": ["a", "a"]}],
            ["Form field 1: a choice field needs a list of distinct, non-empty choices."],
        ),
    ],
)
def test_form_schema_errors(fields, expected):
    with translation.override("en"):
        assert rules.form_fields_errors(fields) == expected


def test_dossier_code_of_circular_01_2018():
    code = rules.dossier_code_render(
        "{agency}-{yymmdd}-{seq:04d}",
        agency="000.00.00.H26",
        received_on=D(2025, 7, 14),
        sequence=1,
    )

    assert code == "000.00.00.H26-250714-0001"


@pytest.mark.parametrize(
    ("template", "ok"),
    [
        ("{agency}-{yymmdd}-{seq:04d}", True),
        ("{agency}-{yyyymmdd}-{seq:07d}", True),
        ("{agency}-{yymmdd}", False),
        ("{agency.__class__}-{seq}", False),
        ("{agency}-{seq", False),
        ("plain", False),
    ],
)
def test_dossier_code_format_check(template, ok):
    assert (rules.dossier_code_format_errors(template) == []) is ok


def test_a_sound_time_line_has_no_problems():
    periods = [Period("B", D(2025, 7, 1), None), Period("A", D(2018, 6, 21), D(2025, 6, 30))]

    assert rules.timeline_problems(periods) == []


@pytest.mark.parametrize(
    ("periods", "expected"),
    [
        ([], ["No rule set is defined."]),
        ([Period("A", D(2018, 7, 1), None)], ["No rule set covers 2018-06-21."]),
        (
            [Period("A", D(2018, 6, 21), D(2025, 6, 29)), Period("B", D(2025, 7, 1), None)],
            ["No rule set covers 2025-06-30."],
        ),
        (
            [Period("A", D(2018, 6, 21), D(2025, 7, 1)), Period("B", D(2025, 7, 1), None)],
            ["A and B overlap."],
        ),
        (
            [Period("A", D(2018, 6, 21), None), Period("B", D(2025, 7, 1), None)],
            ["A and B overlap."],
        ),
        (
            [Period("A", D(2018, 6, 21), D(2025, 6, 30))],
            ["No rule set covers the days after 2025-06-30."],
        ),
    ],
)
def test_time_line_problems(periods, expected):
    with translation.override("en"):
        assert rules.timeline_problems(periods) == expected


def test_channels_map_to_the_national_portal_codes():
    assert [c.dvcqg_code for c in Channel] == ["1", "2", "3"]
    assert [c.value for c in Channel] == ["direct", "online", "postal"]


@pytest.mark.parametrize(
    ("amount", "paid", "open_amount", "fit", "remaining"),
    [
        (75_000, 0, False, "exact", 75_000),
        (50_000, 0, False, "short", 75_000),
        (150_000, 0, False, "over", 75_000),
        (25_000, 50_000, False, "exact", 25_000),
        (25_000, 100_000, False, "over", 0),
        (75_000, 0, True, "open", 75_000),
    ],
)
def test_a_payment_is_compared_with_the_fixed_fees_still_due(
    amount, paid, open_amount, fit, remaining
):
    check = rules.payment_check(
        amount, fixed_total_vnd=75_000, paid_vnd=paid, has_open_amount=open_amount
    )

    assert (check.fit.value, check.remaining_vnd) == (fit, remaining)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("0.125", None),
        ("0.3", None),
        ("0.25", ("0.125", "0.125")),
        ("1", ("0.875", "0.125")),
        ("2", ("1.625", "0.375")),
        ("3", ("2.5", "0.5")),
        ("5", ("4", "1")),
        ("22", ("21", "1")),
    ],
)
def test_the_default_internal_procedure_divides_the_limit_in_whole_hours(total, expected):
    allowances = rules.default_process_allowances(Decimal(total))

    if expected is None:
        assert allowances is None
    else:
        assert allowances == (Decimal(expected[0]), Decimal(expected[1]))
        assert sum(allowances) == Decimal(total)
