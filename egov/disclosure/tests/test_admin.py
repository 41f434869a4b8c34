"""The duty catalog edited in the admin: a change goes through ``duty_update`` (audited, the
lists checked); none is added or deleted there; others may not change it."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.disclosure.exceptions import DisclosureError
from egov.disclosure.models import Duty
from egov.disclosure.services.duties import duty_update


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("quantri@example.vn", "x")


def test_the_admin_saves_a_duty_through_the_service(admin_user, db):
    duty = Duty.objects.get(code="poor-households")
    model_admin = site._registry[Duty]
    request = RequestFactory().post("/")
    request.user = admin_user
    form_class = model_admin.get_form(request, duty, change=True)
    data = {name: getattr(duty, name) for name in form_class.base_fields}
    data.update(min_display_days=15, confidence="confirmed", unit_kinds='["commune"]')
    data["places"] = '["notice_board"]'
    form = form_class(data, instance=duty)

    assert form.is_valid(), form.errors
    model_admin.save_model(request, form.save(commit=False), form, change=True)

    duty.refresh_from_db()
    assert (duty.min_display_days, duty.confidence, duty.places) == (
        15,
        "confirmed",
        ["notice_board"],
    )
    event = AuditEvent.objects.get(action="disclosure.duty_changed")
    assert event.changes["min_display_days"] == 15
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, duty)


def test_a_duty_without_places_or_edited_by_an_officer_is_refused(admin_user, people):
    duty = Duty.objects.get(code="budget-estimate")
    duty.places = []
    with pytest.raises(DisclosureError) as no_places:
        duty_update(actor=admin_user, duty=duty, changed=["places"])
    duty.refresh_from_db()
    with pytest.raises(PermissionDenied):
        duty_update(actor=people.commune_officer, duty=duty, changed=["order"])

    assert "places" in no_places.value.fields
    assert Duty.objects.get(code="budget-estimate").places != []
    assert not AuditEvent.objects.filter(action="disclosure.duty_changed").exists()
