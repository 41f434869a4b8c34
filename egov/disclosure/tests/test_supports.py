"""Supporting a comment without an account: a code to the e-mail address or phone number given,
counted once typed back; once per person (a contact, or an account with that contact); not
for a consultation that asks only businesses or agencies; the pages end to end."""

from __future__ import annotations

import pytest
from django.core import mail, signing
from django.urls import reverse

from egov.audit.models import AuditEvent
from egov.common.exceptions import PermissionDenied
from egov.disclosure import services
from egov.disclosure.choices import SupportStatus
from egov.disclosure.exceptions import DisclosureError
from egov.disclosure.models import Support
from egov.disclosure.tests.conftest import at
from egov.disclosure.tests.test_services import open_consultation
from egov.disclosure.tests.test_without_account import _english, code_in  # noqa: F401
from egov.disclosure.views_codes import SUPPORT_SALT


@pytest.fixture
def comment(clock, world, people, draft):
    consultation = open_consultation(world, people, draft)
    return services.comment_send(
        actor=people.citizen, consultation=consultation, body="Cần thêm chỉ tiêu cấp xã."
    )


def test_a_support_without_account_counts_once_the_code_is_typed_back(
    comment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = services.comment_support_without_account(comment=comment, contact="Lan@Example.vn")
        again = services.comment_support_without_account(comment=comment, contact="lan@example.vn")
    comment.refresh_from_db()
    assert (held.pk, held.status, comment.support_count) == (again.pk, SupportStatus.PENDING, 0)
    assert [m.to for m in mail.outbox] == [["lan@example.vn"]]  # the double click: one code

    with pytest.raises(DisclosureError) as wrong:
        services.support_confirm(support=held, code="x")
    done = services.support_confirm(support=held, code=code_in(mail.outbox[0].body))
    services.support_confirm(support=held, code=code_in(mail.outbox[0].body))
    comment.refresh_from_db()

    assert wrong.value.fields == {"code": "The code is wrong."}
    assert (done.status, done.contact, done.code_digest) == (SupportStatus.CONFIRMED, "", "")
    assert comment.support_count == 1
    assert AuditEvent.objects.filter(action="disclosure.support_sent").count() == 1
    assert AuditEvent.objects.filter(action="disclosure.comment_supported").count() == 1
    with pytest.raises(DisclosureError) as twice:
        services.comment_support_without_account(comment=comment, contact="lan@example.vn")
    assert twice.value.fields == {"comment": "You already support this comment."}


def test_one_person_supports_once_with_or_without_an_account(
    comment, people, django_capture_on_commit_callbacks
):
    other = people.other_citizen  # phone 0912000222
    services.comment_support(actor=other, comment=comment)

    with pytest.raises(DisclosureError) as by_phone:
        services.comment_support_without_account(comment=comment, contact="+84 912 000 222")

    with django_capture_on_commit_callbacks(execute=True):
        held = services.comment_support_without_account(comment=comment, contact="hoa@example.vn")
    services.support_confirm(support=held, code=code_in(mail.outbox[-1].body))
    comment.refresh_from_db()

    assert by_phone.value.code == "already"
    assert comment.support_count == 2
    assert Support.objects.filter(status=SupportStatus.CONFIRMED).count() == 2


@pytest.mark.parametrize(
    ("audience", "sector"), [("businesses", "Xây dựng"), ("agencies", "")], ids=str
)
def test_no_support_without_account_where_the_audience_is_not_the_public(
    clock, world, people, draft, audience, sector
):
    consultation = open_consultation(world, people, draft, audience=audience, sector=sector)
    comment = services.comment_record_meeting(
        actor=people.consulting_officer,
        consultation=consultation,
        author_name="Tổ dân phố 5",
        body="Ý kiến tại hội nghị.",
    )

    with pytest.raises(PermissionDenied):
        services.comment_support_without_account(comment=comment, contact="lan@example.vn")

    assert (Support.objects.count(), len(mail.outbox)) == (0, 0)


def test_bad_contacts_and_closed_consultations_are_refused(comment, clock):
    with pytest.raises(Exception) as bad:
        services.comment_support_without_account(comment=comment, contact="không phải")
    clock.set(at(2026, 3, 17))
    with pytest.raises(DisclosureError) as closed:
        services.comment_support_without_account(comment=comment, contact="lan@example.vn")

    assert bad.value.fields == {
        "contact": "Enter a valid Vietnamese phone number or an e-mail address."
    }
    assert closed.value.code == "closed"
    assert (Support.objects.count(), len(mail.outbox)) == (0, 0)


def test_the_support_pages_without_an_account(
    client, comment, clock, django_capture_on_commit_callbacks
):
    consultation_url = reverse("disclosure:consultation-detail", args=[comment.consultation_id])
    support_url = reverse("disclosure:comment-support", args=[comment.pk])
    page = client.get(consultation_url, HTTP_ACCEPT_LANGUAGE="en")
    assert f'href="{support_url}"' in page.content.decode()

    form = client.get(support_url, HTTP_ACCEPT_LANGUAGE="en")
    empty = client.post(support_url, {"contact": ""}, HTTP_ACCEPT_LANGUAGE="en")
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(support_url, {"contact": "hoa@example.vn"}, HTTP_ACCEPT_LANGUAGE="en")
    confirm = sent["Location"]
    wrong = client.post(confirm, {"code": "000000x"}, HTTP_ACCEPT_LANGUAGE="en")
    code = code_in(mail.outbox[-1].body)
    done = client.post(confirm, {"code": code}, HTTP_ACCEPT_LANGUAGE="en")
    comment.refresh_from_db()

    assert form.status_code == 200 and "Send me the code" in form.content.decode()
    assert empty.status_code == 400
    assert confirm.startswith("/disclosure/supports/confirm/")
    assert wrong.status_code == 400
    assert (done.status_code, done["Location"]) == (302, consultation_url)
    assert comment.support_count == 1
    assert client.get(confirm).status_code == 302  # already counted
    forged = reverse("disclosure:support-confirm", args=[signing.dumps(999, salt="other")])
    assert client.get(forged).status_code == 404
    assert signing.loads(confirm.split("/")[-2], salt=SUPPORT_SALT) == Support.objects.get().pk


def test_officers_do_not_support(client, comment, people):
    client.force_login(people.consulting_officer)

    answer = client.post(reverse("disclosure:comment-support", args=[comment.pk]))

    assert answer.status_code == 403
    assert Support.objects.count() == 0


def test_the_author_without_an_account_does_not_support_their_own_comment(
    comment, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        own = services.comment_send_without_account(
            consultation=comment.consultation,
            author_name="Lê Thị Khách",
            contact="khach@example.vn",
            body="Cần công khai tiến độ.",
        )
    services.comment_confirm(comment=own, code=code_in(mail.outbox[-1].body))
    own.refresh_from_db()

    with pytest.raises(DisclosureError) as refused:
        services.comment_support_without_account(comment=own, contact="Khach@Example.vn")

    assert refused.value.code == "not_supportable"
    assert Support.objects.count() == 0
    services.comment_support(actor=people.other_citizen, comment=own)  # others may
    own.refresh_from_db()
    assert own.support_count == 1
