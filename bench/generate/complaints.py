"""Petitions (đơn) of complaints and citizen reception over the years (issue 18's scale:
500,000 cases over 10 years), spread over the districts and communes in proportion to a
per-unit weight, received on working days.

Each petition carries what the services would have set: the rule set in force on the day of
receipt, the classification and its outcome, the acceptance and settlement days of that rule
set's time limits (calendar days here, ending on a working day as ``rules.settlement_due``
ends them: close enough for reading, not for the deadline checks of the tiny test), and for
the past a settlement on time or late with its finding; the last weeks stay open."""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass

from bench.generate.sink import Sink, table_spec
from bench.generate.world import World
from egov.complaints.models import Petition, RuleSet
from egov.workdays.rules import VN_TZ

COLUMNS = (
    "id",
    "unit_id",
    "number",
    "channel",
    "received_at",
    "petitioner_name",
    "is_anonymous",
    "subject",
    "content",
    "match_key",
    "instance",
    "rule_set_id",
    "status",
    "kind",
    "is_competent",
    "is_eligible",
    "outcome",
    "acceptance_due_on",
    "accepted_on",
    "settlement_due_on",
    "settled_on",
    "verdict",
    "tracking_code",
    "version",
    "created_at",
)
CHANNELS = (("visit", 35), ("post", 40), ("portal", 20), ("transfer", 5))
KINDS = (("complaint", 55), ("denunciation", 15), ("request", 25), ("mixed", 5))
SUBJECTS = (
    "Khiếu nại quyết định thu hồi đất",
    "Khiếu nại mức bồi thường, hỗ trợ tái định cư",
    "Tố cáo cán bộ nhận tiền khi làm thủ tục",
    "Kiến nghị về ô nhiễm môi trường",
    "Khiếu nại quyết định xử phạt trật tự xây dựng",
    "Phản ánh việc thu phí trông giữ xe",
)
OPEN_DAYS = 60  # petitions received in the last OPEN_DAYS days may still be open


@dataclass
class ComplaintsPlan:
    petitions: int = 0
    busiest_unit_id: int | None = None


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _rule_sets() -> list[tuple[int, datetime.date, datetime.date | None, int, int]]:
    return [
        (r.pk, r.effective_from, r.effective_to, r.complaint_acceptance_days, r.first_instance_days)
        for r in RuleSet.objects.order_by("effective_from")
    ]


def _rule_set(rule_sets: list, day: datetime.date) -> tuple[int, int, int]:
    for pk, start, end, accept, settle in rule_sets:
        if start <= day and (end is None or day <= end):
            return pk, accept, settle
    pk, _start, _end, accept, settle = rule_sets[0]
    return pk, accept, settle


def petitions_create(
    sink: Sink,
    world: World,
    rng: random.Random,
    count: int,
    days: list[datetime.date],
    until: datetime.date,
) -> ComplaintsPlan:
    """Write ``count`` petitions received over ``days`` (working days, oldest first)."""
    plan = ComplaintsPlan()
    if not count or not days:
        return plan
    units = [*world.districts, *world.communes]
    weights = [8.0 if u in world.districts else 1.0 for u in units]
    weights[0] *= 3  # one busy district: the inspectorate inbox measured
    plan.busiest_unit_id = units[0]
    rule_sets = _rule_sets()
    next_id = sink.next_id(Petition)
    numbers: dict[tuple[int, int], int] = {}
    unit_of = rng.choices(units, weights, k=count)
    day_of = sorted(rng.randrange(len(days)) for _ in range(count))
    rows = []
    for n in range(count):
        unit_id, day = unit_of[n], days[day_of[n]]
        key = (unit_id, day.year)
        numbers[key] = numbers.get(key, 0) + 1
        received = datetime.datetime.combine(
            day, datetime.time(7 + rng.randrange(10), rng.randrange(60)), tzinfo=VN_TZ
        )
        rule_set_id, accept_days, settle_days = _rule_set(rule_sets, day)
        kind = _pick(rng, KINDS)
        subject = rng.choice(SUBJECTS)
        age = (until - day).days
        accept_due = day + datetime.timedelta(days=accept_days + 4)
        status, outcome, accepted, settle_due, settled, verdict = (
            "registered",
            "",
            None,
            None,
            None,
            "",
        )
        competent = eligible = None
        if age > 10 or rng.random() < 0.5:
            competent, eligible = rng.random() < 0.8, True
            if kind in ("complaint", "denunciation") and competent:
                outcome, status = "accept", "accepted"
                accepted = min(until, day + datetime.timedelta(days=rng.randint(1, accept_days)))
                settle_due = accepted + datetime.timedelta(days=settle_days)
                if age > OPEN_DAYS or rng.random() < 0.3:
                    late = rng.random() < 0.12
                    settled = (
                        settle_due + datetime.timedelta(days=rng.randint(1, 20))
                        if late
                        else (accepted + datetime.timedelta(days=rng.randint(5, settle_days)))
                    )
                    settled = min(settled, until)
                    status, verdict = "settled", rng.choice(("right", "partly", "wrong"))
                elif rng.random() < 0.5:
                    status = rng.choice(("verifying", "dialogue"))
            else:
                outcome = "guide" if kind == "complaint" else rng.choice(("transfer", "keep"))
                status = {"guide": "guided", "transfer": "transferred", "keep": "filed"}[outcome]
        name = f"Công dân {n % 9973}"
        rows.append(
            (
                next_id + n,
                unit_id,
                f"{numbers[key]}/{day.year}",
                _pick(rng, CHANNELS),
                received,
                name,
                False,
                subject,
                f"{subject} (đơn số {numbers[key]})",
                hashlib.sha256(f"{unit_id}|{name}|{subject}".encode()).hexdigest(),
                1,
                rule_set_id,
                status,
                kind,
                competent,
                eligible,
                outcome,
                accept_due,
                accepted,
                settle_due,
                settled,
                verdict,
                f"{rng.getrandbits(32):08X}",
                1,
                received,
            )
        )
    sink.copy(table_spec(Petition, COLUMNS), rows)
    plan.petitions = len(rows)
    return plan
