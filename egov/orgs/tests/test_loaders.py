"""Loading the shipped Hà Nội org datasets: counts, history across snapshots, idempotency."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from egov.accounts.services import officer_account_create
from egov.audit.models import AuditEvent
from egov.orgs.loaders import (
    DATASET_NAMES,
    DatasetConflict,
    DatasetInvalid,
    DatasetSpec,
    LoadReport,
    UnitSpec,
    agency_code_is_valid,
    dataset_read,
    iter_units,
    orgs_dataset_load,
    orgunit_now_named,
)
from egov.orgs.loaders import apply as loader_apply
from egov.orgs.loaders.specs import dataset_header
from egov.orgs.models import OrgUnit, OrgUnitName
from egov.orgs.services import membership_grant

OLD, NEW = "QD124-2004", "QD19-2025"
REFORM_EVE = datetime.date(2025, 6, 30)


def load(name: str) -> LoadReport:
    return orgs_dataset_load(actor=None, name=name)


def active(kind: str) -> int:
    return OrgUnit.objects.active().filter(kind=kind).count()


def by_code(scheme: str, code: str) -> OrgUnit:
    return OrgUnit.objects.get(admin_code_scheme=scheme, admin_code=code)


@pytest.mark.django_db
def test_hanoi_2020_builds_three_levels_and_reloads_without_change():
    report = load("hanoi-2020")
    events = AuditEvent.objects.count()

    again = load("hanoi-2020")

    assert (report.created, report.updated, report.closed) == (869, 0, 0)
    assert (active("province"), active("district"), active("commune")) == (1, 30, 579)
    assert (active("department"), active("division"), active("one_stop_desk")) == (18, 210, 31)
    assert again == LoadReport(dataset="hanoi-2020", created=0, updated=0, closed=0)
    assert AuditEvent.objects.count() == events
    assert OrgUnit.objects.count() == 869
    assert set(OrgUnit.objects.values_list("dataset", flat=True)) == {"hanoi-2020"}
    assert by_code(OLD, "001").name == "Quận Ba Đình"
    assert by_code(OLD, "00001").name == "Phường Phúc Xá"
    assert by_code(OLD, "00004").name == "Phường Trúc Bạch"


@pytest.mark.django_db
def test_hanoi_2025_01_into_empty_db_creates_the_early_2025_structure():
    report = load("hanoi-2025-01")

    city, ba_dinh, soc_son = by_code(OLD, "01"), by_code(OLD, "001"), by_code(OLD, "016")
    phuc_xa = by_code(OLD, "00001")
    district_units = ba_dinh.children.exclude(kind="commune")
    assert report.created == 816
    assert (active("province"), active("district"), active("commune")) == (1, 30, 526)
    assert (city.name, city.agency_code, city.agency_code_status) == (
        "Thành phố Hà Nội", "000.00.00.H26", "unconfirmed")  # fmt: skip
    assert (ba_dinh.name, ba_dinh.kind, ba_dinh.parent, ba_dinh.depth) == (
        "Quận Ba Đình", "district", city, 1)  # fmt: skip
    assert (ba_dinh.agency_code, ba_dinh.agency_code_status) == ("000.00.20.H26", "illustrative")
    assert (phuc_xa.name, phuc_xa.kind, phuc_xa.depth) == ("Phường Phúc Xá", "commune", 2)
    assert phuc_xa.path == f"/{city.pk}/{ba_dinh.pk}/{phuc_xa.pk}/"
    assert by_code(OLD, "00004").name == "Phường Trúc Bạch"
    assert by_code(OLD, "00181").name == "Phường Văn Miếu - Quốc Tử Giám"
    assert by_code(OLD, "00181").valid_from is None
    assert sorted(district_units.values_list("short_name", flat=True)) == [
        "", "NV", "QLĐT", "TCKH", "TNMT", "TP", "VHTT", "VP"]  # fmt: skip
    assert district_units.get(kind="one_stop_desk").name == (
        "Bộ phận Tiếp nhận và Trả kết quả quận Ba Đình")  # fmt: skip
    assert soc_son.children.filter(name="Phòng Kinh tế và Hạ tầng huyện Sóc Sơn").exists()
    assert not soc_son.children.filter(short_name="QLĐT").exists()
    assert city.children.get(short_name="STTTT").agency_code == "000.00.05.H26"


@pytest.mark.django_db
def test_hanoi_2025_01_on_top_of_hanoi_2020_applies_the_change_as_history():
    load("hanoi-2020")

    report = load("hanoi-2025-01")
    again = load("hanoi-2025-01")

    assert (report.created, report.updated, report.closed) == (0, 33, 53)
    assert again.changed == 0
    assert active("commune") == 526
    assert OrgUnit.objects.filter(kind="commune", status="merged").count() == 53
    gone = by_code(OLD, "00184")
    assert (gone.name, gone.status, gone.valid_to, gone.successor) == (
        "Phường Quốc Tử Giám", "merged", datetime.date(2025, 1, 3), None)  # fmt: skip
    assert AuditEvent.objects.filter(action="orgunit.merged", object_id=str(gone.pk)).exists()
    renamed = by_code(OLD, "00181")
    history = list(
        OrgUnitName.objects.filter(unit=renamed)
        .order_by("pk")
        .values_list("name", "valid_from", "valid_to")
    )
    assert history == [
        ("Phường Văn Miếu", None, datetime.date(2025, 1, 3)),
        ("Phường Văn Miếu - Quốc Tử Giám", datetime.date(2025, 1, 4), None),
    ]
    assert renamed.dataset == "hanoi-2020"


@pytest.mark.django_db
def test_hanoi_2025_into_empty_db_creates_126_communes_under_the_city():
    report = load("hanoi-2025")
    events = AuditEvent.objects.count()

    again = load("hanoi-2025")

    communes = OrgUnit.objects.active().filter(kind="commune")
    # the city, 17 bodies, its centre, 126 communes; each commune: office, 2 divisions, centre
    assert report.created == 145 + 126 * 4
    assert communes.count() == 126
    assert communes.filter(name__startswith="Phường ").count() == 51
    assert communes.filter(name__startswith="Xã ").count() == 75
    assert set(communes.values_list("admin_code_scheme", "valid_from", "depth").distinct()) == {
        (NEW, datetime.date(2025, 7, 1), 1)
    }
    assert active("district") == 0
    assert active("department") == 17
    assert not OrgUnit.objects.filter(name="Sở Thông tin và Truyền thông").exists()
    assert by_code(NEW, "00004").name == "Phường Ba Đình"
    assert sorted(by_code(NEW, "00004").children.values_list("name", flat=True)) == [
        "Phòng Kinh tế, Hạ tầng và Đô thị phường Ba Đình",
        "Phòng Văn hóa - Xã hội phường Ba Đình",
        "Trung tâm Phục vụ hành chính công phường Ba Đình",
        "Văn phòng HĐND và UBND phường Ba Đình",
    ]
    assert OrgUnit.objects.get(name="Phòng Kinh tế xã Sóc Sơn").parent.name == "Xã Sóc Sơn"
    assert again.changed == 0
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_hanoi_2025_on_top_of_pre_reform_dissolves_the_district_level():
    load("hanoi-2025-01")
    city = by_code(OLD, "01")
    ba_dinh = by_code(OLD, "001")
    officer = officer_account_create(
        actor=None, full_name="Lê Văn Quận", email="le.quan@example.vn", password="x-Mật-khẩu-2026"
    )
    membership_grant(
        actor=None,
        user=officer,
        unit=ba_dinh,
        role="specialist",
        started_on=datetime.date(2024, 1, 1),
    )

    report = load("hanoi-2025")

    city.refresh_from_db()
    ba_dinh.refresh_from_db()
    officer.refresh_from_db()
    # 5 new city bodies; 6 earlier ones merged into the current ones on 2025-03-01
    assert (report.created, report.updated, report.closed) == (126 * 5 + 5, 1, 526 + 30 * 9 + 6)
    assert (city.admin_code_scheme, city.status) == (NEW, "active")
    assert (ba_dinh.status, ba_dinh.valid_to) == ("dissolved", REFORM_EVE)
    assert OrgUnit.objects.filter(kind="district", status="dissolved").count() == 30
    assert not OrgUnit.objects.active().filter(kind="district").exists()
    assert not OrgUnit.objects.active().filter(kind="division", dataset="hanoi-2025-01").exists()
    assert active("one_stop_desk") == 1 + 126
    assert active("commune") == 126
    assert active("department") == 17
    assert by_code(OLD, "00004").name == "Phường Trúc Bạch"
    assert by_code(OLD, "00004").status == "dissolved"
    assert by_code(NEW, "00004").name == "Phường Ba Đình"
    assert by_code(NEW, "00004").parent == city
    assert officer.is_active is False


@pytest.mark.django_db
def test_hanoi_2025_on_top_of_pre_reform_records_the_department_mergers_of_march_2025():
    load("hanoi-2020")
    city = by_code(OLD, "01")
    telecom = OrgUnit.objects.get(parent=city, name="Sở Thông tin và Truyền thông")
    officer = officer_account_create(
        actor=None, full_name="Bùi Thông Tin", email="bui.tt@example.vn", password="x-Mật-khẩu-2026"
    )
    membership_grant(
        actor=None,
        user=officer,
        unit=telecom,
        role="specialist",
        started_on=datetime.date(2024, 1, 1),
    )

    load("hanoi-2025")
    again = load("hanoi-2025")

    telecom.refresh_from_db()
    science = OrgUnit.objects.active().get(parent=city, name="Sở Khoa học và Công nghệ")
    assert (telecom.status, telecom.valid_to, telecom.successor) == (
        "merged", datetime.date(2025, 2, 28), science)  # fmt: skip
    assert science.valid_from == datetime.date(2025, 3, 1)
    merged = {
        u.name: u.successor.name
        for u in OrgUnit.objects.filter(parent=city, kind="department", status="merged")
    }
    assert merged == {
        "Sở Kế hoạch và Đầu tư": "Sở Tài chính",
        "Sở Thông tin và Truyền thông": "Sở Khoa học và Công nghệ",
        "Sở Giao thông vận tải": "Sở Xây dựng",
        "Sở Tài nguyên và Môi trường": "Sở Nông nghiệp và Môi trường",
        "Sở Nông nghiệp và Phát triển nông thôn": "Sở Nông nghiệp và Môi trường",
        "Sở Lao động - Thương binh và Xã hội": "Sở Nội vụ",
    }
    assert OrgUnit.objects.active().filter(parent=city, kind="department").count() == 17
    assert list(officer.memberships.current().values_list("unit__name", "role")) == [
        ("Sở Khoa học và Công nghệ", "specialist")
    ]
    assert AuditEvent.objects.filter(action="orgunit.merged", object_id=str(telecom.pk)).exists()
    assert again.changed == 0


def synthetic(name: str, *districts: UnitSpec) -> DatasetSpec:
    city = UnitSpec(kind="province", name="Tỉnh Thử", admin_code="99", admin_code_scheme="T",
                    children=districts)  # fmt: skip
    return DatasetSpec(name=name, description="", source_version="", supersedes=(),
                       effective_on=datetime.date(2026, 1, 1), absent_units_status="merged",
                       roots=(city,))  # fmt: skip


def district(code: str, *communes: UnitSpec) -> UnitSpec:
    return UnitSpec(kind="district", name=f"Huyện {code}", admin_code=code, admin_code_scheme="T",
                    children=communes)  # fmt: skip


def commune(code: str, name: str) -> UnitSpec:
    desk = UnitSpec(kind="one_stop_desk", name=f"Bộ phận một cửa {code}", short_name="BPMC")
    return UnitSpec(kind="commune", name=name, admin_code=code, admin_code_scheme="T",
                    children=(desk,))  # fmt: skip


@pytest.mark.django_db
def test_a_later_snapshot_moves_renames_and_merges_at_any_depth(monkeypatch):
    first = synthetic("test-1", district("901", commune("90001", "Xã Một"),
                                         commune("90002", "Xã Hai")))  # fmt: skip
    second = synthetic("test-2", district("901"), district("902", commune("90001", "Xã Mới")))
    monkeypatch.setattr(loader_apply, "dataset_read", {"test-1": first, "test-2": second}.get)
    load("test-1")

    report = load("test-2")

    moved, merged = by_code("T", "90001"), by_code("T", "90002")
    new_district = by_code("T", "902")
    desk = moved.children.get()
    assert (report.created, report.updated, report.closed) == (1, 1, 2)
    assert (moved.name, moved.parent, moved.depth) == ("Xã Mới", new_district, 2)
    assert desk.path == f"{moved.path}{desk.pk}/"
    assert desk.depth == 3
    assert (merged.status, merged.valid_to) == ("merged", datetime.date(2025, 12, 31))
    assert merged.children.get().status == "dissolved"
    assert load("test-2").changed == 0


@pytest.mark.django_db
@pytest.mark.parametrize("older", ["hanoi-2020", "hanoi-2025-01"])
def test_an_older_dataset_is_refused_and_changes_nothing(older):
    load("hanoi-2025")
    units, events = OrgUnit.objects.count(), AuditEvent.objects.count()

    with pytest.raises(DatasetConflict):
        load(older)

    assert (OrgUnit.objects.count(), AuditEvent.objects.count()) == (units, events)


@pytest.mark.django_db
def test_a_failure_half_way_leaves_nothing_loaded(monkeypatch):
    real_create = loader_apply.orgunit_create
    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs["name"])
        if len(calls) == 100:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(loader_apply, "orgunit_create", failing_create)

    with pytest.raises(RuntimeError):
        load("hanoi-2025")

    assert (OrgUnit.objects.count(), AuditEvent.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_load_orgs_command_prints_the_report():
    out = io.StringIO()

    call_command("load_orgs", "hanoi-2025", stdout=out)

    assert "Created 649, updated 0, closed 0 org units." in out.getvalue()


@pytest.fixture
def fresh_dataset_cache():
    dataset_read.cache_clear()
    yield
    dataset_read.cache_clear()


def test_a_package_list_that_does_not_match_the_header_is_refused(monkeypatch, fresh_dataset_cache):
    from vietnam_provinces import Ward

    real = Ward.iter_by_province
    monkeypatch.setattr(Ward, "iter_by_province", lambda code: list(real(code))[:-1])

    with pytest.raises(DatasetInvalid):
        dataset_read("hanoi-2025")


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_every_shipped_agency_code_is_valid_and_unique(name):
    units = list(iter_units(dataset_read(name).roots))
    coded = [u for u in units if u.agency_code]

    assert all(agency_code_is_valid(u.agency_code) for u in coded)
    assert len({u.agency_code for u in coded}) == len(coded)
    assert {u.agency_code_status for u in coded} <= {"unconfirmed", "illustrative"}
    assert [u.agency_code for u in units if u.agency_code_status == "unconfirmed"] == [
        "000.00.00.H26"
    ]


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("000.00.00.H26", True),
        ("000.00.18.G12", True),
        ("000.00.20.H26", True),
        ("00.00.H29", False),
        ("000.00.00.h26", False),
        ("000.00.00.Z26", False),
        ("H55.242", False),
        ("", False),
    ],
)
def test_agency_code_is_valid(code, valid):
    assert agency_code_is_valid(code) is valid


@pytest.mark.parametrize(
    "name", [*DATASET_NAMES, "hanoi-city-bodies", "hanoi-city-bodies-2025", "hanoi-district-units"]
)
def test_every_dataset_file_has_the_header(name):
    header = dataset_header(name)

    assert header["name"] == name
    assert {"description", "source", "source_version", "data_date", "as_of", "counts"} <= set(
        header
    )


@pytest.mark.django_db
def test_a_merged_city_body_is_found_under_the_body_that_took_it_over():
    load("hanoi-2025")
    science = OrgUnit.objects.active().get(name="Sở Khoa học và Công nghệ")

    # not in this tree: the shipped datasets say who took it over
    assert orgunit_now_named("Sở Thông tin và Truyền thông") == science
    assert orgunit_now_named("Sở Khoa học và Công nghệ") == science
    assert orgunit_now_named("Sở Giao thông vận tải").name == "Sở Xây dựng"
    assert orgunit_now_named("Sở Không Có") is None


@pytest.mark.django_db
def test_a_merged_city_body_in_the_tree_leads_to_its_successor():
    load("hanoi-2020")
    load("hanoi-2025")

    assert orgunit_now_named("Sở Kế hoạch và Đầu tư").name == "Sở Tài chính"
    # a dissolved district has no successor
    assert orgunit_now_named("Quận Ba Đình") is None
