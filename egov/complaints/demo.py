"""Hà Nội demo data of citizen reception and petitions, in the ward (or district) the portal
demo's people work in: published reception days, a reception book with visits (one a group
with representatives, one refused), and a dozen petitions in every state — registered, sent on
the portal by the demo citizen, accepted, verified, in dialogue, settled on time and late, a
denunciation extended whose denouncer only its handler sees, an anonymous one kept on file,
transferred, guided, a duplicate, and a long-running complaint of forty households on the
city's five-step plan with one milestone late (the plan's Kế hoạch registered, the milestones
not yet done followed as tasks on the city scoreboard). Everything goes through the services,
replayed at past moments, so audit trails, notices in the registry and figures are real. Never
meant for production.

Needs the org tree and the demo accounts of the portal demo (loaded first)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from egov.accounts.models import User
from egov.complaints import services, services_appeal, services_crowded, services_publish
from egov.complaints.choices import (
    Channel,
    IneligibleReason,
    Outcome,
    PetitionKind,
    ReceptionForm,
    Verdict,
    VisitOutcome,
)
from egov.complaints.demo_story import (
    _LATEST,
    CITIZEN,
    CITY_RECEIVER,
    DAY,
    _at,
    _moment,
    _Story,
)
from egov.complaints.models import CrowdedCase, Petition, ReceptionDay, VerificationTeam
from egov.complaints.national import national_from
from egov.complaints.reminders import complaints_reminders_send
from egov.complaints.selectors import HANDLERS
from egov.complaints.services_crowded_tasks import crowded_case_tasks_create
from egov.complaints.services_teams import verification_team_form
from egov.directives.services.directives import directive_register
from egov.documents.models import DocumentType
from egov.orgs.models import Membership, OrgUnit
from egov.workdays.rules import VN_TZ

# The verification team across units: the ward's head of division leads, a specialist of
# Sở Xây dựng (the construction body of the city) verifies with them.
TEAM_LEADER = "truongphong.qldt.badinh@hanoi.demo"
TEAM_MEMBER = "chuyenvien.sxd@hanoi.demo"
TEAM_DAYS_AGO = 6  # the team's denunciation is received this many days ago


def _reception_days(story: _Story) -> int:
    """Every Thursday of the next eight weeks the ward's chairman receives citizens (a commune
    at least one day a week, Law on Citizen Reception 2013 art 15)."""
    day = story.today + DAY
    while day.weekday() != 3:
        day += DAY
    with _at(_moment(story.today, 0, 8)):
        for week in range(8):
            services.reception_day_publish(
                actor=story.receiver,
                unit=story.unit,
                day=day + week * 7 * DAY,
                starts_at=datetime.time(8),
                ends_at=datetime.time(11, 30),
                leader_name=story.chairman.full_name,
                leader_position="Chủ tịch UBND",
                place=f"Phòng tiếp công dân, trụ sở {story.unit.name}",
                form=ReceptionForm.ONLINE if week == 3 else ReceptionForm.IN_PERSON,
            )
    return 8


def _visit(story: _Story, days_ago: int, **values: Any) -> Any:
    received = _moment(story.today, days_ago, 8)
    with _at(received):
        return services.visit_record(
            actor=story.receiver, unit=story.unit, received_at=received, **values
        )


def _visits(story: _Story) -> list[Petition]:
    """Six visits of the reception book; two of them received as petitions."""
    _visit(
        story,
        40,
        visitor_name="Đỗ Văn Hùng",
        visitor_address="Ngõ 12 Đội Cấn",
        content="Hỏi thủ tục cấp giấy chứng nhận quyền sử dụng đất",
        outcome=VisitOutcome.GUIDED,
        outcome_note="Hướng dẫn nộp hồ sơ tại Trung tâm Phục vụ hành chính công",
    )
    settled_visit = _visit(
        story,
        45,
        visitor_name="Trần Văn Bình",
        visitor_id_number="001080001234",
        visitor_address="Số 5 Phúc Xá",
        content="Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng",
        documents_handed="Đơn khiếu nại; bản sao quyết định xử phạt",
        outcome=VisitOutcome.PETITION,
        subject="Khiếu nại quyết định xử phạt về trật tự xây dựng",
        contested_on=story.today - 70 * DAY,
    )
    crowd_visit = _visit(
        story,
        20,
        visitor_name="Nguyễn Thị Lan",
        content="Các hộ dân khiếu nại phương án bồi thường giải phóng mặt bằng tuyến đường",
        crowd_size=12,
        representatives="Nguyễn Thị Lan, Phạm Văn Đức, Lê Văn Tâm",
        documents_handed="Đơn tập thể có 12 chữ ký",
        outcome=VisitOutcome.PETITION,
        subject="Khiếu nại phương án bồi thường giải phóng mặt bằng (đông người)",
        contested_on=story.today - 35 * DAY,
    )
    _visit(
        story,
        10,
        visitor_name="Vũ Văn Khải",
        content="Đề nghị giải quyết tranh chấp dân sự về hợp đồng vay",
        outcome=VisitOutcome.REFUSED,
        outcome_note="Tranh chấp dân sự thuộc thẩm quyền của Tòa án",
    )
    _visit(
        story,
        5,
        visitor_name="Hoàng Thị Mai",
        content="Phản ánh tiếng ồn công trình ban đêm",
        outcome=VisitOutcome.GUIDED,
        outcome_note="Ghi nhận, chuyển Tổ trật tự đô thị kiểm tra",
        form=ReceptionForm.ONLINE,
    )
    _visit(
        story,
        2,
        visitor_name="Bùi Văn Long",
        content="Hỏi tiến độ giải quyết đơn",
        outcome=VisitOutcome.GUIDED,
        outcome_note="Thông báo đơn đang được xác minh",
    )
    return [settled_visit.petitions.get(), crowd_visit.petitions.get()]


def _complaints(story: _Story, from_visits: list[Petition]) -> None:
    settled, crowd = from_visits
    complaint = {"kind": PetitionKind.COMPLAINT, "is_competent": True, "outcome": Outcome.ACCEPT}
    settled = story.classify(settled, 43, **complaint)
    settled = story.step(settled, 30, "verify", "Đã xác minh tại hiện trường, lập biên bản")
    settled = story.step(settled, 25, "dialogue", "Có mặt: người khiếu nại, đại diện UBND")
    settled = story.settle(
        settled, 20, Verdict.PARTLY, "Khiếu nại đúng một phần; sửa quyết định xử phạt."
    )
    _appeal(story, settled)
    story.classify(crowd, 15, is_complex=True, **complaint)

    citizen = User.objects.filter(email=CITIZEN).first()
    portal = {"channel": Channel.PORTAL, "citizen": citizen} if citizen else {}
    name = citizen.full_name if citizen else "Nguyễn Văn An"
    mine = story.register(
        12,
        petitioner_name=name,
        subject="Khiếu nại việc không cấp phép sửa chữa nhà",
        content="Tôi khiếu nại văn bản từ chối cấp phép sửa chữa nhà ở của UBND phường.",
        contested_on=story.today - 30 * DAY,
        **portal,
    )
    mine = story.classify(mine, 10, **complaint)
    story.step(mine, 6, "verify", "Đang xác minh hồ sơ cấp phép")
    story.register(
        1,
        petitioner_name=name,
        subject="Kiến nghị lắp đèn chiếu sáng ngõ 8",
        content="Đề nghị lắp đèn chiếu sáng ngõ 8 phố Đội Cấn.",
        **portal,
    )
    dialogue = story.register(
        40,
        petitioner_name="Lý Văn Thành",
        subject="Khiếu nại quyết định thu hồi giấy phép kinh doanh",
        content="Khiếu nại quyết định thu hồi giấy phép kinh doanh hộ cá thể.",
        contested_on=story.today - 60 * DAY,
    )
    dialogue = story.classify(dialogue, 38, **complaint)
    dialogue = story.step(dialogue, 30, "verify", "Đã làm việc với người khiếu nại")
    story.step(dialogue, 3, "dialogue", "Đối thoại; người khiếu nại vắng mặt có lý do")
    late = story.register(
        60,
        petitioner_name="Phan Thị Hoa",
        subject="Khiếu nại việc xác nhận nguồn gốc đất",
        content="Khiếu nại việc UBND phường không xác nhận nguồn gốc đất.",
        contested_on=story.today - 80 * DAY,
    )
    late = story.classify(late, 58, **complaint)
    late = story.step(late, 40, "verify", "Xác minh hồ sơ địa chính")
    late = story.settle(late, 2, Verdict.WRONG, "Khiếu nại sai; giữ nguyên việc không xác nhận.")
    title, text = services_publish.decision_public_draft(late)
    with _at(_moment(story.today, 1, 10)):
        services_publish.petition_decision_publish(
            actor=story.handler, petition=late, public_title=title, public_text=text
        )


def _appeal(story: _Story, first: Petition) -> None:
    """The complainant disagrees with the ward's decision and complains to the city's
    chairman (second instance), received by the city office and accepted."""
    city_officer = User.objects.get(email=CITY_RECEIVER)
    received = _moment(story.today, 8)
    with _at(received):
        appeal = services_appeal.petition_appeal_register(
            actor=city_officer,
            first=first,
            received_at=received,
            channel=Channel.POST,
            content="Không đồng ý với quyết định giải quyết khiếu nại lần đầu của UBND phường.",
        )
    with _at(_moment(story.today, 6, 10)):
        services.petition_classify(
            actor=city_officer,
            petition=appeal,
            kind=PetitionKind.COMPLAINT,
            is_competent=True,
            outcome=Outcome.ACCEPT,
        )


def _others(story: _Story) -> None:
    denunciation = story.register(
        25,
        petitioner_name="Ngô Thị Thu",
        petitioner_address="Phố Quán Thánh",
        subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Tố cáo cán bộ địa chính phường nhận tiền khi làm thủ tục cho người dân.",
    )
    denunciation = story.classify(
        denunciation,
        22,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    with _at(_moment(story.today, 21)):
        services.petition_handler_name(
            actor=story.chairman, petition=denunciation, handler=story.handler
        )
    denunciation = story.step(denunciation, 8, "verify", "Thành lập tổ xác minh")
    with _at(_moment(story.today, 1)):
        services.petition_extend(
            actor=story.handler, petition=denunciation, reason="Phải xác minh ở nhiều nơi"
        )
    anonymous = story.register(
        18,
        is_anonymous=True,
        subject="Tố cáo (nặc danh) sai phạm trong xây dựng",
        content="Thư nặc danh tố cáo sai phạm trong xây dựng công trình công cộng.",
    )
    story.classify(
        anonymous,
        16,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.KEEP,
        outcome_note="Tố cáo nặc danh: lưu để tham khảo, kiểm tra theo thẩm quyền",
    )
    transferred = story.register(
        14,
        petitioner_name="Đặng Văn Minh",
        subject="Kiến nghị về ô nhiễm của cơ sở sản xuất",
        content="Kiến nghị xử lý ô nhiễm môi trường của cơ sở sản xuất ngoài địa bàn.",
    )
    story.classify(
        transferred,
        12,
        kind=PetitionKind.REQUEST,
        is_competent=False,
        outcome=Outcome.TRANSFER,
        competent_body="Sở Nông nghiệp và Môi trường",
    )
    guided = story.register(
        9,
        petitioner_name="Trịnh Văn Quang",
        subject="Khiếu nại quyết định của Sở Xây dựng",
        content="Khiếu nại quyết định xử phạt của Thanh tra Sở Xây dựng.",
        contested_on=story.today - 20 * DAY,
    )
    story.classify(
        guided,
        7,
        kind=PetitionKind.COMPLAINT,
        is_competent=False,
        outcome=Outcome.GUIDE,
        competent_body="Giám đốc Sở Xây dựng",
    )
    first = story.register(
        4,
        petitioner_name="Trịnh Văn Quang",
        subject="Khiếu nại quyết định của Sở Xây dựng",
        content="Khiếu nại quyết định xử phạt của Thanh tra Sở Xây dựng.",
        contested_on=story.today - 20 * DAY,
    )
    story.classify(
        first,
        3,
        kind=PetitionKind.COMPLAINT,
        is_competent=False,
        outcome=Outcome.KEEP,
        reasons=[IneligibleReason.ALREADY_GUIDED],
    )
    story.register(
        0,
        petitioner_name="Cao Thị Hạnh",
        subject="Phản ánh việc thu phí trông giữ xe",
        content="Phản ánh việc thu phí trông giữ xe cao hơn quy định tại chợ.",
    )


def _crowded(story: _Story) -> None:
    """A long-running complaint of 40 households on the city's five-step plan: the steps due
    before today done on time, except the latest, left late (the city list shows it red). The
    plan is this year's from October, last year's before (so one step has always passed)."""
    today = story.today
    year = today.year if today >= datetime.date(today.year, 10, 1) else today.year - 1
    received = (today - datetime.date(year, 1, 15)).days
    petition = story.register(
        received,
        channel=Channel.VISIT,
        petitioner_name="Đại diện 40 hộ dân tổ 12",
        subject="Khiếu nại của 40 hộ dân về bồi thường, hỗ trợ khi thu hồi đất",
        content="Khiếu nại mức bồi thường, hỗ trợ tái định cư khi thu hồi đất mở rộng đường.",
        contested_on=today - (received + 30) * DAY,
    )
    petition = story.classify(
        petition,
        received - 5,
        kind=PetitionKind.COMPLAINT,
        is_competent=True,
        outcome=Outcome.ACCEPT,
        is_complex=True,
    )
    with _at(_moment(today, received - 6, 11)):
        case = services_crowded.crowded_case_open(
            actor=story.handler,
            petition=petition,
            year=year,
            is_crowded=True,
            is_long_running=True,
            people=40,
            note="Đã nhiều lần khiếu nại đông người; đã tiếp, đối thoại nhưng chưa dứt điểm.",
        )
    passed = [m for m in case.milestones.order_by("position") if m.due_on < today]
    for milestone in passed[:-1]:
        services_crowded.crowded_milestone_done(
            actor=story.handler,
            case=case,
            step=milestone.step,
            done_on=milestone.due_on - 3 * DAY,
            note="Đã thực hiện theo kế hoạch",
        )
    _crowded_tasks(case, year)


def _crowded_tasks(case: CrowdedCase, year: int) -> None:
    """The city office registers the year's Kế hoạch, names it on the plan and follows the
    case's milestones not yet done as tasks (the late one shows overdue on the scoreboard)."""
    office = User.objects.get(email=CITY_RECEIVER)
    city = case.petition.unit
    while city.parent_id is not None:
        city = city.parent
    document = directive_register(
        actor=office,
        unit=city,
        doc_type=DocumentType.objects.get(code="ke-hoach"),
        number=318,
        notation="KH-UBND",
        issued_on=datetime.date(year, 3, 2),
        subject=(
            f"Giải quyết các vụ việc khiếu nại, tố cáo đông người, phức tạp, kéo dài năm {year}"
        ),
        signer_name="Trần Sỹ Thanh",
        signer_position="Chủ tịch",
    )
    plan = case.plan
    services_crowded.crowded_plan_save(
        actor=office,
        year=year,
        days={step: plan.due(step) for step in services_crowded.STEPS},
        document=document,
        expected_version=plan.version,
    )
    case.refresh_from_db()
    crowded_case_tasks_create(actor=office, case=case)


def _handling(email: str) -> Membership | None:
    """The demo officer's current handling role (specialist, head of division or unit)."""
    current = Membership.objects.current().filter(user__email=email, role__in=HANDLERS)
    return current.select_related("user", "unit").order_by("pk").first()


def _team_denunciation(story: _Story) -> None:
    """A denunciation received after the day the national database takes denunciation data
    (``EGOV_COMPLAINTS_NATIONAL_FROM``), so the national export has rows from the first run,
    verified by a team across units: the ward's head of division and a specialist of Sở Xây
    dựng (``services_teams``). Before that day the database takes nothing: no such case."""
    days_ago = min(TEAM_DAYS_AGO, (story.today - national_from()).days)
    leader, member = _handling(TEAM_LEADER), _handling(TEAM_MEMBER)
    if days_ago < 0 or leader is None or member is None:
        return
    petition = story.register(
        days_ago,
        petitioner_name="Lưu Văn Sơn",
        petitioner_address="Ngõ 18 phố Vạn Phúc",
        subject="Tố cáo vi phạm trật tự xây dựng tại công trình nhà ở",
        content="Tố cáo chủ công trình xây vượt tầng và cán bộ phường bỏ qua vi phạm.",
    )
    petition = story.classify(
        petition,
        days_ago,
        kind=PetitionKind.DENUNCIATION,
        is_competent=True,
        outcome=Outcome.ACCEPT,
    )
    moment = _moment(story.today, days_ago, 11)
    with _at(moment):
        services.petition_handler_name(
            actor=story.chairman, petition=petition, handler=story.handler
        )
        verification_team_form(
            actor=story.handler,
            petition=petition,
            leader=leader,
            members=[member],
            formed_on=timezone.localtime(moment, VN_TZ).date(),
        )
    story.step(petition, days_ago, "verify", "Tổ xác minh liên ngành kiểm tra hiện trường")


def _counts(unit: OrgUnit, flagged: int) -> dict[str, int]:
    return {
        "reception days": ReceptionDay.objects.filter(unit=unit).count(),
        "petitions": Petition.objects.filter(unit=unit).count(),
        "overdue petitions": flagged,
        "crowded cases": CrowdedCase.objects.filter(petition__unit=unit).count(),
        "verification teams": VerificationTeam.objects.filter(petition__unit=unit).count(),
    }


def complaints_demo_load(*, unit: OrgUnit, today: datetime.date | None = None) -> dict[str, int]:
    """Load the demo of ``unit`` (the portal demo's ward); returns the counts. Loaded once: a
    unit with petitions already is left as it is (a second run adds nothing)."""
    if Petition.objects.filter(unit=unit).exists():
        return _counts(unit, 0)
    today = today or timezone.localdate()
    _LATEST[:] = [timezone.now() - datetime.timedelta(minutes=5)]
    story = _Story(unit, today)
    _reception_days(story)
    from_visits = _visits(story)
    _complaints(story, from_visits)
    _others(story)
    _team_denunciation(story)
    _crowded(story)
    # today's reminder run, as cron would have made it: the overdue cases flagged
    reminders = complaints_reminders_send(today=today)
    return _counts(unit, reminders.flagged)
