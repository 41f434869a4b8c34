"""Idempotency keys of online submissions, as a payment system keeps them: stored with a hash of
the request and an expiry; the same key for the same request answers the same dossier, the same
key for another draft or another unit is a 409 naming the first dossier (never a silent redirect
to it), also when two such submits race; an expired key may serve again."""

from __future__ import annotations

import datetime
import re
import threading
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from egov.audit.models import AuditEvent
from egov.onestop.choices import AuditAction
from egov.onestop.models import Dossier
from egov.onestop.services import online
from egov.onestop.services.online import (
    IdempotencyKeyReused,
    dossier_submit,
    submission_request_hash,
)
from egov.onestop.tests.online_helpers import (
    KEY,
    agency_code_set,
    draft_for,
    online_procedure,
)

VI = {"accept-language": "vi"}


@pytest.fixture
def procedure(world):
    agency_code_set(world)
    return online_procedure()


def _submitted_count() -> int:
    return AuditEvent.objects.filter(action=AuditAction.DOSSIER_SUBMITTED).count()


def test_the_key_is_stored_with_the_request_hash_and_an_expiry(citizen, procedure, world, settings):
    settings.EGOV_IDEMPOTENCY_KEY_HOURS = 6
    draft = draft_for(citizen, procedure)

    dossier = dossier_submit(
        declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
    )

    assert dossier.idempotency_key == KEY
    assert dossier.idempotency_request_hash == submission_request_hash(draft, world.district_a)
    assert len(dossier.idempotency_request_hash) == 64
    expected = dossier.submitted_at + datetime.timedelta(hours=6)
    assert dossier.idempotency_expires_at == expected


def test_the_same_key_for_another_draft_is_a_conflict_naming_the_first(citizen, procedure, world):
    first = dossier_submit(
        declared=True,
        actor=citizen,
        dossier=draft_for(citizen, procedure),
        idempotency_key=KEY,
        unit=world.district_a,
    )
    other = draft_for(citizen, procedure)

    with pytest.raises(IdempotencyKeyReused) as caught:
        dossier_submit(
            declared=True, actor=citizen, dossier=other, idempotency_key=KEY, unit=world.district_a
        )

    assert caught.value.status == 409
    assert caught.value.code == "idempotency_key_reused"
    assert first.code in caught.value.message
    assert Dossier.objects.get(pk=other.pk).status == "draft"
    assert _submitted_count() == 1


def test_the_same_key_for_another_unit_is_a_conflict(citizen, procedure, world):
    draft = draft_for(citizen, procedure)
    dossier_submit(
        declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
    )

    with pytest.raises(IdempotencyKeyReused):
        dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_b
        )

    assert Dossier.objects.get(pk=draft.pk).competent_unit == world.district_a
    again = dossier_submit(
        declared=True, actor=citizen, dossier=draft, idempotency_key=KEY, unit=world.district_a
    )
    assert again.pk == draft.pk  # the same request is still answered with its dossier
    assert _submitted_count() == 1


def test_an_expired_key_may_serve_again(citizen, procedure, world):
    first = dossier_submit(
        declared=True,
        actor=citizen,
        dossier=draft_for(citizen, procedure),
        idempotency_key=KEY,
        unit=world.district_a,
    )
    Dossier.objects.filter(pk=first.pk).update(
        idempotency_expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    second = dossier_submit(
        declared=True,
        actor=citizen,
        dossier=draft_for(citizen, procedure),
        idempotency_key=KEY,
        unit=world.district_a,
    )

    assert second.pk != first.pk
    assert (second.status, second.idempotency_key) == ("submitted", KEY)
    assert Dossier.objects.get(pk=first.pk).idempotency_key is None
    assert _submitted_count() == 2


def test_a_key_taken_between_the_check_and_the_write_is_a_conflict_not_an_error(
    citizen, procedure, world, monkeypatch
):
    """The race of two drafts with one key, played in order: the check saw no holder (the other
    submit had not committed yet), then the write meets the unique key."""
    first = dossier_submit(
        declared=True,
        actor=citizen,
        dossier=draft_for(citizen, procedure),
        idempotency_key=KEY,
        unit=world.district_a,
    )
    other = draft_for(citizen, procedure)
    real_holder = online._key_holder
    calls = []

    def holder_not_yet_committed(*args, **kwargs):
        calls.append(1)
        return None if len(calls) == 1 else real_holder(*args, **kwargs)

    monkeypatch.setattr(online, "_key_holder", holder_not_yet_committed)

    with pytest.raises(IdempotencyKeyReused) as caught:
        dossier_submit(
            declared=True, actor=citizen, dossier=other, idempotency_key=KEY, unit=world.district_a
        )

    assert first.code in caught.value.message
    assert Dossier.objects.get(pk=other.pk).status == "draft"
    assert _submitted_count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and a waiting unique index need PostgreSQL; SQLite serialises writers",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_reuse_of_a_key_across_drafts_submits_one_and_refuses_the_others(citizen, world):
    import_module("egov.onestop.migrations.0003_load_rule_sets").load(django_apps, None)
    agency_code_set(world)
    procedure = online_procedure()
    drafts = [draft_for(citizen, procedure) for _ in range(4)]
    barrier, outcomes = threading.Barrier(len(drafts)), []

    def submit(draft: Dossier) -> None:
        barrier.wait()
        try:
            dossier_submit(
                declared=True,
                actor=citizen,
                dossier=draft,
                idempotency_key=KEY,
                unit=world.district_a,
            )
            outcomes.append("submitted")
        except IdempotencyKeyReused:
            outcomes.append("conflict")
        except Exception as exc:  # reported in the assertion below, not lost in the thread
            outcomes.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(draft,)) for draft in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "submitted"]
    assert Dossier.objects.filter(status="submitted").count() == 1
    assert _submitted_count() == 1


def test_the_page_tells_the_citizen_in_vietnamese_and_offers_a_fresh_key(
    client, citizen, procedure, world
):
    first = dossier_submit(
        declared=True,
        actor=citizen,
        dossier=draft_for(citizen, procedure),
        idempotency_key=KEY,
        unit=world.district_a,
    )
    other = draft_for(citizen, procedure)
    client.force_login(citizen)
    url = reverse("onestop:my-dossier-submit", kwargs={"pk": other.pk})
    data = {"unit": world.district_a.pk, "idempotency_key": KEY, "declaration": "on"}

    response = client.post(url, data, headers=VI)

    assert response.status_code == 200  # the form again, not a redirect to the first dossier
    text = re.sub(r"\s+", " ", response.content.decode())
    assert f"Mẫu nộp này đã được dùng cho hồ sơ {first.code}" in text
    fresh = re.search(r'name="idempotency_key" value="([^"]+)"', text).group(1)
    assert fresh != KEY
    resubmitted = client.post(url, {**data, "idempotency_key": fresh}, headers=VI)
    assert resubmitted.status_code == 302
    assert Dossier.objects.get(pk=other.pk).status == "submitted"
