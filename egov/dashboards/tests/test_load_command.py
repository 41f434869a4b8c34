from io import StringIO

from django.core.management import call_command

from egov.dashboards.models import IndicatorSet


def test_load_indicators_installs_the_shipped_set_once(db):
    for _ in range(2):
        out = StringIO()
        call_command("load_indicators", stdout=out)
    assert IndicatorSet.objects.count() == 1
    assert "indicators." in out.getvalue()
