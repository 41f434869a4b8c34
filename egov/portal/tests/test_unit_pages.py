"""Agency public pages (Decree 43/2011/NĐ-CP art. 10): the page gathers leaders, organisation,
procedures, press releases, announcements and answered questions; only the unit's officers
write its profile and announcements, sanitised, audited, once per double click."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.feedback import services as feedback
from egov.feedback.models import Question
from egov.onestop.tests.factories import ProcedureFactory
from egov.portal import services
from egov.portal.models import UnitPost, UnitProfile
from egov.portal.services import PageError

pytestmark = pytest.mark.django_db

#: The unit page of an anonymous visitor: unit, posts, profile, units above and below, leaders,
#: procedures, press releases, answers, answered reports.
QUERIES_ANONYMOUS = 10


@pytest.fixture
def ward_head(world):
    return make_officer("chutich.phucxa@example.vn", world.commune_a, "unit_head")


@pytest.fixture
def published(world, citizen, ward_head):
    question = feedback.question_ask(
        actor=citizen, unit=world.commune_a, title="Đăng ký khai sinh", body="Cần gì?"
    )
    feedback.question_answer(actor=ward_head, question=question, answer="Cần tờ khai.")
    return feedback.question_publish(
        actor=ward_head,
        question=question,
        public_title="Đăng ký khai sinh cho trẻ",
        public_body="Đăng ký khai sinh cần gì?",
    )


def _post(actor, unit, **kw):
    data = {
        "kind": "announcement",
        "title": "Lịch tiếp dân",
        "body": "<p>Thứ Hai</p>",
        "publish": True,
    }
    return services.unit_post_create(actor=actor, unit=unit, **{**data, **kw})


def test_ward_page_shows_leaders_procedures_answers_and_announcements(
    client, world, ward_head, published
):
    ProcedureFactory(name="Đăng ký kết hôn", competent_unit_kind="commune")
    ProcedureFactory(name="Cấp giấy phép xây dựng", level="province", competent_unit_kind="")
    services.unit_profile_update(
        actor=ward_head, unit=world.commune_a, functions="<p>Quản lý hộ tịch</p>", phone="024 1"
    )
    _post(ward_head, world.commune_a)
    _post(ward_head, world.commune_a, title="Bản nháp", publish=False)

    page = client.get(reverse("portal:unit-page", args=[world.commune_a.pk])).content.decode()

    assert "Chutich.Phucxa" in page
    assert "Đăng ký kết hôn" in page
    assert "Cấp giấy phép xây dựng" not in page
    assert "Đăng ký khai sinh cho trẻ" in page
    assert "Quản lý hộ tịch" in page
    assert "Lịch tiếp dân" in page
    assert "Bản nháp" not in page
    assert world.district_a.name in page


def test_department_page_lists_the_procedures_naming_it(client, world):
    ProcedureFactory(
        name="Cấp giấy phép bưu chính",
        level="province",
        competent_unit_kind="department",
        competent_authority="Sở Thông tin và Truyền thông",
    )
    ProcedureFactory(
        name="Cấp phép khai thác nước",
        level="province",
        competent_unit_kind="department",
        competent_authority="Sở Nông nghiệp và Môi trường",
    )

    page = client.get(reverse("portal:unit-page", args=[world.dept.pk])).content.decode()

    assert "Cấp giấy phép bưu chính" in page
    assert "Cấp phép khai thác nước" not in page


def test_every_unit_has_a_page_and_the_list_links_it(client, world):
    listing = client.get(reverse("portal:unit-list"), {"q": "phuc xa"}).content.decode()
    division = client.get(reverse("portal:unit-page", args=[world.division_a.pk]))

    assert reverse("portal:unit-page", args=[world.commune_a.pk]) in listing
    assert world.commune_b.name not in listing
    assert division.status_code == 200


def test_post_body_is_sanitised_and_audited(world, ward_head):
    post = _post(
        ward_head,
        world.commune_a,
        body='<p onclick="x()">Họp <script>alert(1)</script><a href="javascript:x">dân</a></p>',
    )

    assert post.body == '<p>Họp <a rel="noopener noreferrer">dân</a></p>'
    event = AuditEvent.objects.get(action="portal.unit_post_created")
    assert (event.object_id, event.changes["kind"]) == (str(post.pk), "announcement")


def test_double_submission_makes_one_post(world, ward_head):
    first = _post(ward_head, world.commune_a, request_key="k1")
    again = _post(ward_head, world.commune_a, request_key="k1")

    assert first.pk == again.pk
    assert UnitPost.objects.count() == 1
    assert AuditEvent.objects.filter(action="portal.unit_post_created").count() == 1


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "   ", "required"),
        ("body", "<script>alert(1)</script><div><br></div>", "required"),
        ("body", "<p>" + "x" * 50_001 + "</p>", "too_long"),
        ("kind", "news", "invalid"),
    ],
)
def test_bad_post_is_refused_with_nothing_written(world, ward_head, field, value, code):
    with pytest.raises(PageError) as refused:
        _post(ward_head, world.commune_a, **{field: value})

    assert (refused.value.code, list(refused.value.fields)) == (code, [field])
    assert UnitPost.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="portal.").exists()


@pytest.mark.parametrize("who", ["other_ward_head", "citizen", "dept_officer"])
def test_only_the_units_officers_write_its_page(world, citizen, who):
    actors = {
        "other_ward_head": lambda: make_officer(
            "ct.hangtrong@example.vn", world.commune_b, "unit_head"
        ),
        "citizen": lambda: citizen,
        "dept_officer": lambda: make_officer("cv.stttt@example.vn", world.dept, "specialist"),
    }
    actor = actors[who]()

    with pytest.raises(PermissionDenied):
        _post(actor, world.commune_a)
    with pytest.raises(PermissionDenied):
        services.unit_profile_update(actor=actor, unit=world.commune_a, functions="<p>x</p>")

    assert (UnitPost.objects.count(), UnitProfile.objects.count()) == (0, 0)
    assert not AuditEvent.objects.filter(action__startswith="portal.").exists()


def test_district_head_over_the_subtree_writes_the_wards_page(world, unit_head):
    profile = services.unit_profile_update(
        actor=unit_head, unit=world.commune_a, functions="<p>Chức năng</p>", email="a@b.vn"
    )
    same = services.unit_profile_update(
        actor=unit_head, unit=world.commune_a, functions="<p>Chức năng</p>", email="a@b.vn"
    )

    assert (profile.functions, same.version) == ("<p>Chức năng</p>", 2)
    event = AuditEvent.objects.get(action="portal.unit_profile_updated")
    assert event.changes["fields"] == ["functions", "email"]


def test_update_publishes_a_draft_and_keeps_the_first_publication(world, ward_head):
    draft = _post(ward_head, world.commune_a, publish=False)

    published = services.unit_post_update(
        actor=ward_head, post=draft, kind="plan", title="Kế hoạch", body="<p>Năm</p>", publish=True
    )

    assert (published.kind, published.is_published, published.version) == ("plan", True, 2)
    assert published.published_at is not None
    event = AuditEvent.objects.get(action="portal.unit_post_updated")
    assert event.changes["fields"] == [
        "kind",
        "title",
        "body",
        "is_published",
        "published_at",
    ]


def test_officer_edits_through_the_pages(client, world, ward_head):
    client.force_login(ward_head)
    url = reverse("portal:unit-post-create", args=[world.commune_a.pk])
    data = {
        "kind": "announcement",
        "title": "Thông báo",
        "body": "<p>Nội dung</p>",
        "publish": "on",
        "request_key": "abc",
    }

    form = client.get(url)
    first = client.post(url, data)
    second = client.post(url, data)
    empty = client.post(url, {**data, "body": "<script>x</script>", "request_key": "z"})
    post = UnitPost.objects.get()
    public = client.get(reverse("portal:unit-post", args=[world.commune_a.pk, post.pk]))

    assert form.status_code == 200
    assert "vendor/trix/trix.umd.min.js" in form.content.decode()
    assert "'nonce-" in form["Content-Security-Policy"]
    assert (first.status_code, second.status_code, empty.status_code) == (302, 302, 400)
    assert "Trường này là bắt buộc." in empty.content.decode()
    assert "<p>Nội dung</p>" in public.content.decode()


def test_others_get_404_on_the_editing_pages(client, world, citizen):
    other = make_officer("ct.hangtrong@example.vn", world.commune_b, "unit_head")
    post = _post(
        make_officer("ct.phucxa@example.vn", world.commune_a, "unit_head"), world.commune_a
    )
    edit = reverse("portal:unit-post-edit", args=[world.commune_a.pk, post.pk])
    client.force_login(other)

    assert (
        client.get(reverse("portal:unit-page-edit", args=[world.commune_a.pk])).status_code == 404
    )
    assert client.post(edit, {"kind": "plan", "title": "x", "body": "y"}).status_code == 404
    assert UnitPost.objects.get().title == "Lịch tiếp dân"


def test_contact_form_creates_a_question_for_the_unit(client, world, citizen):
    client.force_login(citizen)
    page = client.get(reverse("portal:unit-page", args=[world.commune_a.pk])).content.decode()
    data = {
        "unit": world.commune_a.pk,
        "title": "Hỏi",
        "body": "Giờ làm việc?",
        "request_key": "q1",
    }

    client.post(reverse("feedback:question-ask"), data)
    client.post(reverse("feedback:question-ask"), data)

    assert 'action="/feedback/ask/"' in page
    assert list(Question.objects.values_list("unit_id", "title")) == [(world.commune_a.pk, "Hỏi")]


def test_unit_page_query_count_stays_flat(
    client, world, ward_head, published, django_assert_num_queries
):
    url = reverse("portal:unit-page", args=[world.commune_a.pk])
    for index in range(3):
        ProcedureFactory(name=f"Thủ tục {index}", competent_unit_kind="commune")
        _post(ward_head, world.commune_a, title=f"Thông báo {index}")
        _post(ward_head, world.commune_a, kind="plan", title=f"Kế hoạch {index}")

    with django_assert_num_queries(QUERIES_ANONYMOUS):
        client.get(url)


def test_profile_with_a_bad_email_is_refused(world, ward_head):
    with pytest.raises(PageError) as refused:
        services.unit_profile_update(
            actor=ward_head, unit=world.commune_a, functions="", email="not-an-address"
        )

    assert list(refused.value.fields) == ["email"]
    assert UnitProfile.objects.count() == 0
