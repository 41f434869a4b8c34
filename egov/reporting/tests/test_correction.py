"""A correction after acceptance: an accepted report reopened with a reason (the accepted
version kept), corrected, sent and accepted again; a report of the city then reaches the
national reporting system as a correction of the version it took — once, audited, shown on
the report's page; a sending still waiting is replaced, never sent with the old values."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import httpx
import pytest
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import ConcurrentChange, PermissionDenied
from egov.common.transitions import WrongState
from egov.common.validation import TextRequired
from egov.integration.services import client as connector_client
from egov.integration.simulators.national_reporting import reports_forget, reports_received
from egov.integration.tests.conftest import Recording, simulators  # noqa: F401 - fixture
from egov.reporting import figures, services
from egov.reporting.choices import NationalSendingState
from egov.reporting.models import NationalSending, Submission, SubmissionVersion
from egov.reporting.services_correction import submission_correct
from egov.reporting.services_national import national_sendings_try_due
from egov.reporting.tests.conftest import MAY, Setup
from egov.reporting.tests.test_services import GOOD, fill, send
from egov.reporting.totals import totals_of

pytestmark = pytest.mark.django_db
REASON = "Số thu ngân sách điều chỉnh theo số liệu của Kho bạc."
CORRECTED = {**GOOD, "01": "1300"}


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    connector_client.breakers_reset()
    reports_forget()
    yield
    connector_client.transport_set(None)
    connector_client.breakers_reset()
    reports_forget()


def _accept(setup: Setup, report: Submission, capture) -> Submission:
    report.refresh_from_db()
    with capture(execute=True):
        services.submission_accept(
            actor=setup.receiver, submission=report, expected_version=report.version
        )
    report.refresh_from_db()
    return report


def _reopen(setup: Setup, report: Submission, user=None) -> Submission:
    report.refresh_from_db()
    return submission_correct(
        actor=user or setup.filler_a,
        submission=report,
        reason=REASON,
        expected_version=report.version,
    )


def _number(setup: Setup, code: str) -> tuple[Decimal, int]:
    indicator = setup.regime.indicators.get(code=code)
    return totals_of(setup.regime.pk, MAY.first, 0).get(indicator.pk, (Decimal(0), 0))


def test_a_corrected_city_report_reaches_the_national_system_as_a_correction(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
    client,
) -> None:
    # given a report of the city accepted and acknowledged by the national system
    report = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    report = _accept(setup, report, django_capture_on_commit_callbacks)
    first = NationalSending.objects.get(submission=report)
    assert (first.state, first.receipt) == (NationalSendingState.ACKNOWLEDGED, "TN00000001")
    first_document = report.document_id

    # when the reporting unit reopens it, corrects a value, sends it and the city accepts it
    reopened = _reopen(setup, report)
    assert (reopened.status, reopened.return_reason) == ("returned", REASON)
    assert _number(setup, "01") == (Decimal(0), 0)  # left the running totals
    corrected = send(fill(setup, reopened, setup.filler_a, CORRECTED), setup.filler_a)
    corrected = _accept(setup, corrected, django_capture_on_commit_callbacks)

    # then the accepted version is kept beside the corrected one
    [kept] = SubmissionVersion.objects.filter(submission=report)
    assert (kept.number, kept.reason, kept.document_id) == (1, REASON, first_document)
    assert kept.values[0] == {"code": "01", "number": "1250.5", "text": "", "note": ""}
    assert corrected.times_submitted == 2 and corrected.document_id != first_document
    assert _number(setup, "01") == (Decimal("1300.0000"), 1)

    # and the national system received the corrected version as a correction of the first
    second = NationalSending.objects.exclude(pk=first.pk).get(submission=report)
    assert (second.state, second.receipt, second.corrects_id) == (
        NationalSendingState.ACKNOWLEDGED,
        "TN00000002",
        first.pk,
    )
    old, new = (item["message"] for item in reports_received())
    assert old["MaBaoCao"] == new["MaBaoCao"]
    assert (old["PhienBan"], old["HieuChinh"]) == (1, None)
    assert new["PhienBan"] == 2
    assert new["HieuChinh"] == {"MaTiepNhanTruoc": "TN00000001", "LyDo": REASON}
    assert new["ChiTieu"][0]["GiaTri"] == "1300"
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count("reporting.submission_correction_opened") == 1
    assert actions.count("reporting.national_sending_queued") == 2
    assert actions.count("reporting.national_sending_acknowledged") == 2

    # the report counts once as shared with the national system
    shared = figures.reports_shared_nationally(first=MAY.first, last=MAY.last, unit_ids=None)
    assert shared == {report.unit_id: 1}

    # the report's page shows both versions and the correction's sending
    client.force_login(setup.receiver)
    page = client.get(reverse("reporting:submission-detail", args=[report.pk])).content.decode()
    assert 'id="report-versions"' in page and REASON in page
    assert "bản hiệu chỉnh của TN00000001" in page  # the sending's row: a correction of …
    received = client.get(reverse("sim:national-reporting-page")).content.decode()
    assert "bản hiệu chỉnh của TN00000001" in received  # the simulator's list, too
    exported = client.get(f"/api/v1/reporting/reports/{report.pk}/national").json()
    assert exported["PhienBan"] == 2
    assert [(s["PhienBan"], s["HieuChinhMaTiepNhan"]) for s in exported["GuiHeThongQuocGia"]] == [
        (1, ""),
        (2, "TN00000001"),
    ]


def test_a_sending_still_waiting_is_replaced_and_never_sent_with_the_old_values(
    setup: Setup,
    simulators,  # noqa: F811 - the fixture imported above
    django_capture_on_commit_callbacks,
    clock,
) -> None:
    connector_client.transport_set(Recording(reply=lambda request: httpx.Response(503)))
    report = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    report = _accept(setup, report, django_capture_on_commit_callbacks)
    waiting = NationalSending.objects.get(submission=report)
    assert waiting.state == NationalSendingState.QUEUED

    _reopen(setup, report, user=setup.receiver)  # the receiving unit may reopen too
    waiting.refresh_from_db()
    assert (waiting.state, waiting.next_attempt_at) == (NationalSendingState.SUPERSEDED, None)

    connector_client.transport_set(simulators)
    corrected = send(fill(setup, report, setup.filler_a, CORRECTED), setup.filler_a)
    _accept(setup, corrected, django_capture_on_commit_callbacks)
    latest = NationalSending.objects.filter(submission=report).latest("pk")
    # the system never took the first version: the corrected one is a first sending there
    assert (latest.state, latest.corrects_id) == (NationalSendingState.ACKNOWLEDGED, None)
    [received] = reports_received()
    assert (received["message"]["PhienBan"], received["message"]["HieuChinh"]) == (2, None)
    clock.set(clock.moment.replace(year=2027))
    assert national_sendings_try_due() == {"acknowledged": 0, "waiting": 0, "failed": 0}


def test_only_an_accepted_report_is_reopened_once_by_its_own_units(
    setup: Setup, django_capture_on_commit_callbacks
) -> None:
    report = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    with pytest.raises(WrongState):  # sent, not accepted yet: returned instead
        _reopen(setup, report)
    report = _accept(setup, report, django_capture_on_commit_callbacks)
    before = AuditEvent.objects.count()

    with pytest.raises(PermissionDenied):  # another commune
        _reopen(setup, report, user=setup.filler_b)
    with pytest.raises(TextRequired):
        submission_correct(
            actor=setup.filler_a, submission=report, reason=" ", expected_version=report.version
        )
    assert AuditEvent.objects.count() == before
    assert not SubmissionVersion.objects.exists()

    seen = report.version
    _reopen(setup, report)
    events = AuditEvent.objects.count()
    again = submission_correct(  # the double click, a retry: answered as the first, once
        actor=setup.filler_a, submission=report, reason=REASON, expected_version=seen
    )
    assert (again.status, again.version) == ("returned", seen + 1)
    assert AuditEvent.objects.count() == events
    with pytest.raises(ConcurrentChange):  # another request on the version seen before
        submission_correct(
            actor=setup.filler_a, submission=report, reason="Lý do khác", expected_version=seen
        )
    with pytest.raises(ConcurrentChange):  # the same request by someone else
        submission_correct(
            actor=setup.receiver, submission=report, reason=REASON, expected_version=seen
        )
    with pytest.raises(WrongState):  # no longer accepted
        _reopen(setup, report)
    assert SubmissionVersion.objects.count() == 1


def test_the_page_reopens_an_accepted_report_and_refuses_an_empty_reason(
    setup: Setup, django_capture_on_commit_callbacks, client
) -> None:
    report = send(fill(setup, setup.a, setup.filler_a), setup.filler_a)
    report = _accept(setup, report, django_capture_on_commit_callbacks)
    url = reverse("reporting:submission-correct", args=[report.pk])
    client.force_login(setup.filler_a)
    page = client.get(reverse("reporting:submission-detail", args=[report.pk])).content.decode()
    assert 'id="correct-form"' in page

    assert client.post(url, {}).status_code == 400
    answer = client.post(url, {"expected_version": report.version, "reason": REASON})

    assert answer.status_code == 302
    report.refresh_from_db()
    assert report.status == "returned"
    page = client.get(reverse("reporting:submission-detail", args=[report.pk])).content.decode()
    assert 'id="report-versions"' in page and 'id="correct-form"' not in page
