"""The disclosure demo (issue 26's Done when): duties and items for several units (two
communes and a department), one commune late on the city office's list, a posting confirmed
with a photo, one open and one closed consultation (its synthesis issued, the adopted plan
linked), with an intact audit chain."""

from __future__ import annotations

from django.utils import timezone

from conftest import PASSWORD, make_officer
from egov.accounts.services import public_account_register
from egov.audit.selectors import audit_chain_verify
from egov.disclosure import selectors
from egov.disclosure.choices import ConsultationStatus
from egov.disclosure.demo import disclosure_demo_load
from egov.disclosure.models import Consultation, Item, Posting
from egov.documents.choices import DocumentStatus
from egov.orgs.models import OrgUnit


def test_the_demo_has_items_of_several_units_and_an_open_and_a_closed_consultation(
    world,
    pki,
    pki_material,
):
    OrgUnit.objects.filter(pk=world.commune_a.pk).update(short_name="PX")
    world.commune_a.refresh_from_db()
    pki.issue(world.commune_a)
    local_head = make_officer("chutich.a@example.vn", world.commune_a, "unit_head", subtree=True)
    other_head = make_officer("chutich.b@example.vn", world.commune_b, "unit_head", subtree=True)
    department_officer = make_officer("so@example.vn", world.dept, "specialist")
    office = make_officer("vp@example.vn", world.city, "unit_head", subtree=True)
    for name, phone, number in (
        ("Nguyễn Văn An", "0912000111", "001085000111"),
        ("Trần Thị Bình", "0912000222", "001190000222"),
    ):
        public_account_register(full_name=name, password=PASSWORD, phone=phone, citizen_id=number)

    made = disclosure_demo_load(
        local=world.commune_a,
        other=world.commune_b,
        local_head=local_head,
        other_head=other_head,
        department=world.dept,
        department_officer=department_officer,
    )

    assert made == {"disclosure items": 8, "consultations": 2}
    assert set(Item.objects.values_list("unit_id", flat=True)) == {
        world.commune_a.pk,
        world.commune_b.pk,
        world.dept.pk,
    }
    assert Posting.objects.filter(item__unit=world.commune_a).count() == 1
    late = selectors.late_rows_for_user(office, timezone.localdate())
    assert world.commune_b.pk in {row.unit.pk for row in late}
    statuses = dict(Consultation.objects.values_list("status", "pk"))
    assert set(statuses) == {ConsultationStatus.OPEN, ConsultationStatus.ADOPTED}
    closed = Consultation.objects.get(status=ConsultationStatus.ADOPTED)
    assert closed.synthesis.status == DocumentStatus.ISSUED
    assert closed.adopted is not None
    assert closed.comments.received().count() == 3
    assert Consultation.objects.get(status="open").comments.received().count() == 2
    assert audit_chain_verify().is_intact
