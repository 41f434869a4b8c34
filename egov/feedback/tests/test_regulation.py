"""Feedback on administrative regulations (Decree 20/2008/NĐ-CP): the regulation named and
what it is about, sent to the unit that issued it with the category's working days, answered
and published without the sender; bad input is a 400 with the field's message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.feedback import services
from egov.feedback.choices import RegulationCriterion
from egov.feedback.exceptions import FeedbackError
from egov.feedback.models import Category, Report


@pytest.fixture
def regulations(db: None) -> Category:
    return Category.objects.create(code="regulation", name="Quy định hành chính", kind="regulation")


def _form(world, category, **changes):
    return {
        "category": category.pk,
        "area": world.dept.pk,
        "regulation": "Quyết định 12/2026/QĐ-UBND về phí trông giữ xe",
        "regulation_content": "unsuited",
        "title": "Mức phí không phù hợp",
        "description": "Phí trông giữ xe đạp cao hơn xe máy.",
        "request_key": "r1",
        **changes,
    }


ALL_MET = dict.fromkeys(RegulationCriterion.values, "meets")


def test_feedback_goes_to_the_issuer_and_is_published_once_decided(
    client, world, citizen, regulations
):
    head = make_officer("giamdoc.stttt@example.vn", world.dept, "unit_head")
    client.force_login(citizen)
    url = reverse("feedback:report-create") + "?kind=regulation"
    page = client.get(url)
    sent = client.post(url, _form(world, regulations))
    again = client.post(url, _form(world, regulations))

    report = Report.objects.get()
    assert page.status_code == 200 and "regulation" in page.context["form"].fields
    assert 'data-map="pick"' not in page.text
    assert (sent.status_code, again.status_code) == (302, 302)
    assert (report.unit, report.area, report.address) == (world.dept, world.dept, "")
    assert report.regulation.startswith("Quyết định 12/2026/QĐ-UBND")
    assert report.regulation_content == "unsuited"
    assert report.latitude is None
    assert report.process.definition.code == "feedback.report.15d"  # DVCQG: 15 working days

    services.regulation_classify(actor=head, report=report, classification="within")
    services.regulation_decide(
        actor=head,
        report=report,
        basis="enough",
        findings=ALL_MET | {"reasonableness": "fails"},
        outcome="amend",
        answer="Sở sẽ sửa mức phí.",
    )
    client.logout()
    hidden = client.get(reverse("feedback:report-detail", args=[report.pk]))
    services.regulation_publish(actor=head, report=report)
    public = client.get(reverse("feedback:report-detail", args=[report.pk]))
    listed = client.get(reverse("feedback:report-list"), {"category": "regulation"})

    assert hidden.status_code == 404  # answered, not yet published (art. 19)
    assert "Quyết định 12/2026/QĐ-UBND" in public.text and "Sở sẽ sửa mức phí." in public.text
    assert "Quy định không phù hợp với thực tế" in public.text  # art. 5, in Vietnamese
    assert "Sửa đổi, bổ sung quy định" in public.text  # art. 15's decision, in Vietnamese
    assert citizen.full_name not in public.text
    assert "Mức phí không phù hợp" in listed.text


def test_the_regulation_and_its_content_are_required(client, world, citizen, regulations):
    client.force_login(citizen)
    url = reverse("feedback:report-create") + "?kind=regulation"
    empty = client.post(url, _form(world, regulations, regulation="", request_key="a"))
    wrong = client.post(url, _form(world, regulations, regulation_content="x", request_key="b"))

    assert (empty.status_code, wrong.status_code) == (400, 400)
    assert empty.context["form"].errors.keys() == {"regulation"}
    assert wrong.context["form"].errors.keys() == {"regulation_content"}
    assert Report.objects.count() == 0
    with pytest.raises(FeedbackError) as refused:
        services.report_submit(
            actor=citizen,
            category=regulations,
            area=world.dept,
            title="Tiêu đề",
            description="Nội dung",
            regulation="Quyết định 1/2026",
            regulation_content="",
        )
    assert refused.value.fields.keys() == {"regulation_content"}


def test_each_form_offers_only_its_own_categories(client, world, citizen, regulations, lighting):
    client.force_login(citizen)
    problem = client.get(reverse("feedback:report-create")).context["form"]
    regulation = client.get(reverse("feedback:report-create") + "?kind=regulation")

    assert list(problem.fields["category"].queryset) == [lighting]
    assert list(regulation.context["form"].fields["category"].queryset) == [regulations]
    wrong = client.post(
        reverse("feedback:report-create"),
        {"category": regulations.pk, "area": world.commune_a.pk, "title": "T", "address": "A"},
    )
    assert wrong.status_code == 400 and "category" in wrong.context["form"].errors
