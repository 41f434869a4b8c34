"""Demo content of the agency public pages: the local ward's functions and duties, contacts,
announcements, a plan and a programme, written by its chairman through the services (every
other unit's page shows what the org tree, the catalog and the other modules hold)."""

from __future__ import annotations

from egov.accounts.models import User
from egov.orgs.models import OrgUnit
from egov.portal import services

FUNCTIONS = (
    "<p>Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương, chịu trách nhiệm "
    "trước Hội đồng nhân dân phường và cơ quan hành chính nhà nước cấp trên.</p>"
    "<ul><li>Tổ chức thi hành Hiến pháp, pháp luật trên địa bàn phường;</li>"
    "<li>Quản lý hộ tịch, chứng thực, đất đai, xây dựng, trật tự đô thị và môi trường;</li>"
    "<li>Giải quyết thủ tục hành chính tại Bộ phận Một cửa; tiếp công dân, giải quyết "
    "khiếu nại, tố cáo, phản ánh, kiến nghị;</li>"
    "<li>Bảo đảm an ninh, trật tự, an toàn xã hội trên địa bàn.</li></ul>"
)
POSTS = [
    (
        "announcement",
        "Lịch tiếp công dân của Chủ tịch UBND phường",
        "<p>Chủ tịch UBND phường tiếp công dân định kỳ vào <strong>sáng thứ Năm</strong> "
        "hằng tuần tại trụ sở UBND phường.</p><p>Công dân mang theo giấy tờ tùy thân.</p>",
    ),
    (
        "announcement",
        "Thông báo thu gom rác thải cồng kềnh",
        "<p>Phường tổ chức thu gom rác thải cồng kềnh vào <em>chủ nhật cuối tháng</em>; "
        "đăng ký với tổ dân phố trước thứ Sáu.</p>",
    ),
    (
        "plan",
        "Kế hoạch cải cách hành chính năm 2026",
        "<h2>Mục tiêu</h2><ol><li>100% thủ tục hành chính đủ điều kiện được cung cấp trực "
        "tuyến toàn trình;</li><li>Tỷ lệ hồ sơ giải quyết đúng hạn trên 98%.</li></ol>",
    ),
    (
        "programme",
        "Chương trình chuyển đổi số phường giai đoạn 2026–2030",
        "<p>Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; hướng dẫn người dân sử dụng "
        "dịch vụ công trực tuyến tại các tổ dân phố.</p>",
    ),
]


def unit_pages_demo_load(*, ward: OrgUnit, head: User) -> dict[str, int]:
    """The ward's page content; run once on an empty database (each post has its own key, so a
    second run writes nothing new)."""
    services.unit_profile_update(
        actor=head,
        unit=ward,
        functions=FUNCTIONS,
        address=f"Trụ sở {ward.name}, Hà Nội",
        phone="024 3823 0000",
        email="ubnd.phuong@hanoi.demo",
        office_hours="Thứ Hai – Thứ Sáu: 8:00–12:00, 13:30–17:00; sáng thứ Bảy: 8:00–12:00",
    )
    for index, (kind, title, body) in enumerate(POSTS):
        services.unit_post_create(
            actor=head,
            unit=ward,
            kind=kind,
            title=title,
            body=body,
            publish=True,
            request_key=f"demo-{index}",
        )
    return {"unit announcements": len(POSTS)}
