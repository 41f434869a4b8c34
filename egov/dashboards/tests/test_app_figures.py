"""The figures the existing apps register equal a naive count of their raw rows, for random
units and periods (property-style: random rows, random ranges, one seeded generator)."""

from __future__ import annotations

import datetime
import random

import pytest
from django.utils import timezone

from conftest import make_officer
from egov.common.figures import figure_get
from egov.directives.models import Task
from egov.directives.tests.factories import DirectiveFactory, TaskFactory
from egov.documents.models import DocumentRecipient, FileList, FileListEntry, WorkFile
from egov.meetings.models import Meeting
from egov.onestop.models import Dossier, DossierFile, DossierPayment, DossierRating
from egov.onestop.services.figures import figures_refresh_range
from egov.onestop.tests.factories import ProcedureFactory
from egov.onestop.tests.figures_factories import DossierFactory
from egov.reporting import services as reporting
from egov.reporting.choices import Frequency
from egov.reporting.models import Submission
from egov.reporting.tests.conftest import INDICATORS
from egov.workdays.rules import VN_TZ

pytestmark = pytest.mark.django_db
START = datetime.date(2026, 1, 1)
DAYS = 100
TODAY = datetime.date(2026, 6, 15)


def _day(rng: random.Random) -> datetime.date:
    return START + datetime.timedelta(days=rng.randrange(DAYS))


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.choice([0, 8, 15, 23])), tzinfo=VN_TZ)


def _local(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else moment.astimezone(VN_TZ).date()


def _ranges(rng: random.Random, n: int = 6) -> list[tuple[datetime.date, datetime.date]]:
    out = [(START, START + datetime.timedelta(days=DAYS))]
    for _ in range(n):
        a, b = sorted((_day(rng), _day(rng)))
        out.append((a, b))
    return out


def _check(code: str, naive, units, rng) -> None:
    figure = figure_get(code)
    assert figure is not None, code
    for first, last in _ranges(rng):
        expected = {}
        for unit_id, counted in naive(first, last):
            expected[unit_id] = expected.get(unit_id, 0) + counted
        expected = {k: v for k, v in expected.items() if v}
        assert figure.read(first=first, last=last) == expected, (code, first, last)
        subset = rng.sample(units, 2)
        want = {k: v for k, v in expected.items() if k in subset}
        assert figure.read(first=first, last=last, unit_ids=subset) == want, (code, subset)


@pytest.fixture
def frozen_today(monkeypatch):
    moment = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=VN_TZ)
    monkeypatch.setattr(timezone, "now", lambda: moment)


def _dossiers(world, rng) -> list[int]:
    units = [world.district_a.pk, world.district_b.pk, world.commune_a.pk]
    fee = ProcedureFactory(name="Cấp giấy phép xây dựng", level="district")
    fee.fees.create(kind="fee", amount_vnd=50000)
    free = ProcedureFactory(name="Đăng ký khai sinh", level="district")
    for n in range(60):
        received = _moment(_day(rng), rng)
        due = received + datetime.timedelta(days=rng.randrange(1, 20))
        finished = received + datetime.timedelta(days=rng.randrange(0, 30))
        done = rng.random() < 0.7
        dossier = DossierFactory(
            code=f"X-{n}",
            procedure=rng.choice([fee, free]),
            channel=rng.choice(["direct", "online", "postal"]),
            status=rng.choice(["result_ready", "returned"]) if done else "processing",
            competent_unit_id=rng.choice([*units, None]),
            receiving_unit_id=rng.choice(units),
            received_at=received,
            submitted_at=received,
            due_at=due,
            finished_at=finished if done else None,
            timeliness=("late" if finished > due else "on_time") if done else "",
        )
        for kind in ("application", "result"):
            if rng.random() < 0.5:
                DossierFile.objects.create(
                    dossier=dossier,
                    kind=kind,
                    file="x.pdf",
                    original_name="x.pdf",
                    content_type="application/pdf",
                    size=1,
                    sha256="0" * 64,
                )
        if rng.random() < 0.4:
            DossierPayment.objects.create(
                dossier=dossier,
                amount_vnd=50000,
                receipt_number=f"R{n}",
                paid_at=received,
                method=rng.choice(["payment_platform", "bank_transfer", "e_wallet"]),
            )
        if done and rng.random() < 0.6:
            rating = DossierRating.objects.create(
                dossier=dossier, unit_id=rng.choice(units), score=rng.randint(1, 5)
            )
            DossierRating.objects.filter(pk=rating.pk).update(rated_at=finished)
    figures_refresh_range(day_from=START, day_to=START + datetime.timedelta(days=DAYS + 30))
    return units


def _owner(d: Dossier) -> int:
    return d.competent_unit_id or d.receiving_unit_id


def test_onestop_figures_equal_naive_counts(world, frozen_today) -> None:
    rng = random.Random(23)
    units = _dossiers(world, rng)
    dossiers = list(Dossier.objects.prefetch_related("files", "payments"))

    def received_in(d, a, b):
        return a <= _local(d.received_at) <= b

    def settled_in(d, a, b):
        return d.finished_at is not None and a <= _local(d.finished_at) <= b

    def kinds(d):
        return {f.kind for f in d.files.all()}

    naive = {
        "onestop.dossiers_received": lambda d, a, b: received_in(d, a, b),
        "onestop.dossiers_received_online": lambda d, a, b: (
            received_in(d, a, b) and d.channel == "online"
        ),
        "onestop.dossiers_settled": settled_in,
        "onestop.dossiers_settled_on_time": lambda d, a, b: (
            settled_in(d, a, b) and d.finished_at <= d.due_at
        ),
        "onestop.dossiers_settled_late": lambda d, a, b: (
            settled_in(d, a, b) and d.finished_at > d.due_at
        ),
        "onestop.dossiers_overdue": lambda d, a, b: (
            a <= _local(d.due_at) <= b and (d.finished_at is None or d.finished_at > d.due_at)
        ),
        "onestop.results_electronic": lambda d, a, b: settled_in(d, a, b) and "result" in kinds(d),
        "onestop.dossiers_digitised": lambda d, a, b: (
            received_in(d, a, b) and {"application", "result"} <= kinds(d)
        ),
        "onestop.dossiers_fee_bearing": lambda d, a, b: (
            received_in(d, a, b) and d.procedure.name.startswith("Cấp")
        ),
        "onestop.dossiers_paid_online": lambda d, a, b: (
            received_in(d, a, b) and any(p.method != "bank_transfer" for p in d.payments.all())
        ),
    }
    for code, test in naive.items():
        _check(
            code,
            lambda a, b, test=test: ((_owner(d), int(bool(test(d, a, b)))) for d in dossiers),
            units,
            rng,
        )
    ratings = list(DossierRating.objects.all())

    def satisfied(a, b):
        for r in ratings:
            if a <= _local(r.rated_at) <= b and r.score >= 4:
                yield r.unit_id, 1

    _check("onestop.ratings_satisfied", satisfied, units, rng)

    def dissatisfied(a, b):
        for r in ratings:
            if a <= _local(r.rated_at) <= b and r.score <= 2:
                yield r.unit_id, 1

    _check("onestop.ratings_dissatisfied", dissatisfied, units, rng)


def test_onestop_rating_figures_count_for_the_rated_unit(world, frozen_today) -> None:
    rng = random.Random(5)
    units = _dossiers(world, rng)
    ratings = list(DossierRating.objects.all())
    # The roll-up counts a rating for the rated unit on the day it was given.

    def rated(a, b, score):
        for r in ratings:
            if a <= _local(r.rated_at) <= b:
                yield r.unit_id, r.score if score else 1

    _check("onestop.ratings", lambda a, b: rated(a, b, False), units, rng)
    _check("onestop.rating_score_sum", lambda a, b: rated(a, b, True), units, rng)


def test_procedures_served_and_offered_online(world, frozen_today) -> None:
    rng = random.Random(7)
    units = _dossiers(world, rng)
    # Each dossier made at its own moment, as in life (the frozen clock made them all at one):
    # a DISTINCT that took the dossiers' default ordering along counted dossiers, not pairs.
    made = timezone.now()
    for n, pk in enumerate(Dossier.objects.values_list("pk", flat=True)):
        Dossier.objects.filter(pk=pk).update(created_at=made - datetime.timedelta(minutes=n))
    served = figure_get("onestop.procedures_served")
    first, last = START, START + datetime.timedelta(days=DAYS)
    pairs = {
        (_owner(d), d.procedure_id)
        for d in Dossier.objects.all()
        if first <= _local(d.received_at) <= last
    }
    expected = {}
    for unit_id, _procedure in pairs:
        expected[unit_id] = expected.get(unit_id, 0) + 1
    assert served.read(first=first, last=last) == expected
    # The factory's procedures are not offered fully online.
    assert figure_get("onestop.procedures_full_online").read(first=first, last=last) == {}
    assert set(expected) <= set(units)


def test_documents_figures_equal_naive_counts(world) -> None:
    rng = random.Random(31)
    units = [world.district_a.pk, world.district_b.pk, world.dept.pk]
    rows = []
    for _n in range(30):
        unit_id = rng.choice(units)
        document = DirectiveFactory(unit_id=unit_id, issued_on=_day(rng))
        channels = [rng.choice(["platform", "edxml", "paper"]) for _ in range(rng.randrange(3))]
        for channel in channels:
            DocumentRecipient.objects.create(document=document, name="Nơi nhận", channel=channel)
        rows.append((unit_id, document.issued_on, channels))
    _check(
        "documents.sent",
        lambda a, b: ((u, int(a <= day <= b and bool(ch))) for u, day, ch in rows),
        units,
        rng,
    )
    _check(
        "documents.sent_electronic",
        lambda a, b: (
            (u, int(a <= day <= b and bool(ch) and "paper" not in ch)) for u, day, ch in rows
        ),
        units,
        rng,
    )
    files = []
    for unit in (world.district_a, world.district_b, world.dept):
        file_list = FileList.objects.create(unit=unit, year=2026)
        for n in range(8):
            entry = FileListEntry.objects.create(
                file_list=file_list, heading="H", notation=f"N-{n}", title="T", handling_unit=unit
            )
            closed = _day(rng) if rng.random() < 0.7 else None
            online = rng.random() < 0.5 if closed else None
            WorkFile.objects.create(
                unit=unit,
                handling_unit=unit,
                entry=entry,
                code=f"U{unit.pk}.N-{n}",
                year=2026,
                notation=entry.notation,
                title="T",
                opened_on=START,
                closed_on=closed,
                status="closed" if closed else "open",
                handled_online=online,
            )
            files.append((unit.pk, closed, online))
    _check(
        "documents.workfiles",
        lambda a, b: ((u, int(c is not None and a <= c <= b)) for u, c, _o in files),
        units,
        rng,
    )
    _check(
        "documents.workfiles_online",
        lambda a, b: ((u, int(c is not None and a <= c <= b and bool(o))) for u, c, o in files),
        units,
        rng,
    )


def test_directives_figures_equal_naive_counts(world, frozen_today) -> None:
    rng = random.Random(41)
    units = [world.district_a.pk, world.district_b.pk, world.dept.pk]
    document = DirectiveFactory(unit=world.city)
    for _n in range(40):
        deadline = _day(rng)
        done = deadline + datetime.timedelta(days=rng.randrange(-10, 10))
        TaskFactory(
            document=document,
            lead_unit_id=rng.choice(units),
            deadline_on=deadline,
            done_on=done if rng.random() < 0.6 and done <= TODAY else None,
        )
    tasks = list(Task.objects.all())
    _check(
        "directives.tasks_due",
        lambda a, b: ((t.lead_unit_id, int(a <= t.deadline_on <= b)) for t in tasks),
        units,
        rng,
    )
    _check(
        "directives.tasks_done_on_time",
        lambda a, b: (
            (
                t.lead_unit_id,
                int(
                    a <= t.deadline_on <= b and t.done_on is not None and t.done_on <= t.deadline_on
                ),
            )
            for t in tasks
        ),
        units,
        rng,
    )

    def overdue(t):
        return (t.done_on is not None and t.done_on > t.deadline_on) or (
            t.done_on is None and t.deadline_on < TODAY
        )

    _check(
        "directives.tasks_overdue",
        lambda a, b: ((t.lead_unit_id, int(a <= t.deadline_on <= b and overdue(t))) for t in tasks),
        units,
        rng,
    )


def test_reporting_figures_equal_naive_counts(world) -> None:
    rng = random.Random(53)
    regime = reporting.regime_create(
        actor=None,
        indicators=INDICATORS,
        code="kt-xh",
        name="Báo cáo kinh tế - xã hội tháng",
        legal_basis="Nghị định 09/2019/NĐ-CP",
        frequency=Frequency.MONTH,
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    from egov.common.periods import period_of

    for month in range(1, 6):
        reporting.period_open(
            actor=None, regime=regime, period=period_of("month", datetime.date(2026, month, 1))
        )
    for submission in Submission.objects.all():
        if rng.random() < 0.7:
            day = submission.due_on + datetime.timedelta(days=rng.randrange(-3, 4))
            Submission.objects.filter(pk=submission.pk).update(
                first_submitted_at=_moment(day, rng), status="submitted"
            )
    rows = [(s.unit_id, s.due_on, _local(s.first_submitted_at)) for s in Submission.objects.all()]
    units = [world.commune_a.pk, world.commune_b.pk, world.district_a.pk]
    _check(
        "reporting.reports_expected",
        lambda a, b: ((u, int(a <= due <= b)) for u, due, _s in rows),
        units,
        rng,
    )
    _check(
        "reporting.reports_sent",
        lambda a, b: ((u, int(a <= due <= b and s is not None)) for u, due, s in rows),
        units,
        rng,
    )
    _check(
        "reporting.reports_on_time",
        lambda a, b: ((u, int(a <= due <= b and s is not None and s <= due)) for u, due, s in rows),
        units,
        rng,
    )


def test_meetings_figures_equal_naive_counts(world) -> None:
    rng = random.Random(61)
    chair = make_officer("chutich@example.vn", world.city, "unit_head", subtree=True)
    units = [world.city.pk, world.district_a.pk, world.dept.pk]
    for n in range(30):
        Meeting.objects.create(
            kind="working",
            title=f"Họp {n}",
            host_unit_id=rng.choice(units),
            chair=chair,
            starts_at=_moment(_day(rng), rng),
            planned_minutes=60,
            online_url=rng.choice(["", "https://hop.hanoi.gov.vn/p/1"]),
            status=rng.choice(["planned", "held", "closed", "cancelled"]),
        )
    meetings = list(Meeting.objects.all())

    def held(m):
        return m.status in ("held", "closed")

    _check(
        "meetings.held",
        lambda a, b: (
            (m.host_unit_id, int(held(m) and a <= _local(m.starts_at) <= b)) for m in meetings
        ),
        units,
        rng,
    )
    _check(
        "meetings.held_online",
        lambda a, b: (
            (m.host_unit_id, int(held(m) and bool(m.online_url) and a <= _local(m.starts_at) <= b))
            for m in meetings
        ),
        units,
        rng,
    )
