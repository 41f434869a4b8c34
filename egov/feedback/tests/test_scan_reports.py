"""Reports on a product sent from its public scan page: no login, the contact optional, a photo
through the project's file intake, routed to the producer's area like every report, audited,
once per form, limited per address."""

from __future__ import annotations

import io

import pytest
from django.test import override_settings
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.feedback.choices import PRODUCT_CATEGORY, Channel, FeedbackAuditAction
from egov.feedback.models import Category, Report
from egov.feedback.selectors import report_list_for_officer
from egov.feedback.tests.conftest import photo_bytes

pytestmark = pytest.mark.django_db
URL = "feedback:report-scan"


def _post(client, world, **extra):
    body = {
        "description": "Bưởi bị dập và có mùi lạ.",
        "area_id": world.commune_a.pk,
        "subject": "Bưởi Diễn · lô BD2026-01",
        "address": "Phúc Xá, Ba Đình",
        "link": "/01/08936047120011/10/BD2026-01",
        "request_key": "k-1",
        **extra,
    }
    return client.post(reverse(URL), body)


def test_the_category_comes_with_the_migrations():
    assert Category.objects.get(code=PRODUCT_CATEGORY).routing == "area"


def test_a_consumer_without_login_reports_and_the_district_officer_sees_it(client, world):
    district = make_officer("nongnghiep@example.vn", world.district_a, "specialist", subtree=True)
    photo = io.BytesIO(photo_bytes())
    photo.name = "buoi.jpg"

    sent = _post(client, world, photos=[photo], contact_phone="0912345678")

    assert sent.status_code == 302
    assert sent["Location"] == "/01/08936047120011/10/BD2026-01"
    report = Report.objects.get()
    assert report.channel == Channel.SCAN
    assert report.reporter is None
    assert report.unit == world.commune_a
    assert report.category.code == PRODUCT_CATEGORY
    assert "Bưởi Diễn · lô BD2026-01" in report.title
    assert report.description.endswith("/01/08936047120011/10/BD2026-01")
    assert report.contact_phone == "0912345678"
    assert report.photos.count() == 1
    assert report in report_list_for_officer(district)
    audit = AuditEvent.objects.get(action=FeedbackAuditAction.REPORT_SUBMITTED)
    assert audit.actor is None
    assert audit.changes["channel"] == "scan"


def test_a_double_submit_sends_one_report(client, world):
    _post(client, world)
    _post(client, world)

    assert Report.objects.count() == 1


def test_the_page_is_prefilled_from_the_link_and_refused_without_it(client, world):
    page = client.get(
        reverse(URL), {"area_id": world.commune_a.pk, "subject": "Gạo nếp · lô G1", "link": "/x"}
    )
    bare = client.get(reverse(URL))

    assert page.status_code == 200
    assert 'value="Gạo nếp · lô G1"' in page.content.decode()
    assert bare.status_code == 400
    assert "<form" not in bare.content.decode().split("<main", 1)[-1]


def test_bad_input_is_a_400_naming_the_field_and_stores_nothing(client, world):
    empty = _post(client, world, description="   ")
    fake = io.BytesIO(b"%PDF-1.4 not a photo")
    fake.name = "a.jpg"
    pdf = _post(client, world, photos=[fake], request_key="k-2")
    gone = _post(client, world, area_id=999999, request_key="k-3")

    assert empty.status_code == 400
    assert pdf.status_code == 422
    assert gone.status_code == 422
    assert "không còn ghi đơn vị tiếp nhận" in gone.content.decode()
    assert Report.objects.count() == 0


def test_a_link_to_another_site_is_not_followed(client, world):
    sent = _post(client, world, link="https://evil.example/")

    assert sent["Location"] == reverse("feedback:report-list")


@override_settings(EGOV_FEEDBACK_SCAN_REPORTS_PER_HOUR=2)
def test_a_flood_from_one_address_is_refused_with_a_429(client, world):
    codes = [_post(client, world, request_key=f"k-{n}").status_code for n in range(3)]

    assert codes == [302, 302, 429]
    assert Report.objects.count() == 2


def test_without_the_category_in_use_nothing_is_stored(client, world):
    Category.objects.filter(code=PRODUCT_CATEGORY).update(is_active=False)

    refused = _post(client, world)

    assert refused.status_code == 422
    assert Report.objects.count() == 0
