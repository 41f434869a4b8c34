"""A decade of official documents of the city's units: outgoing documents numbered in each
unit's register (per series and year, as ``NumberRegister`` counts them), incoming documents
with arrival numbers, and the register rows left where the numbering stands.

``search_text`` is filled the way the documents app fills it (:func:`search_columns`, the
documents app's own ``search_fields``), so accent-insensitive search
finds generated documents exactly as it finds documents made through the services.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from bench.generate import names
from bench.generate.sink import Sink, table_spec
from bench.generate.world import World
from egov.documents.models import Document, DocumentType, NumberRegister
from egov.orgs.choices import UnitKind
from egov.workdays.rules import VN_TZ

COLUMNS = (
    "id",
    "direction",
    "status",
    "doc_type_id",
    "unit_id",
    "drafting_unit_id",
    "number",
    "notation",
    "number_notation",
    "year",
    "series",
    "issued_on",
    "place",
    "subject",
    "signer_name",
    "signer_position",
    "urgency",
    "secrecy",
    "due_on",
    "sender_name",
    "sender_agency_code",
    "sender_unit_id",
    "arrival_number",
    "arrived_at",
    "channel",
    "version",
    "created_at",
    "updated_at",
    "search_text",
    "signer_key",
)
ACTIONS = (
    "triển khai",
    "tăng cường",
    "đẩy mạnh",
    "tổ chức thực hiện",
    "kiểm tra",
    "rà soát",
    "báo cáo kết quả",
    "hướng dẫn thực hiện",
    "phê duyệt",
    "chấn chỉnh",
    "tổng kết",
    "góp ý dự thảo",
    "xử lý kiến nghị về",
    "bố trí kinh phí cho",
    "đôn đốc thực hiện",
)
TOPICS = (
    "cải cách hành chính",
    "chuyển đổi số",
    "phòng cháy chữa cháy",
    "an toàn giao thông",
    "vệ sinh an toàn thực phẩm",
    "phòng chống dịch bệnh",
    "giải phóng mặt bằng",
    "quản lý trật tự xây dựng",
    "thu ngân sách nhà nước",
    "đầu tư công",
    "bảo vệ môi trường",
    "công tác dân số",
    "giáo dục nghề nghiệp",
    "bầu cử",
    "phòng chống tham nhũng",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "dịch vụ công trực tuyến",
    "chỉ số hài lòng của người dân",
    "thi đua khen thưởng",
    "phòng chống thiên tai",
    "quản lý chợ",
    "trật tự đô thị",
    "hỗ trợ người có công",
    "an sinh xã hội",
    "kế hoạch phát triển kinh tế - xã hội",
)
POSITIONS = ("Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Chánh Văn phòng")


def search_columns(
    *, number_notation: str, subject: str, sender_name: str, signer_name: str
) -> tuple[str, str]:
    """``search_text`` and ``signer_key`` as the documents app computes them
    (``documents.services.common.search_fields``)."""
    from types import SimpleNamespace

    from egov.documents.services.common import search_fields

    fields = search_fields(
        SimpleNamespace(
            number_notation=number_notation,
            subject=subject,
            body="",
            sender_name=sender_name,
            signer_name=signer_name,
        )
    )
    return fields["search_text"], fields["signer_key"]


@dataclass
class Registers:
    """Where each register's numbering stands: (unit, series, year) -> last number."""

    last: dict[tuple[int, str, int], int] = field(default_factory=dict)

    def next(self, unit_id: int, series: str, year: int) -> int:
        number = self.last.get((unit_id, series, year), 0) + 1
        self.last[(unit_id, series, year)] = number
        return number


@dataclass
class DocumentPlan:
    """What the tasks generator needs: directives (id, unit, issued_on) it may hang tasks on."""

    directives: list[tuple[int, int, datetime.date]] = field(default_factory=list)


def _issuers(world: World) -> list[int]:
    kinds = (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.DEPARTMENT, UnitKind.COMMUNE)
    return [u.id for u in world.units.values() if u.kind in kinds]


def documents_rows(
    world: World,
    rng: random.Random,
    count: int,
    days: list[datetime.date],
    now: datetime.datetime,
    first_id: int,
    plan: DocumentPlan,
    registers: Registers,
    types: list[DocumentType],
) -> Iterator[tuple]:
    """Rows of ``count`` documents (no query here: the connection is busy with the COPY)."""
    typed = [t for t in types if t.abbreviation]
    letter = next((t for t in types if not t.abbreviation), types[0])
    issuers = _issuers(world)
    per_day, extra = divmod(count, len(days))
    doc_id = first_id
    for index, day in enumerate(days):
        for _ in range(per_day + (index < extra)):
            unit_id = issuers[rng.randrange(len(issuers))]
            if rng.random() < 0.45:
                doc_type = rng.choice(typed) if rng.random() < 0.35 else letter
                row = _outgoing(world, rng, doc_id, day, unit_id, doc_type, registers)
                if doc_type.assigns_tasks and world.units[unit_id].kind != UnitKind.COMMUNE:
                    plan.directives.append((doc_id, unit_id, day))
            else:
                row = _incoming(world, rng, doc_id, day, unit_id, typed, now, registers)
            yield row
            doc_id += 1


def _short(world: World, unit_id: int) -> str:
    """The issuer's group of a notation: UBND for a People's Committee, else the body's own
    abbreviation (SXD, STTTT...)."""
    unit = world.units[unit_id]
    if unit.kind in (UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE):
        return "UBND"
    return _ABBR.get(unit.name) or "VP"


_ABBR: dict[str, str] = {}


def _subject(rng: random.Random, world: World, unit_id: int, day: datetime.date) -> str:
    place = world.units[unit_id].name
    return f"V/v {rng.choice(ACTIONS)} {rng.choice(TOPICS)} trên địa bàn {place} năm {day.year}"


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    minute = rng.randrange(8 * 60, 17 * 60)
    return datetime.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=VN_TZ)


def _outgoing(
    world: World,
    rng: random.Random,
    doc_id: int,
    day: datetime.date,
    unit_id: int,
    doc_type: DocumentType,
    registers: Registers,
) -> tuple:
    number = registers.next(unit_id, "general", day.year)
    issuer = _short(world, unit_id)
    notation = f"{doc_type.abbreviation}-{issuer}" if doc_type.abbreviation else f"{issuer}-VP"
    number_notation = f"{number:02d}/{notation}"
    subject = _subject(rng, world, unit_id, day)
    signer = names.person_name(rng)
    moment = _moment(day, rng)
    return (
        doc_id,
        "outgoing",
        "issued",
        doc_type.id,
        unit_id,
        None,
        number,
        notation,
        number_notation,
        day.year,
        "general",
        day,
        "Hà Nội",
        subject,
        signer,
        rng.choice(POSITIONS),
        "normal",
        "none",
        None,
        "",
        "",
        None,
        None,
        None,
        "",
        1,
        moment,
        moment,
        *search_columns(
            number_notation=number_notation, subject=subject, sender_name="", signer_name=signer
        ),
    )


def _incoming(
    world: World,
    rng: random.Random,
    doc_id: int,
    day: datetime.date,
    unit_id: int,
    typed: list[DocumentType],
    now: datetime.datetime,
    registers: Registers,
) -> tuple:
    sender_id = rng.choice(world.districts + world.departments)
    sender = world.units[sender_id]
    doc_type = rng.choice(typed)
    number_notation = (
        f"{rng.randint(1, 3000):02d}/{doc_type.abbreviation}-{_short(world, sender_id)}"
    )
    arrival = registers.next(unit_id, "incoming", day.year)
    arrived = _moment(day, rng)
    age = (now - arrived).days
    status = (
        "completed"
        if age > 60
        else rng.choice(("registered", "assigned", "in_progress", "completed"))
    )
    subject = _subject(rng, world, sender_id, day)
    signer = names.person_name(rng)
    due_on = day + datetime.timedelta(days=rng.randint(5, 30)) if rng.random() < 0.3 else None
    return (
        doc_id,
        "incoming",
        status,
        doc_type.id,
        unit_id,
        None,
        None,
        "",
        number_notation,
        day.year,
        "",
        day - datetime.timedelta(days=rng.randint(0, 3)),
        "",
        subject,
        signer,
        rng.choice(POSITIONS),
        "urgent" if rng.random() < 0.05 else "normal",
        "none",
        due_on,
        sender.name,
        sender.agency_code,
        sender_id,
        arrival,
        arrived,
        rng.choice(("platform", "edxml", "paper")),
        1,
        arrived,
        arrived,
        *search_columns(
            number_notation=number_notation,
            subject=subject,
            sender_name=sender.name,
            signer_name=signer,
        ),
    )


def documents_create(
    sink: Sink,
    world: World,
    rng: random.Random,
    count: int,
    days: list[datetime.date],
    now: datetime.datetime,
) -> DocumentPlan:
    """Write ``count`` documents spread over ``days`` and the registers' counters."""
    from egov.orgs.models import OrgUnit

    _ABBR.update(dict(OrgUnit.objects.exclude(short_name="").values_list("name", "short_name")))
    plan, registers = DocumentPlan(), Registers()
    first = sink.next_id(Document)
    types = list(DocumentType.objects.order_by("order", "name"))
    sink.copy(
        table_spec(Document, COLUMNS),
        documents_rows(world, rng, count, days, now, first, plan, registers, types),
    )
    register_id = sink.next_id(NumberRegister)
    sink.copy(
        table_spec(NumberRegister, ("id", "unit_id", "series", "year", "last_number")),
        (
            (register_id + i, unit_id, series, year, last)
            for i, ((unit_id, series, year), last) in enumerate(sorted(registers.last.items()))
        ),
    )
    return plan
