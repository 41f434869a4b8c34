import datetime
import io

import pytest
from django.core.management import call_command

from egov.reporting.models import Submission
from egov.reporting.tests.conftest import Setup

pytestmark = pytest.mark.django_db


def test_open_periods_creates_the_missing_reports_once(setup: Setup) -> None:
    out = io.StringIO()
    call_command("reporting_open_periods", on=datetime.date(2026, 6, 3), stdout=out)
    assert out.getvalue().strip() == "2 expected reports created."
    call_command("reporting_open_periods", on=datetime.date(2026, 6, 20), stdout=out)
    june = Submission.objects.filter(regime=setup.regime, period_first=datetime.date(2026, 6, 1))
    assert june.count() == 2
    assert {s.due_on for s in june} == {datetime.date(2026, 6, 16)}  # Sun 14/6 + 2 working days
