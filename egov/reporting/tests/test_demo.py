"""The demo's reporting data loads through the services and shows every state."""

from __future__ import annotations

import datetime

import pytest

from conftest import make_officer
from egov.documents.tests.conftest_pki import pki, pki_material  # noqa: F401 - fixtures
from egov.orgs.models import OrgUnit
from egov.reporting.demo import DemoCast, reporting_demo_load
from egov.reporting.models import NationalSending, Regime, Submission, SubmissionVersion
from egov.reporting.selectors import completeness, rollup

pytestmark = pytest.mark.django_db


def test_demo_regimes_and_reports_in_several_states(world, pki, settings) -> None:  # noqa: F811
    settings.EGOV_INTEGRATION_SIMULATORS = True  # as in the demo: the national systems simulated
    today = datetime.date(2026, 6, 10)
    OrgUnit.objects.filter(pk=world.commune_a.pk).update(short_name="UBND")  # as documents' demo
    pki.issue(world.commune_a)  # as pki_demo_init
    counts = reporting_demo_load(
        city=world.city,
        reporter_kind="commune",
        consolidating_unit=world.dept,
        cast=DemoCast(
            local=world.commune_a,
            other=world.commune_b,
            local_head=make_officer("chutich.phucxa@example.vn", world.commune_a, "unit_head"),
            other_head=make_officer("chutich.hangtrong@example.vn", world.commune_b, "unit_head"),
            consolidator=make_officer("cv.stc@example.vn", world.dept, "specialist"),
            receiver=make_officer(
                "chanhvanphong@example.vn", world.city, "unit_head", subtree=True
            ),
        ),
        today=today,
    )
    assert counts == {"regimes": 2, "reports": (12 + 1) * 3 + (4 + 1) * 2}
    socio = Regime.objects.get(code="kt-xh-thang")
    states = set(Submission.objects.filter(regime=socio).values_list("status", flat=True))
    assert states == {"accepted", "returned", "submitted", "draft", "not_started"}
    first = Submission.objects.filter(regime=socio).order_by("period_first").first()
    assert first.period_first == datetime.date(2025, 6, 1)  # a year of history
    onestop = Regime.objects.get(code="mot-cua-quy")
    assert onestop.indicators.get(code="01").source_figure == "onestop.dossiers_received"
    assert Submission.objects.filter(regime=onestop, status="accepted").exists()
    signed = Submission.objects.filter(regime=socio, unit=world.commune_a, signed_at__isnull=False)
    assert signed.count() == 3  # the chairman signed each report sent
    march = completeness(socio, datetime.date(2026, 3, 1), today=today)
    assert [s.unit_id for s in march.on_time] == [world.commune_a.pk]
    assert [s.unit_id for s in march.late] == [world.commune_b.pk]
    may = completeness(socio, datetime.date(2026, 5, 1), today=today)
    assert [s.unit_id for s in may.missing] == [world.commune_b.pk] and may.overdue
    # The department consolidates: its reports are the accepted communes' figures added up.
    department = Submission.objects.filter(regime=socio, level=1).order_by("period_first")
    assert [s.receiver for s in department[:1]] == [world.city]
    assert list(department.values_list("status", flat=True)) == [
        *["accepted"] * 11,  # the history, and March and April through the services
        "not_started",  # May: nothing accepted below (Phúc Xá's returned, Hàng Trống's a draft)
        "not_started",  # June
    ]
    # The city's reports went to the national reporting system: the history acknowledged but
    # the latest, refused; March and April through the services, waiting for the worker; and
    # the department corrected the latest report the system took (January), accepted again by
    # the city: queued as a correction of that receipt, the accepted version kept.
    sendings = NationalSending.objects.all()
    assert sorted(sendings.values_list("state", flat=True)) == sorted(
        ["acknowledged"] * 8 + ["failed"] + ["queued"] * 3  # March, April, the correction
    )
    correction = sendings.get(corrects__isnull=False)
    assert correction.corrects.receipt == "TN-DEMO-0008"
    assert correction.message["HieuChinh"]["MaTiepNhanTruoc"] == "TN-DEMO-0008"
    assert correction.message["PhienBan"] == 2
    [kept] = SubmissionVersion.objects.all()
    assert kept.submission_id == correction.submission_id and kept.number == 1
    assert all(s.submission.receiver_id == world.city.pk for s in sendings)
    jobs = department.get(period_first=datetime.date(2026, 1, 1)).values
    assert jobs.get(indicator__code="07").number == sum(  # by sex, rolled up per option
        jobs.get(indicator__code=code).number for code in ("07.1", "07.2")
    )
    march = department.get(period_first=datetime.date(2026, 3, 1))
    assert march.values.get(indicator__code="06").number == 35  # Phúc Xá's only
    april_rollup = {
        r.indicator.code: r.value for r in rollup(socio, datetime.date(2026, 4, 1), level=1)
    }
    assert (
        april_rollup["05"]
        == department.get(period_first=datetime.date(2026, 4, 1))
        .values.get(indicator__code="05")
        .number
    )
