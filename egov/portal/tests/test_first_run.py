"""The first run, as a new user meets it: the `egov` command works locally without a secret
key, a typed log-out address answers with a page, the browser finds its icon, and the demo's
replayed history never starts after the present."""

from __future__ import annotations

import datetime
import subprocess
import sys
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

from egov.cli import local_defaults
from egov.portal.demo_dossiers import Life, _office_before
from egov.portal.management.commands.start import site_url_for
from egov.workdays.rules import VN_TZ


def test_the_cli_assumes_development_settings_only_on_a_bare_local_clone():
    bare: dict[str, str] = {}
    assert local_defaults(bare) is True
    assert bare == {"EGOV_DEBUG": "1"}
    for deployed in (
        {"EGOV_SECRET_KEY": "k"},
        {"DATABASE_URL": "postgres://x/y"},
        {"EGOV_DEBUG": "0"},
    ):
        before = dict(deployed)
        assert local_defaults(deployed) is False
        assert deployed == before


@pytest.mark.django_db
def test_egov_audit_verify_runs_as_the_readme_writes_it(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(settings.BASE_DIR)}
    command = [sys.executable, "-m", "egov.cli", "audit", "verify", "--help"]

    result = subprocess.run(  # noqa: S603 - our own command line
        command, cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "EGOV_SECRET_KEY" in result.stderr  # the note saying development settings are used
    assert "ImproperlyConfigured" not in result.stderr


def test_get_logout_shows_the_log_out_button(client, citizen):
    client.force_login(citizen)

    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'action="{reverse("accounts:logout")}"' in page
    assert 'method="post"' in page
    assert client.session.get("_auth_user_id") == str(citizen.pk)  # a GET logs nobody out
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_get_logout_when_logged_out_offers_the_login(client, db):
    response = client.get(reverse("accounts:logout"))

    assert response.status_code == 200
    assert reverse("accounts:login") in response.content.decode()


def test_the_favicon_is_linked_and_served_at_the_root(client, db):
    home = client.get(reverse("portal:home")).content.decode()
    response = client.get("/favicon.ico")

    assert 'rel="icon"' in home
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.ico")
    assert (settings.BASE_DIR / "egov" / "static" / "favicon.ico").read_bytes()[:4] == (
        b"\x00\x00\x01\x00"
    )


WEEK = [
    datetime.datetime(2026, 11, 30, 0, 0, tzinfo=VN_TZ) + datetime.timedelta(minutes=37 * n)
    for n in range(7 * 24 * 60 // 37)
]


@pytest.mark.parametrize("now", WEEK[::7])
def test_the_last_office_moment_is_before_now_and_in_office_hours(now):
    moment = _office_before(now)

    assert moment < now
    assert moment.weekday() < 5
    assert 8 <= moment.hour < 17
    assert now - moment < datetime.timedelta(days=4)


@pytest.mark.parametrize(
    "now",
    [
        datetime.datetime(2026, 12, 5, 19, 30, tzinfo=VN_TZ),  # Saturday evening
        datetime.datetime(2026, 12, 7, 7, 0, tzinfo=VN_TZ),  # Monday before the office opens
        datetime.datetime(2026, 12, 4, 18, 0, tzinfo=VN_TZ),  # Friday after it closes
    ],
)
def test_a_dossier_life_starting_just_before_now_starts_in_the_past(now):
    world = SimpleNamespace(now=now)

    life = Life(world, now - datetime.timedelta(hours=1))

    assert life.moment < now


@pytest.mark.django_db
def test_directives_demo_early_in_the_morning_on_two_levels_stays_in_the_past(
    monkeypatch, settings, tmp_path
):
    from django.utils import timezone

    from egov.accounts.services import officer_account_create
    from egov.audit.models import AuditEvent
    from egov.directives.demo import directives_demo_load
    from egov.directives.models import Task, TaskReport
    from egov.orgs.loaders import orgs_dataset_load
    from egov.orgs.models import OrgUnit
    from egov.orgs.services import membership_grant

    settings.MEDIA_ROOT = tmp_path
    now = datetime.datetime(2026, 11, 23, 7, 0, tzinfo=VN_TZ)  # Monday, before office hours
    monkeypatch.setattr(timezone, "now", lambda: now)
    orgs_dataset_load(actor=None, name="hanoi-2025")
    for email, kind, name in (
        ("chanhvanphong@hanoi.demo", "province", "Thành phố Hà Nội"),
        ("chutich.badinh@hanoi.demo", "commune", "Phường Ba Đình"),
    ):
        user = officer_account_create(
            actor=None, full_name=email.split("@")[0], email=email, password="Egov@2026"
        )
        membership_grant(
            actor=None,
            user=user,
            unit=OrgUnit.objects.active().get(kind=kind, name=name),
            role="unit_head",
            includes_subtree=True,
            started_on=datetime.date(2020, 1, 2),
        )

    made = directives_demo_load()

    assert made["tasks"] == Task.objects.count() > 0
    assert not AuditEvent.objects.filter(at__gt=now).exists()
    assert not TaskReport.objects.filter(submitted_at__gt=now).exists()
    leads = set(Task.objects.values_list("lead_unit__name", flat=True))
    assert {"Phường Ba Đình", "Phường Hoàn Kiếm", "Xã Ba Vì", "Xã Sóc Sơn"} <= leads
    assert not Task.objects.filter(lead_unit__kind="district").exists()


@pytest.mark.parametrize(
    ("addrport", "url"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("8001", "http://127.0.0.1:8001"),
        ("[::]:8002", "http://127.0.0.1:8002"),
        ("egov.local:8003", "http://egov.local:8003"),
        ("nonsense", ""),
    ],
)
def test_egov_start_calls_the_simulators_where_it_listens(addrport, url):
    assert site_url_for(addrport) == url
