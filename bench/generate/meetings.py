"""The conference of issue 19's scale: an online conference of the city to the connected
points of all its communes (579 in the Hà Nội of 2020), with ``PARTICIPANTS`` named
participants who check in and vote through the app's real routes in ``bench.run``.

The participants are generated officers (``people.officers_create``): the district chairs,
then every commune's chair, clerk and specialists, in the org tree's order, up to the count.
Each invitee carries its own check-in code (from the seeded stream, unique), has confirmed
and is not checked in yet; each commune is a connected point with its chair as the
responsible officer. The meeting is invited (check-in and votes are open in that state), and
has one agenda item on which the run opens its votes with the app's ``vote_open``.

Rows are written in bulk like the rest of the generator: no audit entries for them.
"""

from __future__ import annotations

import base64
import datetime
import random
from dataclasses import dataclass

from bench.generate.people import Staff
from bench.generate.sink import Sink, table_spec
from egov.meetings.choices import MeetingKind, MeetingStatus, Response
from egov.meetings.models import AgendaItem, ConnectedPoint, Invitee, Meeting
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import OrgUnit
from egov.workdays.rules import VN_TZ

PARTICIPANTS = 2000
TITLE = "Hội nghị trực tuyến triển khai nhiệm vụ chuyển đổi số năm 2027"
MODELS = (Meeting, AgendaItem, Invitee, ConnectedPoint)
MEETING_COLUMNS = (
    "id",
    "kind",
    "title",
    "host_unit_id",
    "chair_id",
    "starts_at",
    "planned_minutes",
    "place",
    "online_url",
    "status",
    "invited_at",
    "quorum_percent",
    "created_by_id",
    "created_at",
)
ITEM_COLUMNS = (
    "id",
    "meeting_id",
    "order",
    "number",
    "path",
    "title",
    "presenter",
    "planned_minutes",
)
INVITEE_COLUMNS = ("id", "meeting_id", "person_id", "response", "checkin_code")
POINT_COLUMNS = ("id", "meeting_id", "unit_id", "place", "officer_id")
ITEMS = (
    ("Báo cáo kết quả chuyển đổi số năm 2026", "Sở Thông tin và Truyền thông", 40),
    ("Dự thảo Kế hoạch chuyển đổi số năm 2027", "Văn phòng UBND Thành phố", 50),
    ("Thảo luận và biểu quyết thông qua Kế hoạch", "Chủ tọa", 30),
)


@dataclass
class ConferencePlan:
    """What the run needs: the meeting, its voting item and its chair."""

    meeting_id: int | None = None
    item_id: int | None = None
    chair_id: int | None = None
    invitees: int = 0
    points: int = 0


def _participants(staff: Staff, count: int) -> list[int]:
    """District chairs, then each commune's chair, clerk and specialists, up to ``count``."""
    districts = OrgUnit.objects.active().filter(kind=UnitKind.DISTRICT).order_by("path")
    communes = list(
        OrgUnit.objects.active().filter(kind=UnitKind.COMMUNE).order_by("path").values("id")
    )
    people = [u for d in districts.values("id") for u in staff.of(d["id"], Role.UNIT_HEAD)]
    for role in (Role.UNIT_HEAD, Role.CLERK, Role.SPECIALIST):
        for commune in communes:
            people.extend(staff.of(commune["id"], role))
    seen, out = set(), []
    for person in people:
        if person not in seen:
            seen.add(person)
            out.append(person)
    return out[:count]


def conference_create(
    sink: Sink,
    staff: Staff,
    rng: random.Random,
    until: datetime.date,
    participants: int = PARTICIPANTS,
) -> ConferencePlan:
    """Write the conference, its agenda, its invitees and its connected points."""
    plan = ConferencePlan()
    city = OrgUnit.objects.active().filter(kind=UnitKind.PROVINCE).order_by("path").first()
    chair = staff.of(city.pk, Role.UNIT_HEAD) if city else []
    people = _participants(staff, participants)
    if not chair or not people:
        return plan
    starts = datetime.datetime.combine(until, datetime.time(8, 0), tzinfo=VN_TZ)
    invited = starts - datetime.timedelta(days=7)
    meeting_id = sink.next_id(Meeting)
    sink.copy(
        table_spec(Meeting, MEETING_COLUMNS),
        [
            (
                meeting_id,
                MeetingKind.ONLINE_CONFERENCE,
                TITLE,
                city.pk,
                chair[0],
                starts,
                sum(minutes for *_, minutes in ITEMS),
                "Trụ sở UBND Thành phố, 79 Đinh Tiên Hoàng",
                "https://meet.jit.si/hanoi-hoi-nghi-chuyen-doi-so-2027",
                MeetingStatus.INVITED,
                invited,
                50,
                chair[0],
                invited,
            )
        ],
    )
    first_item = sink.next_id(AgendaItem)
    sink.copy(
        table_spec(AgendaItem, ITEM_COLUMNS),
        [
            (
                first_item + n,
                meeting_id,
                n + 1,
                str(n + 1),
                f"{n + 1:04d}",
                title,
                presenter,
                minutes,
            )
            for n, (title, presenter, minutes) in enumerate(ITEMS)
        ],
    )
    first_invitee = sink.next_id(Invitee)
    codes = set()
    while len(codes) < len(people):
        # as ``meetings.models.new_checkin_code`` makes one: URL-safe base64 of 32 bytes
        codes.add(base64.urlsafe_b64encode(rng.randbytes(32)).rstrip(b"=").decode())
    sink.copy(
        table_spec(Invitee, INVITEE_COLUMNS),
        [
            (first_invitee + n, meeting_id, person, Response.CONFIRMED, code)
            for n, (person, code) in enumerate(zip(people, sorted(codes), strict=True))
        ],
    )
    communes = OrgUnit.objects.active().filter(kind=UnitKind.COMMUNE).order_by("path")
    first_point = sink.next_id(ConnectedPoint)
    points = [
        (unit_id, staff.of(unit_id, Role.UNIT_HEAD))
        for unit_id in communes.values_list("id", flat=True)
    ]
    rows = [
        (first_point + n, meeting_id, unit_id, "Hội trường UBND", officers[0])
        for n, (unit_id, officers) in enumerate(p for p in points if p[1])
    ]
    sink.copy(table_spec(ConnectedPoint, POINT_COLUMNS), rows)
    plan.meeting_id, plan.item_id, plan.chair_id = meeting_id, first_item + len(ITEMS) - 1, chair[0]
    plan.invitees, plan.points = len(people), len(rows)
    return plan
