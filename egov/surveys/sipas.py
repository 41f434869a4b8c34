"""The SIPAS-shaped template a unit starts from: the five factors of the satisfaction index of
administrative services (Decision 2640/QĐ-BNV 2017, Decision 1001/QĐ-BNV 2023 methodology):
access to the service, the administrative procedure, the civil servant, the result, and
receiving and handling feedback. The question wording follows published SIPAS questionnaires
in substance; it is data, and a unit edits its own copy. Weights are equal (configurable)."""

from __future__ import annotations

from typing import Any

YES_NO = [
    {"value": "yes", "vi": "Có", "en": "Yes"},
    {"value": "no", "vi": "Không", "en": "No"},
]


def _likert(code: str, vi: str, en: str) -> dict[str, Any]:
    return {"code": code, "kind": "likert", "vi": vi, "en": en, "required": True, "scored": True}


SIPAS_TEMPLATE: dict[str, Any] = {
    "title_vi": "Khảo sát sự hài lòng về sự phục vụ hành chính",
    "title_en": "Satisfaction with administrative services",
    "intro_vi": (
        "Ý kiến của Ông/Bà được ghi nhận ẩn danh, chỉ dùng để cải thiện chất lượng phục vụ. "
        "Mức 1: Rất không hài lòng … Mức 5: Rất hài lòng."
    ),
    "intro_en": (
        "Your answers are anonymous and only used to improve the service. "
        "1: very dissatisfied … 5: very satisfied."
    ),
    "sections": [
        {
            "code": "access",
            "vi": "Tiếp cận dịch vụ",
            "en": "Access to the service",
            "questions": [
                {
                    "code": "info_channel",
                    "kind": "single",
                    "vi": "Ông/Bà biết thông tin về thủ tục qua kênh nào?",
                    "en": "How did you learn about the procedure?",
                    "options": [
                        {"value": "portal", "vi": "Cổng dịch vụ công", "en": "Public portal"},
                        {"value": "desk", "vi": "Bộ phận một cửa", "en": "One-stop desk"},
                        {"value": "other", "vi": "Người quen, khác", "en": "Acquaintance, other"},
                    ],
                },
                _likert(
                    "access_place",
                    "Nơi ngồi chờ, trang thiết bị phục vụ đầy đủ, tiện nghi",
                    "The waiting place and equipment are adequate and convenient",
                ),
                _likert(
                    "access_online",
                    "Dịch vụ công trực tuyến dễ tìm, dễ sử dụng",
                    "Online public services are easy to find and use",
                ),
            ],
        },
        {
            "code": "procedure",
            "vi": "Thủ tục hành chính",
            "en": "The administrative procedure",
            "questions": [
                _likert(
                    "procedure_public",
                    "Thủ tục hành chính được niêm yết công khai, đầy đủ, chính xác",
                    "The procedure is published in full and accurately",
                ),
                _likert(
                    "procedure_papers",
                    "Thành phần hồ sơ, phí, lệ phí, thời hạn giải quyết đúng quy định",
                    "Papers, fees and time limits are as published",
                ),
                {
                    "code": "trips",
                    "kind": "number",
                    "vi": "Ông/Bà đã phải đi lại bao nhiêu lần để hoàn thành thủ tục?",
                    "en": "How many trips did you make to complete the procedure?",
                    "min": 0,
                    "max": 20,
                },
            ],
        },
        {
            "code": "civil_servant",
            "vi": "Công chức trực tiếp giải quyết công việc",
            "en": "The civil servant handling the matter",
            "questions": [
                {
                    "code": "servant",
                    "kind": "matrix",
                    "vi": "Đánh giá công chức tiếp nhận và giải quyết hồ sơ",
                    "en": "Rate the civil servant who received and handled the dossier",
                    "required": True,
                    "scored": True,
                    "rows": [
                        {"code": "attitude", "vi": "Thái độ lịch sự", "en": "Politeness"},
                        {
                            "code": "guidance",
                            "vi": "Hướng dẫn tận tình, dễ hiểu",
                            "en": "Clear guidance",
                        },
                        {"code": "competence", "vi": "Thành thạo chuyên môn", "en": "Competence"},
                    ],
                },
                {
                    "code": "extra_payment",
                    "kind": "single",
                    "vi": "Công chức có gây phiền hà, sách nhiễu hoặc đòi thêm tiền không?",
                    "en": "Did the civil servant cause trouble or ask for extra money?",
                    "options": YES_NO,
                },
                {
                    "code": "extra_payment_detail",
                    "kind": "long_text",
                    "vi": "Xin mô tả sự việc (không ghi họ tên của Ông/Bà)",
                    "en": "Please describe what happened (without your name)",
                    "show_if": {"question": "extra_payment", "values": ["yes"]},
                },
            ],
        },
        {
            "code": "result",
            "vi": "Kết quả giải quyết",
            "en": "The result",
            "questions": [
                _likert(
                    "result_on_time",
                    "Kết quả được trả đúng hẹn",
                    "The result was returned on the appointed day",
                ),
                _likert(
                    "result_correct",
                    "Kết quả đúng quy định, thông tin chính xác",
                    "The result is correct and its information accurate",
                ),
            ],
        },
        {
            "code": "feedback",
            "vi": "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
            "en": "Receiving and handling feedback",
            "questions": [
                _likert(
                    "feedback_channel",
                    "Có hình thức tiếp nhận góp ý, phản ánh, kiến nghị phù hợp",
                    "There are suitable ways to give feedback",
                ),
                _likert(
                    "feedback_handled",
                    "Góp ý, phản ánh, kiến nghị được xử lý, trả lời kịp thời",
                    "Feedback is handled and answered in time",
                ),
                {
                    "code": "suggestion",
                    "kind": "long_text",
                    "vi": "Ông/Bà có góp ý gì để nâng cao chất lượng phục vụ?",
                    "en": "Any suggestion to improve the service?",
                },
            ],
        },
    ],
}
