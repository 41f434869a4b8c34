"""Any province, not only Hà Nội: the current structure of each of the 34 provinces from the
vietnam-provinces package (`egov load_orgs --province`), with agency codes given by the
deployment."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from egov.orgs.levels import level_of
from egov.orgs.loaders import (
    DatasetInvalid,
    dataset_read,
    iter_units,
    orgs_dataset_load,
    province_code_find,
    province_dataset_name,
)
from egov.orgs.models import OrgUnit


@pytest.mark.parametrize(
    "text", ["22", "quang_ninh", "Quảng Ninh", "Tỉnh Quảng Ninh", "tỉnh quảng ninh"]
)
def test_a_province_is_found_by_code_code_name_or_name(text):
    assert province_code_find(text) == 22


def test_an_unknown_province_lists_the_known_ones():
    with pytest.raises(DatasetInvalid) as caught:
        province_code_find("Hà Tây")

    assert "22 Quảng Ninh" in caught.value.message


def test_every_province_has_a_dataset_that_reads():
    from vietnam_provinces import Province

    provinces = list(Province.iter_all())
    specs = [dataset_read(province_dataset_name(int(p.code))) for p in provinces]

    assert len(specs) == 34
    for spec in specs:
        (root,) = spec.roots
        communes = [u for u in iter_units(spec.roots) if u.kind == "commune"]
        assert root.kind == "province"
        assert root.name.startswith(("Tỉnh ", "Thành phố "))
        assert communes and all(c.admin_code_scheme == "QD19-2025" for c in communes)
        assert all(len(c.children) == 4 for c in communes)


@pytest.mark.django_db
def test_load_orgs_loads_another_province_with_its_agency_codes(tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text(
        "unit,agency_code\nTỉnh Quảng Ninh,000.00.00.H41\n07090,000.00.01.H41\n",
        encoding="utf-8",
    )
    out = io.StringIO()

    call_command("load_orgs", "--province", "Quảng Ninh", "--agency-codes", codes, stdout=out)

    province = OrgUnit.objects.get(kind="province")
    assert province.name == "Tỉnh Quảng Ninh"
    assert (province.agency_code, province.agency_code_status) == ("000.00.00.H41", "confirmed")
    communes = OrgUnit.objects.active().filter(kind="commune")
    assert communes.count() == 54
    assert not OrgUnit.objects.filter(kind="district").exists()
    ward = communes.get(admin_code="07090")
    assert (ward.name, ward.agency_code) == ("Phường An Sinh", "000.00.01.H41")
    desk = ward.children.get(kind="one_stop_desk")
    assert desk.name == "Trung tâm Phục vụ hành chính công phường An Sinh"
    assert level_of(desk) == "commune"
    assert OrgUnit.objects.filter(kind="department", parent=province).count() == 12
    assert "vn-2025-22" in out.getvalue()
    # loading again with the same codes changes nothing
    again = orgs_dataset_load(
        actor=None,
        name="vn-2025-22",
        agency_codes={"Tỉnh Quảng Ninh": "000.00.00.H41", "07090": "000.00.01.H41"},
    )
    assert again.changed == 0


@pytest.mark.django_db
def test_agency_codes_for_units_the_dataset_lacks_are_refused(tmp_path):
    codes = tmp_path / "codes.csv"
    codes.write_text("Phường Không Có,000.00.01.H41\n07090,not-a-code\n", encoding="utf-8")

    with pytest.raises(CommandError) as caught:
        call_command("load_orgs", "--province", "22", "--agency-codes", codes)

    assert "Phường Không Có" in str(caught.value)
    assert "NOT-A-CODE" in str(caught.value)
    assert not OrgUnit.objects.exists()


def test_load_orgs_wants_a_dataset_or_a_province():
    with pytest.raises(CommandError):
        call_command("load_orgs")
    with pytest.raises(CommandError):
        call_command("load_orgs", "hanoi-2025", "--province", "22")
