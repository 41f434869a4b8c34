import datetime
import io

import pytest
from django.core.management import call_command

from conftest import make_officer
from egov.accounts.models import Notification
from egov.reporting import services
from egov.reporting.models import Reminder, Submission
from egov.reporting.tests.conftest import Setup

pytestmark = pytest.mark.django_db


def test_open_periods_creates_the_missing_reports_once(setup: Setup) -> None:
    out = io.StringIO()
    call_command("reporting_open_periods", date="2026-06-03", stdout=out)
    assert out.getvalue().strip() == "Reporting periods: 2 expected reports created."
    call_command("reporting_open_periods", date="2026-06-20", quiet=True, stdout=out)
    june = Submission.objects.filter(regime=setup.regime, period_first=datetime.date(2026, 6, 1))
    assert june.count() == 2
    assert {s.due_on for s in june} == {datetime.date(2026, 6, 16)}  # Sun 14/6 + 2 working days


def test_a_wrong_date_is_a_command_error(setup: Setup) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reporting_open_periods", date="2026-13-01")


def test_reminders_before_and_overdue_once_per_report_and_kind(setup: Setup, world) -> None:
    # May's reports are due on Mon 18/5 (cut-off Thu 14/5 + 2 working days); remind 2 before.
    make_officer("head.phucxa@example.vn", world.commune_a, "unit_head")
    services.submission_save(
        actor=setup.filler_b,
        submission=setup.b,
        values={"01": "1", "02": "2", "03": "3"},
        expected_version=None,
    )
    setup.b.refresh_from_db()
    services.submission_submit(actor=setup.filler_b, submission=setup.b, expected_version=None)
    out = io.StringIO()
    call_command("reporting_reminders", date="2026-05-13", stdout=out)  # 3 working days
    assert out.getvalue().strip() == "Reporting reminders: 0 reminders, 0 overdue notices."
    call_command("reporting_reminders", date="2026-05-14", stdout=out)
    call_command("reporting_reminders", date="2026-05-15", stdout=out)  # again: nothing new
    assert list(Reminder.objects.values_list("submission", "kind")) == [(setup.a.pk, "before")]
    told = Notification.objects.filter(subject__contains="18/05/2026")
    assert sorted(told.values_list("address", flat=True)) == [
        "chuyenvien.phucxa@example.vn",
        "head.phucxa@example.vn",
    ]
    call_command("reporting_reminders", date="2026-05-19", stdout=out)
    call_command("reporting_reminders", date="2026-05-20", stdout=out)
    assert Reminder.objects.filter(kind="overdue").count() == 1  # b was sent: not reminded
    # two officers told before the deadline, two once overdue
    assert Notification.objects.filter(object_id=str(setup.a.pk)).count() == 4
