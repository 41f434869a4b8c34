"""The Decree 20/2008/NĐ-CP process of feedback on regulations: the receiving unit (a setting,
unconfirmed in law), classification and forwarding within 5 working days (art. 9), the
assessment and decision (arts. 14–15) answered by a letter of the register, and the result
published within 2 working days (the national portal's limit; art. 19)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.figures import figure_get
from egov.documents.models import Document
from egov.feedback import services
from egov.feedback.choices import RegulationCriterion
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Category, RegulationReview, Report
from egov.workdays.selectors import deadline_compute

ALL_MET = dict.fromkeys(RegulationCriterion.values, "meets")


@pytest.fixture
def regulations(db: None) -> Category:
    return Category.objects.create(code="regulation", name="Quy định hành chính", kind="regulation")


def _send(citizen, category, issuer, key="k1", **changes):
    values = {
        "regulation": "Quyết định 12/2026/QĐ-UBND về phí trông giữ xe",
        "regulation_content": "unsuited",
        "title": "Mức phí không phù hợp",
        "description": "Phí trông giữ xe đạp cao hơn xe máy.",
        **changes,
    }
    return services.report_submit(
        actor=citizen, category=category, area=issuer, request_key=key, **values
    )


def _actions(report: Report) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="feedback.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_receiving_unit_forwards_to_the_issuer_within_five_working_days(
    settings, world, citizen, regulations
):
    settings.EGOV_FEEDBACK_REGULATION_RECEIVER = "VP"
    office = make_officer("chanhvp@example.vn", world.city_office, "unit_head")
    issuer = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")

    report = _send(citizen, regulations, world.dept)
    review = RegulationReview.objects.get(report=report)
    services.regulation_classify(
        actor=office,
        report=report,
        classification="outside",
        to_unit=world.dept,
        reason="Quy định do Sở ban hành.",
    )
    report.refresh_from_db()
    review.refresh_from_db()

    assert (review.receiving_unit, report.area) == (world.city_office, world.dept)
    due = deadline_compute(report.submitted_at, 5).due_at
    assert review.forward_due_at == due
    assert report.refuse_due_at == deadline_compute(report.submitted_at, 2).due_at
    assert (report.unit, report.status) == (world.dept, "received")
    assert (review.forwarded_from, review.classification) == (world.city_office, "")
    assert review.forwarded_at is not None and not review.is_forwarded_late
    assert _actions(report) == [
        "feedback.report_submitted",
        "feedback.report_handed_over",
        "feedback.regulation_forwarded",
    ]
    with pytest.raises(FeedbackError) as first:  # the issuer classifies before answering
        services.report_receive(actor=issuer, report=report)
    assert first.value.code == "classify_first"


def test_a_forward_after_the_limit_is_marked_late(world, citizen, regulations):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept)
    RegulationReview.objects.filter(report=report).update(
        forward_due_at=timezone.now() - datetime.timedelta(hours=1)
    )

    services.regulation_classify(
        actor=head,
        report=report,
        classification="implementation",
        to_unit=world.commune_a,
        reason="Việc thực hiện do phường.",
    )

    review = RegulationReview.objects.get(report=report)
    assert review.is_forwarded_late
    event = AuditEvent.objects.get(action="feedback.regulation_forwarded")
    assert event.changes["late"] is True


def test_the_decision_is_an_official_letter_and_its_publication_has_a_limit(
    world, citizen, regulations
):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept)
    services.regulation_classify(actor=head, report=report, classification="within")

    with pytest.raises(FeedbackError) as plain:  # not answered without the assessment
        services.report_answer(actor=head, report=report, answer="Đã tiếp thu.")
    report = services.regulation_decide(
        actor=head,
        report=report,
        basis="enough",
        findings=ALL_MET | {"feasibility": "fails"},
        outcome="propose",
        answer="Sở kiến nghị UBND Thành phố sửa đổi.",
    )
    review = RegulationReview.objects.get(report=report)
    letter = Document.objects.get(pk=report.answer_document_id)

    assert plain.value.code == "decide_first"
    assert (report.status, review.basis, review.outcome) == ("answered", "enough", "propose")
    assert review.findings["feasibility"] == "fails" and len(review.findings) == 7
    assert review.publish_due_at == deadline_compute(report.answered_at, 2).due_at
    assert (letter.doc_type.code, letter.status, letter.drafting_unit) == (
        "cong-van",
        "draft",
        world.dept,
    )
    assert report.code in letter.subject and "Sở kiến nghị UBND Thành phố sửa đổi." in letter.body
    assert citizen.full_name in letter.recipients_text  # a letter to the sender (art. 19)
    assert report.published_at is None and not review.is_published_late

    published = services.regulation_publish(actor=head, report=report)
    again = services.regulation_publish(actor=head, report=report)
    assert again.published_at == published.published_at
    assert _actions(report)[-2:] == ["feedback.regulation_decided", "feedback.regulation_published"]


@pytest.mark.parametrize(
    ("basis", "findings", "outcome", "field"),
    [
        ("enough", {"necessity": "meets"}, "amend", "findings"),
        ("enough", ALL_MET | {"legality": "maybe"}, "amend", "findings"),
        ("not_enough", {}, "amend", "outcome"),
        ("enough", ALL_MET, "collect", "outcome"),
        ("", ALL_MET, "amend", "basis"),
    ],
)
def test_a_decision_that_does_not_fit_is_refused(
    world, citizen, regulations, basis, findings, outcome, field
):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept)
    services.regulation_classify(actor=head, report=report, classification="within")

    with pytest.raises(FeedbackError) as refused:
        services.regulation_decide(
            actor=head, report=report, basis=basis, findings=findings, outcome=outcome, answer="A"
        )

    report.refresh_from_db()
    assert refused.value.fields.keys() == {field}
    assert (report.status, report.answer_document_id) == ("processing", None)
    assert not Document.objects.exists()


def test_not_enough_basis_keeps_collecting_feedback(world, citizen, regulations):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept)
    services.regulation_classify(actor=head, report=report, classification="within")

    report = services.regulation_decide(
        actor=head,
        report=report,
        basis="not_enough",
        findings={},
        outcome="collect",
        answer="Sở tiếp tục thu thập ý kiến.",
    )

    assert RegulationReview.objects.get(report=report).outcome == "collect"
    assert report.answer_document_id is not None


def test_personal_data_holds_the_publication_until_confirmed(world, citizen, regulations):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept, description="Gọi tôi: 0912345678.")
    services.regulation_classify(actor=head, report=report, classification="within")
    services.regulation_decide(
        actor=head, report=report, basis="enough", findings=ALL_MET, outcome="keep", answer="A"
    )

    with pytest.raises(FeedbackError) as held:
        services.regulation_publish(actor=head, report=report)
    report.refresh_from_db()
    assert held.value.code == "personal_data" and report.published_at is None
    assert services.regulation_publish(actor=head, report=report, confirmed=True).published_at


def test_classify_input_and_the_unit_are_checked(world, citizen, regulations, ward):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept)

    cases = [
        {"classification": "x"},
        {"classification": "outside"},
        {"classification": "within", "to_unit": world.commune_a},
        {"classification": "outside", "to_unit": world.dept, "reason": "R"},
        {"classification": "outside", "to_unit": world.commune_a, "reason": ""},
    ]
    fields = []
    for case in cases:
        with pytest.raises(FeedbackError) as refused:
            services.regulation_classify(actor=head, report=report, **case)
        fields.append(set(refused.value.fields))
    with pytest.raises(Exception) as other_unit:
        services.regulation_classify(actor=ward.head, report=report, classification="within")

    report.refresh_from_db()
    assert fields == [{"classification"}, {"to_unit"}, {"to_unit"}, {"to_unit"}, {"reason"}]
    assert other_unit.value.status == 403
    assert (report.status, report.unit) == ("received", world.dept)
    assert _actions(report) == ["feedback.report_submitted"]


def test_a_receiver_missing_from_the_tree_refuses_clearly(settings, client, world, citizen):
    category = Category.objects.create(code="regulation", name="Quy định", kind="regulation")
    settings.EGOV_FEEDBACK_REGULATION_RECEIVER = "STP"  # no Sở Tư pháp in this tree
    client.force_login(citizen)
    url = reverse("feedback:report-create") + "?kind=regulation"
    sent = client.post(
        url,
        {
            "category": category.pk,
            "area": world.dept.pk,
            "regulation": "Quyết định 1/2026",
            "regulation_content": "other",
            "title": "Tiêu đề",
            "description": "Nội dung",
        },
    )

    assert sent.status_code == 400 and not Report.objects.exists()


def test_the_officer_classifies_decides_and_publishes_on_the_page(
    client, world, citizen, regulations
):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    report = _send(citizen, regulations, world.dept)
    client.force_login(head)
    action = "feedback_officer:report-action"

    page = client.get(reverse("feedback_officer:report-detail", args=[report.pk]))
    classified = client.post(
        reverse(action, args=[report.pk, "classify"]), {"classification": "within"}
    )
    decide = {f"criterion_{code}": "meets" for code in RegulationCriterion.values}
    missing = client.post(
        reverse(action, args=[report.pk, "decide"]),
        {"basis": "enough", "outcome": "amend", "answer": "Sẽ sửa."},
    )
    decided = client.post(
        reverse(action, args=[report.pk, "decide"]),
        {**decide, "basis": "enough", "outcome": "amend", "answer": "Sẽ sửa."},
    )
    shown = client.get(reverse("feedback_officer:report-detail", args=[report.pk]))
    published = client.post(reverse(action, args=[report.pk, "publish-result"]), {})

    report.refresh_from_db()
    assert page.status_code == 200 and "classify" in page.text
    assert classified.status_code == 302
    assert missing.status_code == 400 and missing.context["decide_form"].non_field_errors()
    assert decided.status_code == 302
    letter = reverse("documents:document-detail", args=[report.answer_document_id])
    assert "publish-result" in shown.text and letter in shown.text
    assert published.status_code == 302 and report.published_at is not None


def test_forwarding_and_publishing_figures_count_on_time_and_late(world, citizen, regulations):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    on_time = _send(citizen, regulations, world.dept, key="a")
    late = _send(citizen, regulations, world.dept, key="b")
    kept = _send(citizen, regulations, world.dept, key="c")
    RegulationReview.objects.filter(report=late).update(
        forward_due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    for report in (on_time, late):
        services.regulation_classify(
            actor=head,
            report=report,
            classification="outside",
            to_unit=world.city_office,
            reason="Quy định của Văn phòng.",
        )
    services.regulation_classify(actor=head, report=kept, classification="within")
    services.regulation_decide(
        actor=head, report=kept, basis="enough", findings=ALL_MET, outcome="keep", answer="A"
    )
    services.regulation_publish(actor=head, report=kept)
    today = timezone.localdate()

    def read(code):
        return figure_get(f"feedback.{code}").read(first=today, last=today, unit_ids=None)

    assert read("regulations_forwarded") == {world.dept.pk: 2}
    assert read("regulations_forwarded_on_time") == {world.dept.pk: 1}
    assert read("regulations_published") == {world.dept.pk: 1}
    assert read("regulations_published_on_time") == {world.dept.pk: 1}
