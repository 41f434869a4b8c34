"""The indicators the city ships with (data, installed by ``services.library_install``; edited
afterwards in the admin). Each cites the plan or decision that sets it.

Sources: the city's IT plan 2020 and Plan 190/KH-UBND (2019–2020 and 2021–2025) as listed in
issue 23; Decision 766/QĐ-TTg (23/6/2022) groups and points from shared/domain next-modules f.2
and f.3 (the split of group 3's 12 online-service points between 3.1 and 3.3 is not published
[U] and is data here); bands of the 766 total from Lâm Đồng's practice (only "≥ 90 excellent"
is inferred from a source; the other cut-offs are [U], a legend to edit).
"""

from __future__ import annotations

import datetime

D = datetime.date
SET = {
    "code": "city-2022",
    "name": "Bộ chỉ số chính quyền điện tử của thành phố và chỉ số 766 (phiên bản 2022)",
    "valid_from": D(2019, 1, 1),
    "note": "Kế hoạch CNTT 2020, Kế hoạch 190/KH-UBND (2019–2020, 2021–2025) và Quyết định "
    "766/QĐ-TTg ngày 23/6/2022 (áp dụng từ 01/8/2022).",
}

LEGENDS = {
    "plan-target": (
        "Mức đạt chỉ tiêu (so với chỉ tiêu)",
        True,
        [(100, "Đạt", "#1a7f37"), (80, "Gần đạt", "#9a6700"), (0, "Chưa đạt", "#c62828")],
    ),
    "qd766-total": (
        "Xếp loại chỉ số 766 (điểm trên 100)",
        False,
        [
            (90, "Xuất sắc", "#1a7f37"),
            (80, "Tốt", "#2e7d32"),
            (70, "Khá", "#9a6700"),
            (50, "Trung bình", "#bc4c00"),
            (0, "Yếu", "#c62828"),
        ],
    ),
}

KH190 = "Kế hoạch 190/KH-UBND"
IT2020 = "Kế hoạch ứng dụng CNTT năm 2020"
QD766 = "Quyết định 766/QĐ-TTg"

# code, name, source, numerator, denominator, targets [(level, from, to, value)], note
PLAN = [
    (
        "online-dossiers",
        "Tỷ lệ hồ sơ thủ tục hành chính tiếp nhận trực tuyến",
        f"{KH190} (2019–2020: ≥ 20 %; 2021–2025: ≥ 50 %)",
        "onestop.dossiers_received_online",
        "onestop.dossiers_received",
        [("", D(2019, 1, 1), D(2020, 12, 31), 20), ("", D(2021, 1, 1), None, 50)],
        "Hồ sơ nộp trực tuyến / hồ sơ tiếp nhận trong kỳ (theo ngày tiếp nhận).",
    ),
    (
        "full-online-services",
        "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình",
        f"{IT2020}; {KH190} (35 %)",
        "onestop.procedures_full_online",
        "onestop.procedures_served",
        [("", D(2020, 1, 1), None, 35)],
        "Thủ tục có hồ sơ trong kỳ mà danh mục cung cấp trực tuyến toàn trình / thủ tục có hồ "
        "sơ trong kỳ (mỗi thủ tục tính một lần cho mỗi đơn vị).",
    ),
    (
        "settled-on-time",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "Nghị định 61/2018/NĐ-CP (mọi hồ sơ giải quyết đúng hạn)",
        "onestop.dossiers_settled_on_time",
        "onestop.dossiers_settled",
        [("", D(2019, 1, 1), None, 100)],
        "Hồ sơ có kết quả trước hạn hoặc đúng hạn / hồ sơ có kết quả trong kỳ. Chỉ tiêu 100 % "
        "theo quy định; kế hoạch của thành phố không nêu con số riêng [chưa xác nhận].",
    ),
    (
        "electronic-documents",
        "Tỷ lệ văn bản trao đổi giữa các cơ quan dưới dạng điện tử",
        f"{KH190} (90 %)",
        "documents.sent_electronic",
        "documents.sent",
        [("", D(2019, 1, 1), None, 90)],
        "Văn bản đi ban hành trong kỳ gửi không qua giấy / văn bản đi đã gửi.",
    ),
    (
        "workfiles-online",
        "Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng",
        f"{KH190} (2019–2024: cấp sở, huyện 80 %, cấp xã 30 %; từ 2025: 90 %, 60 %)",
        "documents.workfiles_online",
        "documents.workfiles",
        [
            ("province", D(2019, 1, 1), D(2024, 12, 31), 80),
            ("district", D(2019, 1, 1), D(2024, 12, 31), 80),
            ("commune", D(2019, 1, 1), D(2024, 12, 31), 30),
            ("province", D(2025, 1, 1), None, 90),
            ("district", D(2025, 1, 1), None, 90),
            ("commune", D(2025, 1, 1), None, 60),
        ],
        "Hồ sơ công việc đóng trong kỳ được xử lý trực tuyến / hồ sơ công việc đóng trong kỳ.",
    ),
    (
        "reports-through-system",
        "Tỷ lệ báo cáo định kỳ gửi qua Hệ thống thông tin báo cáo",
        f"{KH190} (2019–2020: 30 %; 2021–2025: 80 %)",
        "reporting.reports_sent",
        "reporting.reports_expected",
        [("", D(2019, 1, 1), D(2020, 12, 31), 30), ("", D(2021, 1, 1), None, 80)],
        "Báo cáo đến hạn trong kỳ đã gửi qua hệ thống / báo cáo đến hạn trong kỳ.",
    ),
    (
        "reports-shared-nationally",
        "Tỷ lệ báo cáo định kỳ được chia sẻ với Hệ thống thông tin báo cáo quốc gia",
        f"{KH190} (2021–2025: ≥ 80 %)",
        "reporting.reports_shared_nationally",
        "reporting.reports_of_the_city",
        [("", D(2021, 1, 1), None, 80)],
        "Báo cáo gửi Ủy ban nhân dân thành phố đến hạn trong kỳ đã được Hệ thống thông tin báo "
        "cáo quốc gia tiếp nhận (có mã tiếp nhận; báo cáo hiệu chỉnh tính một lần) / báo cáo "
        "gửi Ủy ban nhân dân thành phố đến hạn trong kỳ.",
    ),
    (
        "meetings-online",
        "Tỷ lệ cuộc họp tổ chức trực tuyến",
        f"{KH190} (90 %)",
        "meetings.held_online",
        "meetings.held",
        [("", D(2019, 1, 1), None, 90)],
        "Cuộc họp đã tổ chức trong kỳ có phòng họp trực tuyến / cuộc họp đã tổ chức.",
    ),
    (
        "meetings-shorter",
        "Thời gian họp rút ngắn so với dự kiến",
        f"{KH190} (cuộc họp rút ngắn 30–50 %)",
        "meetings.minutes_saved",
        "meetings.planned_minutes",
        [("", D(2019, 1, 1), None, 30)],
        "(Số phút dự kiến − số phút thực tế) / số phút dự kiến của các cuộc họp đã tổ chức có "
        "ghi giờ bắt đầu và kết thúc.",
    ),
    (
        "questions-answered",
        "Tỷ lệ câu hỏi của người dân, doanh nghiệp được trả lời",
        f"{KH190} (100 %)",
        "feedback.questions_answered",
        "feedback.questions_received",
        [("", D(2019, 1, 1), None, 100)],
        "Câu hỏi đã trả lời / câu hỏi nhận trong kỳ.",
    ),
    (
        "satisfied",
        "Tỷ lệ người dân, doanh nghiệp hài lòng khi giải quyết thủ tục hành chính",
        f"{KH190} (≥ 90 %)",
        "onestop.ratings_satisfied",
        "onestop.ratings",
        [("", D(2019, 1, 1), None, 90)],
        "Đánh giá hài lòng, rất hài lòng (4–5/5) / đánh giá nhận trong kỳ tại một cửa.",
    ),
    (
        "surveyed-satisfied",
        "Tỷ lệ hài lòng qua khảo sát",
        f"{KH190} (≥ 90 %)",
        "surveys.responses_satisfied",
        "surveys.responses",
        [("", D(2019, 1, 1), None, 90)],
        "Phiếu khảo sát hài lòng / phiếu trả lời trong kỳ.",
    ),
    (
        "satisfied-combined",
        "Tỷ lệ hài lòng chung: khảo sát và đánh giá tại một cửa",
        f"{KH190} (≥ 90 %)",
        "surveys.combined_satisfied",
        "surveys.combined_rated",
        [("", D(2019, 1, 1), None, 90)],
        "(Phiếu khảo sát hài lòng + đánh giá một cửa mức 4–5/5) / (phiếu trả lời + đánh giá "
        "nhận trong kỳ): hai nguồn gộp qua sổ số liệu (ADR 0023).",
    ),
    (
        "agencies-publishing-satisfaction",
        "Tỷ lệ cơ quan công bố mức độ hài lòng",
        f"{KH190} (50 %)",
        "surveys.agencies_published",
        "surveys.agencies_surveyed",
        [("", D(2019, 1, 1), None, 50)],
        "Cơ quan đã công bố kết quả khảo sát / cơ quan được khảo sát trong kỳ.",
    ),
    (
        "traceable-products",
        "Tỷ lệ chuỗi thực phẩm an toàn được truy xuất nguồn gốc",
        f"{KH190} (100 %)",
        "traceability.products_traceable",
        "traceability.products_approved",
        [("", D(2019, 1, 1), None, 100)],
        "Sản phẩm có mã truy xuất / sản phẩm chuỗi được xác nhận.",
    ),
    (
        "tasks-on-time",
        "Tỷ lệ nhiệm vụ được giao hoàn thành đúng hạn",
        "Quy chế làm việc của UBND thành phố (theo dõi nhiệm vụ)",
        "directives.tasks_done_on_time",
        "directives.tasks_due",
        [],
        "Nhiệm vụ đến hạn trong kỳ hoàn thành đúng hạn / nhiệm vụ đến hạn. Không có chỉ tiêu.",
    ),
    (
        "complaints-on-time",
        "Tỷ lệ vụ việc khiếu nại giải quyết đúng hạn",
        "Luật Khiếu nại 2011 (thời hạn giải quyết)",
        "complaints.cases_settled_on_time",
        "complaints.cases_settled",
        [],
        "Vụ việc giải quyết đúng hạn / vụ việc giải quyết trong kỳ. Không có chỉ tiêu.",
    ),
    (
        "business-registry-services",
        "Tỷ lệ dịch vụ công trực tuyến sử dụng dữ liệu từ Cơ sở dữ liệu quốc gia về đăng ký "
        "doanh nghiệp",
        f"{KH190} (2021–2025: ≥ 50 %)",
        "onestop.procedures_business_registry",
        "onestop.procedures_online_business",
        [("", D(2021, 1, 1), None, 50)],
        "Thủ tục có hồ sơ trực tuyến của doanh nghiệp trong kỳ mà ít nhất một hồ sơ có thông tin "
        "doanh nghiệp điền từ Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp / thủ tục có hồ sơ "
        "trực tuyến của doanh nghiệp trong kỳ (mỗi thủ tục tính một lần cho mỗi đơn vị). Mẫu số "
        "là cách hiểu của hệ thống [chưa xác nhận].",
    ),
    (
        "mobile-signature-services",
        "Tỷ lệ dịch vụ công trực tuyến có hồ sơ được ký số bằng chữ ký số trên thiết bị di động",
        "Kế hoạch của thành phố (≥ 20 %; số hiệu văn bản chưa đối chiếu) [chưa xác nhận]",
        "onestop.procedures_signed_mobile",
        "onestop.procedures_online",
        [("", D(2021, 1, 1), None, 20)],
        "Thủ tục có hồ sơ trực tuyến tiếp nhận trong kỳ mà ít nhất một hồ sơ có đơn được người "
        "nộp ký số từ điện thoại (dịch vụ ký số từ xa) / thủ tục có hồ sơ trực tuyến tiếp nhận "
        "trong kỳ (mỗi thủ tục tính một lần cho mỗi đơn vị). Mốc áp dụng và mẫu số là cách hiểu "
        "của hệ thống [chưa xác nhận].",
    ),
]

# code, group, name, numerator, denominator, points, full at %, full when empty, note
SCORES = [
    (
        "766-1-1",
        "1",
        "Tỷ lệ TTHC công bố đúng hạn",
        "catalog.procedures_published_on_time",
        "catalog.procedures_published",
        6,
        100,
        False,
        "Chưa có dữ liệu công bố TTHC.",
    ),
    (
        "766-1-2",
        "1",
        "Tỷ lệ TTHC được cập nhật, công khai đúng hạn",
        "catalog.procedures_disclosed_on_time",
        "catalog.procedures_published",
        4,
        100,
        False,
        "",
    ),
    (
        "766-1-3",
        "1",
        "Tỷ lệ TTHC công khai đầy đủ bộ phận tạo thành",
        "catalog.procedures_complete",
        "catalog.procedures_published",
        2,
        100,
        False,
        "",
    ),
    (
        "766-1-4",
        "1",
        "Tỷ lệ hồ sơ đồng bộ lên Cổng DVCQG",
        "onestop.dossiers_synced",
        "onestop.dossiers_received",
        6,
        100,
        False,
        "Chưa có đồng bộ với Cổng DVCQG.",
    ),
    (
        "766-2-1",
        "2",
        "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn",
        "onestop.dossiers_settled_on_time",
        "onestop.dossiers_settled",
        20,
        100,
        False,
        "20 × đúng hạn / có kết quả.",
    ),
    (
        "766-3-1",
        "3",
        "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        "onestop.procedures_full_online",
        "onestop.procedures_served",
        4,
        80,
        False,
        "Đủ điểm khi ≥ 80 %. Chia 12 điểm nhóm trực tuyến giữa 3.1 và 3.3 chưa công bố.",
    ),
    (
        "766-3-3",
        "3",
        "Tỷ lệ hồ sơ nộp trực tuyến",
        "onestop.dossiers_received_online",
        "onestop.dossiers_received",
        8,
        50,
        False,
        "Đủ điểm khi ≥ 50 %.",
    ),
    (
        "766-3-6",
        "3",
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        "onestop.dossiers_paid_online",
        "onestop.dossiers_fee_bearing",
        10,
        100,
        False,
        "Hồ sơ có phí, lệ phí.",
    ),
    (
        "766-4-1",
        "4",
        "Tỷ lệ hồ sơ có cấp kết quả điện tử",
        "onestop.results_electronic",
        "onestop.dossiers_settled",
        6,
        100,
        False,
        "",
    ),
    (
        "766-4-2",
        "4",
        "Tỷ lệ hồ sơ thực hiện số hóa",
        "onestop.dossiers_digitised",
        "onestop.dossiers_received",
        4,
        80,
        False,
        "Đủ điểm khi ≥ 80 % (cấu hình được).",
    ),
    (
        "766-4-3",
        "4",
        "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa",
        "integration.forms_autofilled",
        "onestop.dossiers_received",
        2,
        80,
        False,
        "Đủ điểm khi ≥ 80 %.",
    ),
    (
        "766-4-4",
        "4",
        "Hồ sơ số hóa kết nối kho dữ liệu cá nhân",
        "onestop.dossiers_personal_store",
        "onestop.dossiers_received",
        4,
        100,
        False,
        "",
    ),
    (
        "766-4-6",
        "4",
        "Tỷ lệ xã cung cấp chứng thực bản sao điện tử",
        "onestop.certified_copies_electronic",
        "onestop.certified_copies",
        2,
        100,
        False,
        "",
    ),
    (
        "766-4-5",
        "4",
        "Ứng dụng dữ liệu dân cư",
        "integration.lookups",
        "onestop.dossiers_received",
        4,
        100,
        False,
        "Tra cứu cơ sở dữ liệu dân cư / hồ sơ tiếp nhận (gần đúng: tính theo lượt tra cứu).",
    ),
    (
        "766-5-1",
        "5",
        "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn",
        "feedback.reports_answered_on_time",
        "feedback.reports_received",
        6,
        100,
        True,
        "Không có phản ánh: đủ điểm.",
    ),
    (
        "766-5-2",
        "5",
        "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị",
        "feedback.reports_answered",
        "feedback.reports_received",
        6,
        100,
        True,
        "Gần đúng: phản ánh đã trả lời / phản ánh nhận.",
    ),
    (
        "766-5-3",
        "5",
        "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
        "onestop.ratings_satisfied",
        "onestop.ratings",
        6,
        90,
        False,
        "Đủ điểm khi ≥ 90 %.",
    ),
]
