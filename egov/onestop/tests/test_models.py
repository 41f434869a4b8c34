"""Catalog validation: the model rejects bad codes, negative fees and malformed JSON columns,
and the database enforces what it can on both engines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from egov.onestop.models import Procedure, ProcedureFee
from egov.onestop.tests.factories import (
    FieldFactory,
    ProcedureFactory,
    ProcedureFeeFactory,
)

pytestmark = pytest.mark.django_db


def _errors(instance) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            instance.full_clean()
        return caught.value.message_dict


def test_a_factory_procedure_is_valid():
    ProcedureFactory().full_clean()


def test_bad_code_is_rejected():
    procedure = ProcedureFactory.build(field=FieldFactory(), code="1.00119")

    assert _errors(procedure) == {
        "code": [
            "Enter a national procedure code such as 1.001193, or a local code such as HN-038."
        ]
    }


def test_negative_fee_is_rejected_by_validation_and_by_the_database():
    fee = ProcedureFeeFactory.build(procedure=ProcedureFactory(), amount_vnd=-1)

    errors = _errors(fee)

    assert errors["amount_vnd"] == ["Ensure this value is greater than or equal to 0."]
    with transaction.atomic(), pytest.raises(IntegrityError):
        fee.save()
    assert ProcedureFee.objects.count() == 0


def test_an_unknown_fee_amount_is_allowed():
    ProcedureFeeFactory.build(procedure=ProcedureFactory(), amount_vnd=None).full_clean()


def test_working_and_calendar_days_together_are_rejected():
    procedure = ProcedureFactory.build(field=FieldFactory(), working_days=Decimal("5"))

    assert _errors(procedure) == {
        "__all__": ["Give the time limit in working days or in days, not both."]
    }


def test_code_and_version_are_unique():
    first = ProcedureFactory()
    again = ProcedureFactory.build(field=first.field, code=first.code)

    assert _errors(again) == {"__all__": ["Procedure with this Code and Version already exists."]}
    with transaction.atomic(), pytest.raises(IntegrityError):
        again.save()


def test_a_second_version_of_the_same_code_is_fine():
    first = ProcedureFactory()

    ProcedureFactory.build(field=first.field, code=first.code, version=2).full_clean()


def test_end_of_validity_before_its_start_is_rejected():
    procedure = ProcedureFactory()
    procedure.effective_to = procedure.effective_from.replace(year=2024)

    assert _errors(procedure) == {"__all__": ["The end of validity comes before its start."]}


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("channels", ["online", "fax"]),
        ("channels", ["online", "online"]),
        ("legal_basis", ["123/2015/NĐ-CP", ""]),
        ("results", [{"name": ""}]),
        ("results", [{"name": "Giấy phép", "extra": 1}]),
        ("confidence", {"code": "sure"}),
        ("sources", ["text"]),
        ("form_fields", [{"name": "x", "label": "X", "type": "unknown"}]),
    ],
)
def test_malformed_json_columns_are_rejected(column, value):
    procedure = ProcedureFactory.build(field=FieldFactory(), **{column: value})

    assert list(_errors(procedure)) == [column]


def test_search_text_folds_code_name_and_field():
    procedure = ProcedureFactory(code="1.013225", name="Cấp giấy phép xây dựng mới")
    procedure.search_text = ""

    procedure.refresh_search_text()

    assert procedure.search_text == "1.013225 cap giay phep xay dung moi hoat dong xay dung"


def test_fee_amount_display_groups_thousands():
    fee = ProcedureFee(kind="charge", amount_vnd=75000)

    with translation.override("vi"):
        vietnamese = fee.amount_display
    with translation.override("en"):
        english = fee.amount_display

    assert vietnamese == "75.000 đồng"
    assert english == "75,000 VND"
    with translation.override("en"):
        assert ProcedureFee(kind="fee", amount_vnd=None).amount_display == "Being updated"
        assert ProcedureFee(kind="fee", amount_vnd=0).amount_display == "Free of charge"


def test_current_version_is_the_latest_started_one():
    first = ProcedureFactory(code="1.000001")
    second = ProcedureFactory(
        code="1.000001",
        version=2,
        field=first.field,
        effective_from=first.effective_from.replace(year=2026),
    )
    draft = ProcedureFactory(code="1.000001", version=3, field=first.field, is_active=False)

    on_2025 = Procedure.objects.current(first.effective_from.replace(month=12))
    on_2027 = Procedure.objects.current(first.effective_from.replace(year=2027))

    assert list(on_2025) == [first]
    assert list(on_2027) == [second]
    assert draft not in on_2027
