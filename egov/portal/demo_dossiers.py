"""Demo dossiers: a few hundred one-stop dossiers in every state, so a new user of the demo sees
a living system: at Phường Ba Đình on the current two-level structure (hanoi-2025 dataset), or
at Quận Ba Đình and its wards on the three-level one (hanoi-2020).

Demo history is produced by replaying the real services at past moments: each dossier's life
(registration at the desk or online submission, receipt, forwards through its internal
procedure — including the liên thông step at Sở Xây dựng: the ward's building permit 1.013225
on two levels, HN-040 on three —, supplement requests,
apologies, results, returns, ratings) is run through the one-stop services while
``django.utils.timezone.now`` is patched to the moment of each action, stepping forward over
the last ~60 days and never after the present. Every row, dossier code, deadline and audit
entry is therefore exactly as the real services make them; nothing is written to the tables
directly. Deterministic for a
given ``seed`` and start moment. Only for the demo (``egov start`` with EGOV_DEBUG=1).
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.common.exceptions import DomainError
from egov.common.testing import files as samples
from egov.integration.services.remote_signing import remote_signing_available
from egov.integration.simulators import csc
from egov.integration.simulators.inprocess import simulators_in_process
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier, Procedure
from egov.onestop.selectors.dossier_detail import may_act_on_step
from egov.onestop.services.desk import (
    dossier_receive,
    dossier_refuse_at_desk,
    dossier_register_at_desk,
)
from egov.onestop.services.figures import figures_refresh_range
from egov.onestop.services.online import dossier_draft_save, dossier_submit
from egov.onestop.services.processing import (
    current_step,
    dossier_forward,
    dossier_request_supplement,
    has_step,
    instance_of,
)
from egov.onestop.services.processing_apology import dossier_apologize
from egov.onestop.services.processing_result import (
    dossier_record_result,
    dossier_refuse,
    dossier_return_result,
)
from egov.onestop.services.ratings import dossier_rate
from egov.onestop.services.signing import dossier_application_sign
from egov.onestop.services.uploads import dossier_file_upload
from egov.orgs.models import OrgUnit

HISTORY_DAYS = 60
# Every this many dossiers, one submitted online has its application signed from the phone
# (a handful: each signature renders two PDFs, and the demo must load in about a minute).
SIGNED_EVERY = 8
DESK_OFFICER = "motcua.badinh@hanoi.demo"
# The People's Committee the demo's one-stop desk serves: a district of the three-level
# structure, else the ward of the two-level one.
LOCAL_UNITS = (("district", "Quận Ba Đình"), ("commune", "Phường Ba Đình"))
# The demo citizen printed at start: the applicant of the first dossiers (one in each state).
MAIN_CITIZEN = "an.nguyen@hanoi.demo"
# Tried in this order for each step (ADR 0005); the chairman covers the whole local unit.
STEP_OFFICERS = (
    "motcua.badinh@hanoi.demo",
    "chuyenvien.qldt.badinh@hanoi.demo",
    "chuyenvien.sxd@hanoi.demo",
    "truongphong.qldt.badinh@hanoi.demo",
    "vanthu.badinh@hanoi.demo",
    "chutich.badinh@hanoi.demo",
)
DISTRICT_PROCEDURES = ("HN-040", "HN-042")
WARD_PROCEDURES = ("2.000908", "1.001193", "1.004873", "1.001612")
# Without districts, the ward's longer procedures take the district's part in the stories: the
# building permit, with its liên thông step at Sở Xây dựng, as the long one.
WARD_LONG, WARD_OTHER = "1.013225", "1.004873"

# (full name, citizen ID, phone, e-mail, address)
CITIZENS = [
    ("Trần Thị Bình", "001190023451", "0903112233", "binh.tran", "12 Phan Đình Phùng"),
    ("Lê Văn Cường", "001088034562", "0904223344", "cuong.le", "25 Đội Cấn"),
    ("Phạm Thị Dung", "001192045673", "0905334455", "dung.pham", "8 Kim Mã"),
    ("Hoàng Văn Em", "001085056784", "0906445566", "em.hoang", "41 Giảng Võ"),
    ("Vũ Thị Giang", "001195067895", "0907556677", "giang.vu", "3 Ngọc Hà"),
    ("Đặng Văn Hải", "001079078906", "0908667788", "hai.dang", "17 Liễu Giai"),
    ("Bùi Thị Hạnh", "001198089017", "0909778899", "hanh.bui", "6 Quán Thánh"),
    ("Đỗ Văn Hùng", "001082090128", "0911889900", "hung.do", "90 Nguyễn Thái Học"),
    ("Ngô Thị Lan", "001191101239", "0912990011", "lan.ngo", "14 Cống Vị"),
    ("Dương Văn Long", "001087112340", "0913001122", "long.duong", "55 Đội Cấn"),
    ("Lý Thị Mai", "001196123451", "0914112233", "mai.ly", "2 Vĩnh Phúc"),
    ("Trịnh Văn Nam", "001080134562", "0915223344", "nam.trinh", "31 Phúc Xá"),
    ("Phan Thị Nga", "001193145673", "0916334455", "nga.phan", "9 Trúc Bạch"),
    ("Mai Văn Phúc", "001086156784", "0917445566", "phuc.mai", "70 Thành Công"),
    ("Tạ Thị Quỳnh", "001197167895", "0918556677", "quynh.ta", "19 Ngọc Khánh"),
    ("Hồ Văn Sơn", "001084178906", "0919667788", "son.ho", "48 Điện Biên Phủ"),
    ("Cao Thị Thảo", "001194189017", "0981778899", "thao.cao", "5 Nguyễn Trung Trực"),
    ("Lương Văn Tuấn", "001083190128", "0982889900", "tuan.luong", "27 Kim Mã Thượng"),
    ("Kiều Thị Uyên", "001199201239", "0983990011", "uyen.kieu", "11 Văn Cao"),
    ("Chu Văn Vinh", "001081212340", "0984001122", "vinh.chu", "63 Hoàng Hoa Thám"),
]

# Scenario → weight. Each scenario is the state a dossier is left in (when its history fits
# before now); the first len(SCENARIOS) dossiers take one each, so every state appears.
SCENARIOS = {
    "submitted": 6,
    "refused_at_desk": 5,
    "supplement": 8,
    "processing": 22,
    "overdue": 6,
    "apology": 5,
    "refused": 4,
    "result_ready": 10,
    "returned": 34,
}
COMMENTS = (
    "Cán bộ hướng dẫn tận tình.",
    "Trả kết quả đúng hẹn, thủ tục nhanh gọn.",
    "Hài lòng.",
    "Thời gian chờ ở bộ phận một cửa hơi lâu.",
    "Nộp trực tuyến thuận tiện.",
    "",
)


def demo_citizens_create(password: str) -> list[User]:
    """The extra demo citizens (applicants of the demo dossiers)."""
    return [
        public_account_register(
            full_name=name,
            password=password,
            phone=phone,
            email=f"{mail}@hanoi.demo",
            citizen_id=cid,
        )
        for name, cid, phone, mail, _address in CITIZENS
    ]


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _office_before(moment: datetime.datetime) -> datetime.datetime:
    """The latest office-hours moment (Mon–Fri 8:00–17:00, local time) before ``moment``."""
    local = timezone.localtime(moment) - datetime.timedelta(minutes=10)
    while local.weekday() >= 5 or not 8 <= local.hour < 17:
        if local.weekday() < 5 and local.hour >= 17:
            local = local.replace(hour=16, minute=45)
        else:
            local = (local - datetime.timedelta(days=1)).replace(hour=16, minute=45)
    return local


def _office(moment: datetime.datetime) -> datetime.datetime:
    """The moment moved into office hours (Mon–Fri 8:00–17:00, local time)."""
    local = timezone.localtime(moment)
    if local.hour >= 17:
        local = (local + datetime.timedelta(days=1)).replace(hour=8, minute=local.minute)
    elif local.hour < 8:
        local = local.replace(hour=8)
    while local.weekday() >= 5:
        local = (local + datetime.timedelta(days=1)).replace(hour=8)
    return local


@dataclass
class World:
    """What the generator needs, looked up once."""

    rng: random.Random
    now: datetime.datetime
    desk: OrgUnit
    district: OrgUnit  # the local People's Committee (a district, or the ward itself)
    wards: list[OrgUnit]
    officers: dict[str, User]
    citizens: list[tuple[User, str]]
    main_citizen: tuple[User, str] | None
    procedures: dict[str, Procedure]
    long_code: str = "HN-040"
    other_code: str = "HN-042"


class Life:
    """One dossier's life, replayed moment by moment; stops quietly at the present."""

    def __init__(self, world: World, start: datetime.datetime, index: int = 0) -> None:
        self.world, self.moment, self.index = world, _office(start), index
        if self.moment >= world.now:  # office hours start after the present: the last ones
            self.moment = _office_before(world.now)
        self.dossier: Dossier | None = None

    def at(self, moment: datetime.datetime) -> bool:
        moment = _office(max(moment, self.moment + datetime.timedelta(minutes=7)))
        if moment >= self.world.now:
            return False
        self.moment = moment
        return True

    def run(self, service: Callable[..., Any], **kwargs: Any) -> Any:
        with _at(self.moment):
            return service(**kwargs)

    def step_actor(self) -> User:
        step = current_step(instance_of(self.dossier))
        for email in STEP_OFFICERS:
            if may_act_on_step(self.world.officers[email], step):
                return self.world.officers[email]
        return self.world.officers[STEP_OFFICERS[-1]]

    def is_last_step(self) -> bool:
        instance = instance_of(self.dossier)
        return not has_step(instance, current_step(instance).step_definition.order + 1)

    def act(self, service: Callable[..., Any], **kwargs: Any) -> None:
        self.dossier = self.run(service, actor=self.step_actor(), dossier=self.dossier, **kwargs)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, samples.pdf(), content_type="application/pdf")


def _applicant(life: Life) -> tuple[User, str]:
    """The main demo citizen for the first dossiers (one in each state), else any."""
    world = life.world
    if world.main_citizen is not None and life.index < len(SCENARIOS):
        return world.main_citizen
    return world.rng.choice(world.citizens)


def _register_direct(life: Life, procedure: Procedure, index: int) -> None:
    user, address = _applicant(life)
    life.dossier = life.run(
        dossier_register_at_desk,
        actor=life.world.officers[DESK_OFFICER],
        desk_unit=life.world.desk,
        procedure=procedure,
        applicant=user,
        applicant_name=user.full_name,
        applicant_id_number=user.citizen_id,
        applicant_phone=user.phone or "",
        applicant_email=user.email or "",
        applicant_address=address,
        checked_document_ids=list(procedure.documents.values_list("pk", flat=True)),
        idempotency_key=f"demo-desk-{index:05d}",
    )


def _submit_online(life: Life, procedure: Procedure, unit: OrgUnit, index: int) -> None:
    user, _address = _applicant(life)
    dossier = life.run(dossier_draft_save, actor=user, procedure=procedure, form_data={})
    for document in procedure.documents.filter(is_required=True, condition="").exclude(
        submit_mode="present"
    ):
        life.run(
            dossier_file_upload,
            actor=user,
            dossier=dossier,
            upload=_pdf(f"giay-to-{document.pk}.pdf"),
            required_document=document,
        )
    if index % SIGNED_EVERY == 0 and remote_signing_available():
        _sign_from_phone(life, user, dossier)
    life.at(life.moment + datetime.timedelta(minutes=20))
    life.dossier = life.run(
        dossier_submit,
        actor=user,
        dossier=dossier,
        idempotency_key=f"demo-online-{index:05d}",
        unit=unit,
        declared=True,
    )


def _sign_from_phone(life: Life, user: User, dossier: Dossier) -> None:
    """The applicant signs the application from their phone (the remote-signing simulator,
    reached in this process: the server does not listen yet; its phone shows 123456)."""
    with simulators_in_process():
        life.run(dossier_application_sign, actor=user, dossier=dossier, otp=csc.PHONE_CODE)


def _receive(life: Life, unit: OrgUnit) -> None:
    life.dossier = life.run(
        dossier_receive,
        actor=life.world.officers[DESK_OFFICER],
        dossier=life.dossier,
        competent_unit=unit,
    )


def _walk(life: Life, pace: float, stop_before_last: int = 0, steps: int | None = None) -> bool:
    """Forward through the steps at ``pace`` (share of the time limit used); True at the last
    step. ``steps`` limits the number of forwards."""
    dossier = life.dossier
    span = (dossier.due_at - dossier.received_at) * pace
    count = instance_of(dossier).definition.steps.count()
    gap = span / max(count, 1)
    done = 0
    while not life.is_last_step() and (steps is None or done < steps):
        if not life.at(life.moment + gap * life.world.rng.uniform(0.7, 1.3)):
            return False
        life.act(dossier_forward, note="Chuyển bước tiếp theo.")
        done += 1
    return life.is_last_step() and life.at(life.moment + gap)


def _finish(life: Life, index: int, returned: bool) -> None:
    life.act(dossier_record_result, file=_pdf("ket-qua.pdf"), note="Đã giải quyết.")
    if not returned or not life.at(
        life.moment + datetime.timedelta(hours=life.world.rng.uniform(2, 40))
    ):
        return
    life.dossier = life.run(
        dossier_return_result, actor=life.world.officers[DESK_OFFICER], dossier=life.dossier
    )
    rng = life.world.rng
    if rng.random() < 0.6 and life.at(life.moment + datetime.timedelta(hours=3)):
        life.run(
            dossier_rate,
            actor=life.dossier.applicant,
            dossier=life.dossier,
            score=rng.choice((3, 4, 4, 5, 5, 5)),
            comment=rng.choice(COMMENTS),
        )


def _pace(rng: random.Random) -> float:
    """The share of the time limit used: mostly early or on time, a fifth late."""
    low, high = rng.choices(((0.2, 0.45), (0.5, 0.8), (1.1, 1.5)), weights=(35, 45, 20))[0]
    return rng.uniform(low, high)


def _play(world: World, scenario: str, index: int) -> None:
    rng = world.rng
    long_one = scenario in ("overdue", "apology") or (
        scenario != "submitted" and rng.random() < 0.4
    )
    online = scenario == "submitted" or (not long_one and rng.random() < 0.45)
    if long_one:
        code, unit = world.long_code, world.district
    elif online or rng.random() < 0.6:
        code, unit = rng.choice(WARD_PROCEDURES), rng.choice(world.wards)
    else:
        code, unit = world.other_code, world.district
    ages = {"processing": (0.2, 20 if long_one else 1.5), "overdue": (30, 55)}
    ages["submitted"] = (0.05, 3)
    low, high = ages.get(scenario, (35 if long_one else 2, HISTORY_DAYS))
    life = Life(world, world.now - datetime.timedelta(days=rng.uniform(low, high)), index)
    procedure = world.procedures[code]
    if online:
        _submit_online(life, procedure, unit, index)
        if scenario == "submitted" or not life.at(life.moment + datetime.timedelta(hours=5)):
            return
    else:
        _register_direct(life, procedure, index)
        life.at(life.moment + datetime.timedelta(minutes=15))
    if scenario == "refused_at_desk":
        life.dossier = life.run(
            dossier_refuse_at_desk,
            actor=world.officers[DESK_OFFICER],
            dossier=life.dossier,
            reason="Hồ sơ không thuộc thẩm quyền giải quyết của cơ quan.",
        )
        return
    _receive(life, unit)
    if scenario == "supplement":
        _walk(life, 0.3, steps=1)
        if life.at(life.moment + datetime.timedelta(hours=2)):
            life.act(
                dossier_request_supplement,
                reason="Bổ sung bản vẽ mặt bằng và giấy tờ chứng minh quyền sử dụng đất.",
            )
        return
    if scenario in ("processing", "overdue"):
        _walk(life, 0.5 if scenario == "processing" else 1.4, steps=rng.randint(0, 2))
        return
    if scenario == "apology":
        _walk(life, 0.4, steps=2)
        if life.dossier.status == DossierStatus.PROCESSING and life.at(
            life.moment + datetime.timedelta(hours=2)
        ):
            try:
                life.act(
                    dossier_apologize,
                    new_due_at=life.dossier.due_at + datetime.timedelta(days=7),
                    reason="Cần thêm thời gian lấy ý kiến Sở Xây dựng.",
                )
            except DomainError:
                return
            if rng.random() < 0.5 and _walk(life, 0.6):
                _finish(life, index, returned=True)
        return
    if not _walk(life, _pace(rng)):
        return
    if scenario == "refused":
        life.act(dossier_refuse, reason="Hồ sơ không đủ điều kiện theo quy định.")
    else:
        _finish(life, index, returned=scenario == "returned")


def _local_unit() -> OrgUnit:
    for kind, name in LOCAL_UNITS:
        unit = OrgUnit.objects.active().filter(kind=kind, name=name).first()
        if unit is not None:
            return unit
    raise OrgUnit.DoesNotExist("The demo dossiers need Quận Ba Đình or Phường Ba Đình.")


def _world(seed: int) -> World:
    local = _local_unit()
    three_level = local.kind == "district"
    emails = {*STEP_OFFICERS, DESK_OFFICER}
    addresses = {f"{mail}@hanoi.demo": address for *_x, mail, address in CITIZENS}
    citizens = User.objects.filter(email__in=addresses).order_by("pk")
    main = User.objects.filter(email=MAIN_CITIZEN).first()
    codes = (
        (*DISTRICT_PROCEDURES, *WARD_PROCEDURES) if three_level else (*WARD_PROCEDURES, WARD_LONG)
    )
    wards = OrgUnit.objects.active().filter(kind="commune", parent=local).order_by("path")
    return World(
        rng=random.Random(seed),  # noqa: S311 - reproducible demo data, not secrets
        now=timezone.now(),
        desk=OrgUnit.objects.active().get(kind="one_stop_desk", parent=local),
        district=local,
        wards=list(wards) if three_level else [local],
        officers={u.email: u for u in User.objects.filter(email__in=emails)},
        citizens=[(u, addresses[u.email]) for u in citizens],
        main_citizen=(main, "15 Đội Cấn") if main is not None else None,
        procedures={
            code: Procedure.objects.filter(code=code, is_active=True).order_by("-version")[0]
            for code in codes
        },
        long_code="HN-040" if three_level else WARD_LONG,
        other_code="HN-042" if three_level else WARD_OTHER,
    )


def demo_dossiers_load(*, count: int = 300, seed: int = 2026) -> dict[str, int]:
    """Replay ``count`` dossier lives over the last 60 days, refresh the figures of that
    range, and return the number of dossiers per status."""
    world = _world(seed)
    names = list(SCENARIOS)
    for index in range(count):
        scenario = (
            names[index]
            if index < len(names)
            else world.rng.choices(names, weights=list(SCENARIOS.values()))[0]
        )
        _play(world, scenario, index)
    today = timezone.localdate(world.now)
    figures_refresh_range(day_from=today - datetime.timedelta(days=HISTORY_DAYS + 1), day_to=today)
    counts = Counter(Dossier.objects.values_list("status", flat=True))
    return dict(sorted(counts.items()))
