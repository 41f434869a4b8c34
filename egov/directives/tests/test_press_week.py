"""A real-shaped week for the press release: a directive registered with its headline and a
task table with a collective assignment and numeric targets, a second directive whose tasks
were entered by hand for every district; a collective is written once, targets stand on the
assignment line, and the release is sent with a cover letter of the registry."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from conftest import make_officer
from egov.audit.models import AuditEvent
from egov.common.exceptions import DomainError
from egov.common.testing import files as samples
from egov.directives.models import Directive, PressRelease, Task
from egov.directives.press.cover_letter import press_release_cover_letter_create
from egov.directives.press.rules import Period
from egov.directives.press.services import press_release_create
from egov.directives.services import (
    TaskData,
    directive_register,
    task_create,
    task_import_apply,
    task_import_create,
)
from egov.directives.tests.conftest import at
from egov.directives.tests.factories import doc_type
from egov.directives.tests.tables import xlsx_bytes
from egov.documents.services import (
    document_approve,
    document_sign_and_issue,
    document_submit_for_review,
)
from egov.orgs.services import orgunit_update

D = datetime.date
WEEK = Period(D(2026, 11, 16), D(2026, 11, 20))
TABLE = [
    [
        "1",
        "Nông nghiệp",
        "",
        "UBND các quận, huyện, thị xã",
        "Tổ chức tiêm phòng vắc xin lở mồm long móng đợt 2",
        "",
        "",
        "31/12/2026",
    ],
    [
        "2",
        "Nông nghiệp",
        "",
        "Sở NN&PTNT",
        "Phát triển nông nghiệp, nông thôn",
        "100 % xã đạt chuẩn nông thôn mới; tổng đàn lợn 1,8 triệu con",
        "",
        "31/12/2026",
    ],
]


@pytest.fixture
def week(world, hanoi, office, clock):
    """Sunday 22 November 2026: Kế hoạch 301 (registered with its headline, tasks imported)
    and Chỉ thị 45 (a task entered by hand for each of the city's four districts)."""
    clock.set(at(2026, 11, 19, 15))
    plan = directive_register(
        actor=office,
        unit=world.city,
        doc_type=doc_type("ke-hoach"),
        number=301,
        notation="KH-UBND",
        issued_on=D(2026, 11, 17),
        subject="V/v triển khai phát triển nông nghiệp năm 2027",
        signer_name="Trần Sỹ Thanh",
        signer_position="Chủ tịch",
        headline="UBND Thành phố yêu cầu bảo đảm an ninh lương thực và phòng dịch gia súc",
    )
    imported = task_import_create(
        actor=office, document=plan, file_name="phu-luc.xlsx", content=xlsx_bytes(TABLE, merges=[])
    )
    task_import_apply(actor=office, task_import=imported, expected_version=imported.version)
    directive = directive_register(
        actor=office,
        unit=world.city,
        doc_type=doc_type("chi-thi"),
        number=45,
        notation="CT-UBND",
        issued_on=D(2026, 11, 19),
        subject="Về tăng cường quản lý trật tự xây dựng",
        signer_name="Trần Sỹ Thanh",
        signer_position="Chủ tịch",
    )
    for district in (world.district_a, world.district_b, hanoi.soc_son, hanoi.son_tay):
        task_create(
            actor=office,
            document=directive,
            data=TaskData(
                content="Kiểm tra trật tự xây dựng trên địa bàn",
                lead_unit=district,
                deadline_on=D(2026, 12, 15),
            ),
        )
    clock.set(at(2026, 11, 22))
    return plan, directive


def test_collective_once_targets_on_the_line_and_the_headline(office, week):
    plan, _directive = week

    release = press_release_create(actor=office, unit=plan.unit, period=WEEK)

    assert Task.objects.filter(document=plan).count() == 5  # one task per district, tracked
    assert [item["headline"] for item in release.items] == [
        "UBND Thành phố yêu cầu bảo đảm an ninh lương thực và phòng dịch gia súc",
        "Về tăng cường quản lý trật tự xây dựng",
    ]
    assert release.items[0]["assignments"] == [
        "UBND các quận, huyện, thị xã chủ trì: tổ chức tiêm phòng vắc xin lở mồm long móng "
        "đợt 2 (thời hạn: 31/12/2026).",
        "Sở Nông nghiệp và Phát triển nông thôn chủ trì: phát triển nông nghiệp, nông thôn; "
        "chỉ tiêu: 100 % xã đạt chuẩn nông thôn mới; tổng đàn lợn 1,8 triệu con "
        "(thời hạn: 31/12/2026).",
    ]
    assert release.items[1]["assignments"] == [
        "UBND các quận, huyện, thị xã chủ trì: kiểm tra trật tự xây dựng trên địa bàn "
        "(thời hạn: 15/12/2026).",
    ]
    assert Directive.objects.get(document=plan).headline.startswith("UBND Thành phố yêu cầu")
    assert AuditEvent.objects.filter(action="directive.headline_set").count() == 1


def test_some_districts_only_are_each_named(office, week, world):
    _plan, directive = week
    Task.objects.filter(document=directive, lead_unit=world.district_b).delete()

    release = press_release_create(
        actor=office, unit=world.city, period=WEEK, document_ids=[directive.pk]
    )

    assert [line.split(" chủ trì")[0] for line in release.items[0]["assignments"]] == [
        "Quận Ba Đình",
        "Huyện Sóc Sơn",
        "Thị xã Sơn Tây",
    ]


def test_none_ticked_is_said_so(office, week, world, client):
    client.force_login(office)

    with pytest.raises(DomainError) as error:
        press_release_create(actor=office, unit=world.city, period=WEEK, document_ids=[])
    expected = {"documents": _("Tick at least one directive of the period.")}
    response = client.post(
        reverse("directives:press-create"),
        {"unit": world.city.pk, "period_start": "2026-11-16", "period_end": "2026-11-20"},
        headers={"Accept-Language": "en"},
    )

    assert error.value.fields == expected
    assert response.status_code == 400
    assert "Tick at least one directive of the period." in response.content.decode()
    assert "No directive of this unit" not in response.content.decode()
    assert PressRelease.objects.count() == 0


def test_cover_letter_is_a_document_of_the_registry_with_its_number(
    office, week, world, monkeypatch
):
    signed = samples.pdf()  # issued without rendering and signing (the registry's own tests)
    monkeypatch.setattr("egov.documents.services.issuing._signed_pdf", lambda document: signed)
    orgunit_update(actor=None, unit=world.city, short_name="UBND")
    drafter = make_officer("chuyenvien.vp@example.vn", world.city, "specialist", subtree=True)
    chairman = make_officer("chutich@example.vn", world.city, "unit_head", subtree=True)
    release = press_release_create(actor=office, unit=world.city, period=WEEK)

    letter = press_release_cover_letter_create(
        actor=drafter, release=release, drafting_unit=world.city_office, expected_version=1
    )
    again = press_release_cover_letter_create(
        actor=drafter, release=release, drafting_unit=world.city_office, expected_version=None
    )
    letter = document_submit_for_review(actor=drafter, document=letter, expected_version=None)
    letter = document_approve(actor=chairman, document=letter, expected_version=None)
    letter = document_sign_and_issue(actor=chairman, document=letter, expected_version=None)
    release.refresh_from_db()
    candidates = press_release_create(
        actor=office, unit=world.city, period=Period(D(2026, 11, 16), D(2026, 11, 22))
    )

    # The registry numbered the directives 301 and 45, the release 302, the letter 303.
    assert (release.number_notation, release.issued_on) == ("302/TCBC-UBND", D(2026, 11, 22))
    assert again.pk == letter.pk
    assert release.cover_letter_id == letter.pk
    assert (letter.status, letter.doc_type.code, letter.number_notation) == (
        "issued",
        "cong-van",
        "303/UBND-VP",
    )
    assert letter.subject == "V/v gửi Thông cáo báo chí số 302/TCBC-UBND"
    assert letter.recipients_text == release.recipients_text
    assert [f.kind for f in letter.files.all()].count("attachment") == 1
    assert letter.pk not in {d.pk for d in candidates.documents.all()}
    assert AuditEvent.objects.filter(action="press_release.cover_letter_drafted").count() == 1
