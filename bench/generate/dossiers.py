"""Ten years of one-stop dossiers, each with the rows the services would have written for its
life: the dossier, its processing instance and steps (control sheet), official forms issued,
pauses, ratings and the dossier's audit entries.

Each dossier is lived on the app's working-time line (:mod:`bench.generate.clock`): receipt at
the desk (or online submission then receipt), the 15:00 cut-off, the legal time limit of its
internal procedure split over the steps, forwards, the result, the return. Dossiers still in
processing at the end moment (``now``) stop at the step they are at; some of them are paused
for a supplement, some are overdue. Distributions: procedures by rank (Zipf), units by a
log-normal size, months by season (Tết dip, year-end rush), years by growth (+4 %/year), the
online share rising from 3 % (2016) to 70 % (2026), late results falling from 6 % to 1.5 %.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from bench.generate import audit as audit_mod
from bench.generate.clock import WorkClock
from bench.generate.people import Citizens, Staff
from bench.generate.world import Proc, World, pick
from egov.common.text import fold
from egov.onestop.choices import AuditAction, Channel, DossierStatus, NoticeKind
from egov.workdays.rules import VN_TZ
from egov.workflow.choices import InstanceStatus, Outcome, StepAction, Timeliness

DOSSIER_COLUMNS = (
    "id",
    "code",
    "procedure_id",
    "ruleset_id",
    "channel",
    "status",
    "applicant_id",
    "applicant_kind",
    "applicant_name",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "form_data",
    "copies_count",
    "receiving_unit_id",
    "competent_unit_id",
    "process_id",
    "created_at",
    "submitted_at",
    "received_at",
    "due_at",
    "calendar_version",
    "finished_at",
    "returned_at",
    "timeliness",
    "result_note",
    "search_text",
    "version",
)
INSTANCE_COLUMNS = (
    "id",
    "definition_id",
    "subject_type_id",
    "subject_id",
    "subject_label",
    "search_text",
    "owner_unit_id",
    "status",
    "received_at",
    "counting_started_at",
    "legal_due_at",
    "due_at",
    "calendar_version",
    "apply_cutoff",
    "current_step_id",
    "version",
    "finished_at",
    "outcome",
    "timeliness",
)
STEP_COLUMNS = (
    "id",
    "instance_id",
    "seq",
    "step_definition_id",
    "unit_id",
    "role",
    "arrived_by",
    "entered_at",
    "counted_from",
    "due_at",
    "paused_days",
    "left_at",
    "action",
    "acted_by_id",
    "note",
    "used_days",
    "timeliness",
)
PAUSE_COLUMNS = (
    "id",
    "instance_id",
    "step_id",
    "reason",
    "restarts_clock",
    "started_at",
    "started_by_id",
)
NOTICE_COLUMNS = ("id", "dossier_id", "kind", "reason", "issued_at", "issued_by_id")
RATING_COLUMNS = ("id", "dossier_id", "unit_id", "score", "comment", "rated_at")

SEASON = (1.10, 0.72, 1.05, 1.02, 1.00, 0.98, 0.95, 0.97, 1.00, 1.04, 1.08, 1.12)
ONLINE_SHARE = {
    2016: 0.03,
    2017: 0.05,
    2018: 0.08,
    2019: 0.12,
    2020: 0.20,
    2021: 0.30,
    2022: 0.40,
    2023: 0.50,
    2024: 0.58,
    2025: 0.65,
    2026: 0.70,
}
GROWTH = 1.04
MILLI = Decimal("0.001")
SUPPLEMENT_REASON = "Bổ sung giấy tờ chứng minh theo yêu cầu của cơ quan thẩm định."
REFUSAL_REASON = "Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan."
DECISION_REASON = "Hồ sơ không đủ điều kiện theo quy định."
COMMENTS = (
    "Cán bộ hướng dẫn tận tình.",
    "Trả kết quả đúng hẹn.",
    "Hài lòng.",
    "",
    "Thời gian chờ hơi lâu.",
    "Nộp trực tuyến thuận tiện.",
    "",
)


def daily_counts(total: int, days: list[datetime.date]) -> list[int]:
    """``total`` dossiers spread over working ``days`` by season and yearly growth, rounded so
    they add up exactly (largest remainders)."""
    first_year = days[0].year
    raw = [SEASON[d.month - 1] * GROWTH ** (d.year - first_year) for d in days]
    scale = total / sum(raw)
    exact = [r * scale for r in raw]
    counts = [int(x) for x in exact]
    missing = total - sum(counts)
    order = sorted(range(len(days)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[:missing]:
        counts[i] += 1
    return counts


@dataclass
class Batch:
    """Rows of one batch of days, per table."""

    dossiers: list[tuple] = field(default_factory=list)
    instances: list[tuple] = field(default_factory=list)
    steps: list[tuple] = field(default_factory=list)
    pauses: list[tuple] = field(default_factory=list)
    notices: list[tuple] = field(default_factory=list)
    ratings: list[tuple] = field(default_factory=list)
    audit: list[tuple] = field(default_factory=list)


# Ids derive from a dossier's global index: room for this many steps, forms and audit entries
# per dossier (the generated ids are sparse; sequences move past the highest).
STEP_SLOTS, NOTICE_SLOTS, EVENT_SLOTS = 8, 4, 8
AuditOut = Callable[..., tuple]


@dataclass
class Ids:
    """The first id of each table; a dossier's rows take ids from slots of its index."""

    dossier: int
    instance: int
    step: int
    pause: int
    notice: int
    rating: int


class DossierMill:
    """Makes the rows of each dossier's life, day after day."""

    def __init__(
        self,
        *,
        world: World,
        clock: WorkClock,
        staff: Staff,
        citizens: Citizens,
        audit: AuditOut | None,
        ids: Ids,
        seed: int,
        now: datetime.datetime,
        audit_level: str = "receipt",
        agencies: frozenset[str] | None = None,
    ) -> None:
        self.world, self.clock, self.staff, self.citizens = world, clock, staff, citizens
        self.audit_out, self.ids, self.now = audit, ids, now
        self.audit_level, self.agencies = audit_level, agencies
        self.now_pos = clock.position(now)
        self.counters: dict[tuple[str, datetime.date], int] = {}
        self.folded: dict[str, str] = {}
        self.yymmdd: dict[datetime.date, str] = {}
        self.proc_folded_name = {p.id: fold(p.name) for p in world.procedures}
        self.agency = {u: world.agency_code(u) for u in world.units if world.units[u].desk_id}
        self.dossier_ct = (world.dossier_ct, "onestop.dossier")
        self.late_share = {y: 0.06 - (y - 2016) * 0.0045 for y in range(2010, 2040)}
        # What a dossier is (procedure, unit) comes from one stream over all dossiers; how its
        # life goes from the stream of its receiving agency. Each agency's rows are thus the
        # same however the agencies are shared out between worker processes.
        self.sampler = random.Random(f"{seed}:dossiers")
        self.streams = {
            code: random.Random(f"{seed}:dossiers:{code}")
            for code in sorted(set(self.agency.values()))
        }
        self.rng = self.sampler
        self.index = 0  # global index of the next dossier (ids derive from it)
        self.event = 0

    # -- helpers ----------------------------------------------------------------------------
    def _fold(self, text: str) -> str:
        folded = self.folded.get(text)
        if folded is None:
            folded = self.folded[text] = fold(text)
        return folded

    def _officer(self, unit_id: int, role: str) -> int | None:
        ids = self.staff.of(unit_id, role)
        return ids[_below(self.rng, len(ids))] if ids else None

    def _code(self, desk_id: int, day: datetime.date, fmt: str) -> str:
        agency = self.agency[desk_id]
        seq = self.counters.get((agency, day), 0) + 1
        self.counters[(agency, day)] = seq
        yymmdd = self.yymmdd.get(day)
        if yymmdd is None:
            yymmdd = self.yymmdd[day] = day.strftime("%y%m%d")
        return fmt.format(agency=agency, yymmdd=yymmdd, seq=seq)

    def _audit(
        self,
        batch: Batch,
        at: datetime.datetime,
        actor: int | None,
        action: str,
        dossier_id: int,
        repr_: str,
        changes: dict | Callable[[], dict],
        *,
        decisive: bool = False,
    ) -> None:
        """One audit entry; with ``audit_level`` "receipt" only the decisive one of each
        dossier (received, refused at the desk, withdrawn, or submitted and still waiting)."""
        if self.audit_out is None or (self.audit_level != "all" and not decisive):
            return
        if callable(changes):
            changes = changes()
        key = (dossier_id - self.ids.dossier) * EVENT_SLOTS + self.event
        self.event += 1
        batch.audit.append(
            self.audit_out(
                key,
                at,
                actor,
                self.staff.names.get(actor, "") if actor else "",
                action,
                self.dossier_ct,
                dossier_id,
                repr_,
                changes,
            )
        )

    def _receipt_moment(self, day: datetime.date) -> datetime.datetime:
        """A moment of the desk's working day (morning or afternoon session)."""
        minute = (
            _between(self.rng, 8 * 60, 11 * 60 + 45)
            if self.rng.random() < 0.55
            else _between(self.rng, 13 * 60, 16 * 60 + 50)
        )
        return datetime.datetime(
            day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VN_TZ
        )

    def _unit_for(self, proc: Proc) -> int:
        """The competent unit (drawn from the sampling stream, like the procedure)."""
        world = self.world
        if proc.level == "commune":
            return pick(self.sampler, world.communes, world.weights["commune"])
        if proc.level == "district":
            return pick(self.sampler, world.districts, world.weights["district"])
        return world.department_of[proc.id]

    def _channel(self, proc: Proc, year: int) -> str:
        r = self.rng.random()
        if proc.online and r < ONLINE_SHARE.get(year, 0.7):
            return Channel.ONLINE
        return Channel.POSTAL if r > 0.98 else Channel.DIRECT

    # -- one day ----------------------------------------------------------------------------
    def day(self, batch: Batch, day: datetime.date, count: int) -> None:
        world, sampler, agencies = self.world, self.sampler, self.agencies
        for _ in range(count):
            index = self.index
            self.index += 1
            proc = pick(sampler, world.procedures, world.weights["procedure"])
            unit_id = self._unit_for(proc)
            agency = self.agency[world.units[unit_id].desk_id]
            if agencies is not None and agency not in agencies:
                continue
            self.rng, self.event = self.streams[agency], 0
            self._dossier(batch, day, proc, unit_id, index)

    def _dossier(
        self, batch: Batch, day: datetime.date, proc: Proc, unit_id: int, index: int
    ) -> None:
        rng, world = self.rng, self.world
        unit = world.units[unit_id]
        desk_id = unit.desk_id
        channel = self._channel(proc, day.year)
        received = self._receipt_moment(day)
        ruleset_id, fmt = world.ruleset(day)
        person = _below(rng, self.citizens.count)
        applicant_id, name, number, phone, business = self.citizens.person(person)
        has_account = channel == Channel.ONLINE or rng.random() < 0.5
        email = f"cd{person}@bench.egov.vn" if person % 3 == 0 else ""
        commune = (
            world.units[unit_id]
            if unit.kind == "commune"
            else world.units[world.communes[person % len(world.communes)]]
        )
        address = (
            f"Số {person % 199 + 1} {_STREETS[person % len(_STREETS)]}, {commune.name}, "
            f"{commune.district_name}, Hà Nội"
        )
        dossier_id = self.ids.dossier + index
        desk_officer = self._officer(desk_id, "front_desk_officer")
        d = _Life(
            dossier_id=dossier_id,
            proc=proc,
            unit_id=unit_id,
            desk_id=desk_id,
            channel=channel,
            ruleset_id=ruleset_id,
            received=received,
            name=name,
            applicant_id=applicant_id if has_account else None,
        )
        if channel == Channel.ONLINE:
            d.submitted = received - datetime.timedelta(minutes=_between(rng, 60, 3 * 24 * 60))
            d.created = d.submitted - datetime.timedelta(minutes=_between(rng, 5, 120))
            d.code = self._code(desk_id, d.submitted.date(), fmt)
            self._audit(
                batch,
                d.created,
                None,
                AuditAction.DOSSIER_DRAFT_CREATED,
                dossier_id,
                f"Draft #{dossier_id}",
                {"procedure": proc.code, "version": proc.version},
            )
            waiting = received > self.now or ((self.now - received).days < 2 and rng.random() < 0.4)
            self._audit(
                batch,
                d.submitted,
                None,
                AuditAction.DOSSIER_SUBMITTED,
                dossier_id,
                d.code,
                lambda: {
                    "status": ["draft", "submitted"],
                    "code": [None, d.code],
                    "ruleset_id": [None, ruleset_id],
                    "competent_unit_id": [None, unit_id],
                    "receiving_unit_id": [None, desk_id],
                    "submitted_at": [None, audit_mod.iso(d.submitted)],
                },
                decisive=waiting,
            )
        else:
            waiting = False
            d.created = received - datetime.timedelta(minutes=_between(rng, 5, 25))
            self._audit(
                batch,
                d.created,
                desk_officer,
                "onestop.dossier_registered",
                dossier_id,
                f"Draft #{dossier_id}",
                {"procedure": [proc.code, proc.version], "documents": []},
            )
        r = rng.random()
        if channel == Channel.ONLINE and waiting:
            d.status, d.version = DossierStatus.SUBMITTED, 2  # the desk has not got to it yet
        elif channel == Channel.ONLINE and r < 0.01:
            d.status, d.version = DossierStatus.WITHDRAWN, 3
            d.note = "Không có nhu cầu giải quyết nữa."
            self._audit(
                batch,
                received,
                None,
                AuditAction.DOSSIER_WITHDRAWN,
                dossier_id,
                d.code,
                {"status": ["submitted", "withdrawn"], "result_note": ["", d.note]},
                decisive=True,
            )
        elif r < 0.022:
            d.status, d.note = DossierStatus.REFUSED, REFUSAL_REASON
            d.version = 3 if channel == Channel.ONLINE else 2
            batch.notices.append(
                (
                    self._notice_id(dossier_id, 0),
                    dossier_id,
                    NoticeKind.REFUSAL,
                    d.note,
                    received,
                    desk_officer,
                )
            )
            self._audit(
                batch,
                received,
                desk_officer,
                "onestop.dossier_refused_at_desk",
                dossier_id,
                d.code or f"Draft #{dossier_id}",
                {"status": [d.initial_status, "refused"], "result_note": ["", d.note]},
                decisive=True,
            )
        else:
            self._process(batch, d, fmt, desk_officer)
        batch.dossiers.append(self._dossier_row(d, number, phone, email, address, business))

    def _notice_id(self, dossier_id: int, k: int) -> int:
        return self.ids.notice + (dossier_id - self.ids.dossier) * NOTICE_SLOTS + k

    def _dossier_row(
        self, d: _Life, number: str, phone: str, email: str, address: str, business: bool
    ) -> tuple:
        proc = d.proc
        parts = [
            p
            for p in (
                d.code.casefold() if d.code else "",
                self._fold(d.name),
                number,
                phone,
                proc.folded,
            )
            if p
        ]
        return (
            d.dossier_id,
            d.code,
            proc.id,
            d.ruleset_id,
            d.channel,
            d.status,
            d.applicant_id,
            "organisation" if business else "person",
            d.name,
            number,
            phone,
            email,
            address,
            {},
            1,
            d.desk_id,
            d.unit_id,
            d.instance_id,
            d.created,
            d.submitted,
            d.received if d.instance_id else None,
            d.due,
            self.clock.version if d.due else "",
            d.finished,
            d.returned,
            d.timeliness,
            d.note,
            " ".join(parts)[:500],
            d.version,
        )

    # -- processing -------------------------------------------------------------------------
    def _process(self, batch: Batch, d: _Life, fmt: str, desk_officer: int | None) -> None:
        clock, rng, proc = self.clock, self.rng, d.proc
        day = d.received.date()
        definition = self.world.definition(proc, d.unit_id, day)
        if d.code is None:
            d.code = self._code(d.desk_id, day, fmt)
        start = clock.counting_start(d.received, apply_cutoff=proc.is_same_day)
        total = clock.minutes(definition.total)
        due_pos = start + total
        d.due = clock.moment(due_pos)
        slot = d.dossier_id - self.ids.dossier
        d.instance_id = self.ids.instance + slot
        batch.notices.append(
            (
                self._notice_id(d.dossier_id, 0),
                d.dossier_id,
                NoticeKind.RECEIPT,
                "",
                d.received,
                desk_officer,
            )
        )
        self._audit(
            batch,
            d.received,
            desk_officer,
            "onestop.dossier_received",
            d.dossier_id,
            d.code,
            {
                "status": [d.initial_status, "processing"],
                "received_at": [None, audit_mod.iso(d.received)],
                "competent_unit_id": [None, d.unit_id],
                "process_id": [None, d.instance_id],
                "due_at": [None, audit_mod.iso(d.due)],
            },
            decisive=True,
        )
        finish_pos = self._finish_position(start, due_pos, total, day.year)
        refused = rng.random() < 0.01
        # A refusal after appraisal ends processing at the first step (Decree 61/2018 art. 19).
        plan = definition.steps[:1] if refused else definition.steps
        bounds = self._bounds(start, finish_pos, plan)
        steps, current = [], None
        for i, sd in enumerate(plan):
            entered_pos, left_pos = bounds[i], bounds[i + 1]
            unit_id = sd.unit_id or d.unit_id
            entered = d.received if i == 0 else clock.moment(entered_pos)
            counted = clock.counted_moment(start) if i == 0 else entered
            step_due = clock.moment(entered_pos + sd.minutes)
            step_id = self.ids.step + slot * STEP_SLOTS + i
            arrived = StepAction.STARTED if i == 0 else StepAction.FORWARDED
            if left_pos >= self.now_pos:
                current = step_id
                steps.append(
                    (
                        step_id,
                        d.instance_id,
                        i + 1,
                        sd.id,
                        unit_id,
                        sd.role,
                        arrived,
                        entered,
                        counted,
                        step_due,
                        Decimal(0),
                        None,
                        "",
                        None,
                        "",
                        None,
                        "",
                    )
                )
                break
            left = clock.moment(left_pos)
            used = (Decimal(left_pos - entered_pos) / clock.day_minutes).quantize(
                MILLI, rounding=ROUND_HALF_UP
            )
            steps.append(
                (
                    step_id,
                    d.instance_id,
                    i + 1,
                    sd.id,
                    unit_id,
                    sd.role,
                    arrived,
                    entered,
                    counted,
                    step_due,
                    Decimal(0),
                    left,
                    StepAction.FINISHED if i == len(plan) - 1 else StepAction.FORWARDED,
                    self._officer(unit_id, sd.role),
                    "",
                    max(used, Decimal(0)),
                    _grade(left, step_due),
                )
            )
        batch.steps.extend(steps)
        forwards = len(steps) - 1
        if current is None:
            self._finish(batch, d, clock.moment(bounds[-1]), refused)
            status, outcome = InstanceStatus.FINISHED, d.outcome
        else:
            status, outcome = self._open(batch, d, current, steps[-1]), ""
        d.version = (
            (3 if d.channel == Channel.ONLINE else 2)
            + (d.status in _FINISHED)
            + (d.returned is not None)
            + (d.status == DossierStatus.SUPPLEMENT_REQUESTED)
        )
        label = f"{d.code} — {d.name} — {proc.name}"[:300]
        folded = f"{d.code.casefold()} — {self._fold(d.name)} — {self.proc_folded_name[proc.id]}"
        batch.instances.append(
            (
                d.instance_id,
                definition.id,
                self.world.dossier_ct,
                str(d.dossier_id),
                label,
                folded[:300],
                d.unit_id,
                status,
                d.received,
                clock.counted_moment(start),
                d.due,
                d.due,
                self.clock.version,
                proc.is_same_day,
                current,
                1 + forwards + (current is None),
                d.finished if current is None else None,
                outcome,
                d.timeliness if current is None else "",
            )
        )

    def _finish_position(self, start: int, due_pos: int, total: int, year: int) -> int:
        """Where processing ends: late (past the due moment), on the due day, or earlier."""
        rng, day = self.rng, self.clock.day_minutes
        u = rng.random()
        if u < self.late_share.get(year, 0.015):
            return due_pos + max(30, int(total * rng.uniform(0.02, 0.6)))
        if u < 0.35:
            day_start = (due_pos - 1) // day * day
            return max(start + 30, _between(rng, day_start, due_pos + 1))
        return start + max(30, int(total * rng.uniform(0.15, 0.9)))

    def _bounds(self, start: int, finish: int, steps: tuple) -> list[int]:
        """Positions where each step starts and the last one ends, in allowance proportion
        (with some jitter), at least 5 working minutes apart."""
        total = sum(s.minutes for s in steps) or 1
        span = max(finish - start, 5 * len(steps))
        bounds, acc = [start], 0
        for s in steps[:-1]:
            acc += s.minutes
            share = acc / total * self.rng.uniform(0.85, 1.1)
            bounds.append(max(bounds[-1] + 5, start + int(span * min(share, 0.98))))
        bounds.append(max(bounds[-1] + 5, start + span))
        return bounds

    def _finish(self, batch: Batch, d: _Life, finished: datetime.datetime, refused: bool) -> None:
        rng = self.rng
        d.finished = finished
        d.timeliness = _grade(finished, d.due)
        d.outcome = Outcome.REFUSED if refused else Outcome.COMPLETED
        actor = self._officer(d.unit_id, "unit_head")
        if refused:
            d.status, d.note = DossierStatus.REFUSED, DECISION_REASON
            batch.notices.append(
                (
                    self._notice_id(d.dossier_id, 1),
                    d.dossier_id,
                    NoticeKind.DECISION_REFUSAL,
                    d.note,
                    finished,
                    actor,
                )
            )
            self._audit(
                batch,
                finished,
                actor,
                "onestop.dossier_refused",
                d.dossier_id,
                d.code,
                lambda: {
                    "status": ["processing", "refused"],
                    "finished_at": [None, audit_mod.iso(finished)],
                    "timeliness": ["", d.timeliness],
                    "result_note": ["", d.note],
                },
            )
            return
        d.status = DossierStatus.RESULT_READY
        self._audit(
            batch,
            finished,
            actor,
            "onestop.dossier_result_recorded",
            d.dossier_id,
            d.code,
            lambda: {
                "status": ["processing", "result_ready"],
                "finished_at": [None, audit_mod.iso(finished)],
                "timeliness": ["", d.timeliness],
            },
        )
        returned = finished + datetime.timedelta(minutes=_between(rng, 30, 5 * 24 * 60))
        if returned > self.now or rng.random() < 0.015:
            return
        d.status, d.returned = DossierStatus.RETURNED, returned
        desk_officer = self._officer(d.desk_id, "front_desk_officer")
        self._audit(
            batch,
            returned,
            desk_officer,
            "onestop.dossier_returned",
            d.dossier_id,
            d.code,
            lambda: {
                "status": ["result_ready", "returned"],
                "returned_at": [None, audit_mod.iso(returned)],
            },
        )
        if d.applicant_id is not None and rng.random() < 0.2:
            rated = returned + datetime.timedelta(minutes=_between(rng, 10, 2 * 24 * 60))
            if rated <= self.now:
                score = rng.choice((3, 4, 4, 5, 5, 5, 5, 2))
                batch.ratings.append(
                    (
                        self.ids.rating + d.dossier_id - self.ids.dossier,
                        d.dossier_id,
                        d.unit_id,
                        score,
                        rng.choice(COMMENTS),
                        rated,
                    )
                )
                self._audit(
                    batch,
                    rated,
                    None,
                    AuditAction.DOSSIER_RATED,
                    d.dossier_id,
                    d.code,
                    {"score": score, "unit": d.unit_id},
                )

    def _open(self, batch: Batch, d: _Life, step_id: int, step: tuple) -> str:
        """A dossier still in processing at ``now``: a tenth wait for a supplement (paused)."""
        d.status = DossierStatus.PROCESSING
        if self.rng.random() >= 0.1:
            return InstanceStatus.RUNNING
        entered = step[7]
        span = max(1, int((self.now - entered).total_seconds() // 60))
        started = entered + datetime.timedelta(minutes=_below(self.rng, span))
        actor = self._officer(step[4], step[5])
        batch.pauses.append(
            (
                self.ids.pause + d.dossier_id - self.ids.dossier,
                d.instance_id,
                step_id,
                SUPPLEMENT_REASON,
                True,
                started,
                actor,
            )
        )
        batch.notices.append(
            (
                self._notice_id(d.dossier_id, 1),
                d.dossier_id,
                NoticeKind.SUPPLEMENT,
                SUPPLEMENT_REASON,
                started,
                actor,
            )
        )
        d.status = DossierStatus.SUPPLEMENT_REQUESTED
        self._audit(
            batch,
            started,
            actor,
            "onestop.dossier_supplement_requested",
            d.dossier_id,
            d.code,
            {"status": ["processing", "supplement_requested"]},
        )
        return InstanceStatus.PAUSED


_FINISHED = (DossierStatus.RESULT_READY, DossierStatus.RETURNED, DossierStatus.REFUSED)
_STREETS = (
    "Phan Đình Phùng",
    "Đội Cấn",
    "Kim Mã",
    "Giảng Võ",
    "Láng Hạ",
    "Tây Sơn",
    "Xã Đàn",
    "Giải Phóng",
    "Trường Chinh",
    "Nguyễn Trãi",
    "Cầu Giấy",
    "Xuân Thủy",
    "Phạm Văn Đồng",
    "Nguyễn Văn Cừ",
    "Lạc Long Quân",
    "Minh Khai",
    "Quang Trung",
    "Trần Phú",
    "Hai Bà Trưng",
    "Thụy Khuê",
)


def _below(rng: random.Random, n: int) -> int:
    """``rng.randrange(n)`` without its checks (three times faster; same distribution up to
    float rounding)."""
    return int(rng.random() * n)


def _between(rng: random.Random, low: int, high: int) -> int:
    return low + int(rng.random() * (high - low))


def _grade(left: datetime.datetime, due: datetime.datetime) -> str:
    """``workflow.rules.timeliness_grade`` (local days)."""
    if left > due:
        return Timeliness.LATE
    if left.date() == due.date():  # both local (Asia/Ho_Chi_Minh) moments
        return Timeliness.ON_TIME
    return Timeliness.EARLY


@dataclass
class _Life:
    dossier_id: int
    proc: Proc
    unit_id: int
    desk_id: int
    channel: str
    ruleset_id: int | None
    received: datetime.datetime
    name: str
    applicant_id: int | None
    code: str | None = None
    created: datetime.datetime | None = None
    submitted: datetime.datetime | None = None
    status: str = DossierStatus.SUBMITTED
    note: str = ""
    instance_id: int | None = None
    due: datetime.datetime | None = None
    finished: datetime.datetime | None = None
    returned: datetime.datetime | None = None
    timeliness: str = ""
    outcome: str = ""
    version: int = 2

    @property
    def initial_status(self) -> str:
        return DossierStatus.SUBMITTED if self.channel == Channel.ONLINE else DossierStatus.DRAFT
