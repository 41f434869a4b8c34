"""Writes to the calendar: audited, versioned, validated, and used by the admin."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib import admin
from django.test import RequestFactory

from egov.audit.models import AuditEvent
from egov.workdays.admin import CalendarAdjustmentAdmin
from egov.workdays.exceptions import InvalidAdjustment
from egov.workdays.models import CalendarAdjustment, CalendarRevision, CalendarSnapshot
from egov.workdays.selectors import calendar_version
from egov.workdays.services import calendar_adjustment_delete, calendar_adjustment_set

D = datetime.date
SOURCE = "Thông báo thử nghiệm số 1/TB-TEST ngày 01/02/2027 (test data)."


def _set(actor, **overrides):
    values = {
        "on": D(2027, 3, 1),
        "kind": "extra_day_off",
        "description": "Test day off",
        "source": SOURCE,
        "confidence": "low",
    }
    return calendar_adjustment_set(actor=actor, **{**values, **overrides})


def _revision() -> int:
    return CalendarRevision.objects.get(pk=1).number


def test_migration_loaded_the_shipped_rows(db):
    assert list(CalendarAdjustment.objects.values_list("on", flat=True)) == [
        D(2019, 1, 5),
        D(2019, 5, 4),
        D(2024, 5, 4),
        D(2025, 2, 8),
        D(2025, 4, 26),
        D(2026, 1, 2),
        D(2026, 1, 10),
        D(2026, 8, 22),
    ]
    assert _revision() == 1
    assert len(CalendarSnapshot.objects.get(number=1).adjustments) == 8


def test_set_creates_audits_and_bumps_the_revision(system_admin):
    adjustment = _set(system_admin)

    event = AuditEvent.objects.for_object(adjustment).get()
    assert event.action == "calendar_adjustment.created"
    assert event.actor == system_admin
    assert event.changes == {
        "kind": [None, "extra_day_off"],
        "description": [None, "Test day off"],
        "source": [None, SOURCE],
        "confidence": [None, "low"],
        "on": "2027-03-01",
        "revision": 2,
    }
    assert _revision() == 2
    assert calendar_version() == "h0.109-r2"
    snapshot = CalendarSnapshot.objects.get(number=2)
    assert snapshot.adjustments[-1] == {
        "on": "2027-03-01",
        "kind": "extra_day_off",
        "swapped_with": None,
        "description": "Test day off",
    }


def test_set_changes_only_what_differs(system_admin):
    adjustment = _set(system_admin)

    _set(system_admin, description="Corrected name", confidence="high")

    event = AuditEvent.objects.for_object(adjustment).first()
    assert event.action == "calendar_adjustment.changed"
    assert event.changes == {
        "description": ["Test day off", "Corrected name"],
        "confidence": ["low", "high"],
        "on": "2027-03-01",
        "revision": 3,
    }
    assert CalendarAdjustment.objects.get(on=D(2027, 3, 1)).description == "Corrected name"


def test_setting_the_same_values_again_is_a_no_op(system_admin):
    _set(system_admin)
    events = AuditEvent.objects.count()

    _set(system_admin)

    assert AuditEvent.objects.count() == events
    assert _revision() == 2


def test_delete_audits_and_bumps_the_revision(system_admin):
    adjustment = CalendarAdjustment.objects.get(on=D(2025, 2, 8))

    calendar_adjustment_delete(actor=system_admin, adjustment=adjustment)

    assert not CalendarAdjustment.objects.filter(on=D(2025, 2, 8)).exists()
    event = AuditEvent.objects.get(action="calendar_adjustment.deleted")
    assert event.object_id == str(adjustment.pk)
    assert event.changes["kind"] == ["extra_working_day", None]
    assert event.changes["revision"] == 2
    assert _revision() == 2
    assert "2025-02-08" not in [
        row["on"] for row in CalendarSnapshot.objects.get(number=2).adjustments
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"on": D(2027, 3, 6)}, "kind"),  # a Saturday is already off
        ({"swapped_with": D(2027, 3, 1)}, "swapped_with"),
        ({"source": "  "}, "source"),
        ({"description": ""}, "description"),
        ({"on": D(2100, 1, 4)}, "on"),
        ({"kind": "holiday"}, "kind"),
    ],
)
def test_invalid_adjustments_are_refused_without_trace(system_admin, overrides, field):
    events = AuditEvent.objects.count()

    with pytest.raises(InvalidAdjustment) as caught:
        _set(system_admin, **overrides)

    assert list(caught.value.fields) == [field]
    assert caught.value.status == 422
    assert AuditEvent.objects.count() == events
    assert _revision() == 1
    assert not CalendarAdjustment.objects.filter(on=overrides.get("on", D(2027, 3, 1))).exists()


def test_admin_saves_and_deletes_through_the_services(system_admin):
    model_admin = CalendarAdjustmentAdmin(CalendarAdjustment, admin.site)
    request = RequestFactory().post("/admin/")
    request.user = system_admin
    obj = CalendarAdjustment(
        on=D(2027, 3, 1),
        kind="extra_day_off",
        description="Admin day",
        source=SOURCE,
        confidence="medium",
    )

    model_admin.save_model(request, obj, form=None, change=False)
    model_admin.delete_model(request, CalendarAdjustment.objects.get(pk=obj.pk))

    assert [e.action for e in AuditEvent.objects.order_by("id")][-2:] == [
        "calendar_adjustment.created",
        "calendar_adjustment.deleted",
    ]
    assert _revision() == 3
    assert model_admin.get_readonly_fields(request, obj) == ("on",)


def test_data_migration_reverses_and_reloads(db):
    migration = importlib.import_module("egov.workdays.migrations.0002_load_shipped_adjustments")

    migration.unload(global_apps, None)
    assert CalendarAdjustment.objects.count() == 0
    assert _revision() == 2

    migration.load(global_apps, None)
    migration.load(global_apps, None)  # idempotent: nothing new, no new revision
    assert CalendarAdjustment.objects.count() == 8
    assert _revision() == 3
    assert len(CalendarSnapshot.objects.get(number=3).adjustments) == 8
