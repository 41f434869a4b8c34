"""Hà Nội demo data: the three-level structure of the city's 2019–2021 plans, plus one demo
account per role, dossiers, official documents (signed with a demo key store made on the spot)
and directives with their tasks. Loaded by `egov start` into an empty database; never meant for
production."""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from egov.accounts.models import User
from egov.accounts.services import officer_account_create, public_account_register
from egov.directives.demo import directives_demo_load
from egov.documents.demo import documents_demo_load
from egov.onestop.services import catalog_load_sample
from egov.orgs.loaders import orgs_dataset_load
from egov.orgs.models import OrgUnit
from egov.orgs.services import membership_grant
from egov.portal.demo_dossiers import demo_citizens_create, demo_dossiers_load
from egov.workflow.services import process_definitions_import

DEMO_PASSWORD = "Egov@2026"  # noqa: S105 - published demo password, refused outside DEBUG
DEMO_DATASET = "hanoi-2020"
INTERNAL_PROCEDURES = (
    Path(__file__).resolve().parents[1] / "onestop" / "data" / "hanoi-internal-procedures.json"
)
DEMO_DOSSIERS = 200  # 300 took ~116 s on SQLite; 200 keeps `egov start` under 90 s
STARTED = datetime.date(2020, 1, 2)


@dataclass(frozen=True)
class DemoLogin:
    login: str
    role: str
    unit: str


# (e-mail, full name, unit lookup, role, covers subtree, position, printed role label)
OFFICERS = [
    (
        "quantri@hanoi.demo",
        "Phạm Quản Trị",
        ("province", "Thành phố Hà Nội", None),
        "system_admin",
        True,
        "Quản trị hệ thống",
        "System administrator (2FA)",
    ),
    (
        "chanhvanphong@hanoi.demo",
        "Nguyễn Văn Phòng",
        ("province", "Thành phố Hà Nội", None),
        "unit_head",
        True,
        "Chánh Văn phòng UBND Thành phố",
        "City office (sees all units)",
    ),
    (
        "chutich.badinh@hanoi.demo",
        "Lê Thị Ba Đình",
        ("district", "Quận Ba Đình", None),
        "unit_head",
        True,
        "Chủ tịch UBND quận",
        "Head of unit (district)",
    ),
    (
        "truongphong.qldt.badinh@hanoi.demo",
        "Trần Quốc Đô",
        ("division", "Phòng Quản lý đô thị", "Quận Ba Đình"),
        "division_head",
        False,
        "Trưởng phòng",
        "Head of division",
    ),
    (
        "chuyenvien.qldt.badinh@hanoi.demo",
        "Đỗ Minh Thị",
        ("division", "Phòng Quản lý đô thị", "Quận Ba Đình"),
        "specialist",
        False,
        "Chuyên viên",
        "Specialist",
    ),
    (
        "vanthu.badinh@hanoi.demo",
        "Hoàng Văn Thư",
        ("division", "Văn phòng HĐND và UBND", "Quận Ba Đình"),
        "clerk",
        False,
        "Văn thư",
        "Clerk",
    ),
    (
        "motcua.badinh@hanoi.demo",
        "Vũ Thị Một Cửa",
        ("one_stop_desk", "Bộ phận Tiếp nhận và Trả kết quả", "Quận Ba Đình"),
        "front_desk_officer",
        False,
        "Cán bộ tiếp nhận",
        "Front-desk officer (district)",
    ),
    (
        "chuyenvien.stttt@hanoi.demo",
        "Bùi Thông Tin",
        ("department", "Sở Thông tin và Truyền thông", None),
        "specialist",
        False,
        "Chuyên viên",
        "Specialist (city department)",
    ),
    (
        "chuyenvien.sxd@hanoi.demo",
        "Nguyễn Xây Dựng",
        ("department", "Sở Xây dựng", None),
        "specialist",
        False,
        "Chuyên viên",
        "Specialist (Sở Xây dựng, liên thông)",
    ),
    (
        "chutich.hoankiem@hanoi.demo",
        "Ngô Hoàn Kiếm",
        ("district", "Quận Hoàn Kiếm", None),
        "unit_head",
        True,
        "Chủ tịch UBND quận",
        "Head of unit (another district)",
    ),
]


# More roles of demo officers: (e-mail, unit lookup, role, covers subtree, position). The
# district's clerk (văn thư) keeps the district People's Committee's registers, not only the
# office's; each district clerk registers what arrives there.
EXTRA_ROLES = [
    ("vanthu.badinh@hanoi.demo", ("district", "Quận Ba Đình", None), "clerk", False, "Văn thư"),
]
# More demo officers for the documents and directives journeys.
MORE_OFFICERS = [
    (
        "vanthu.ubndtp@hanoi.demo",
        "Đặng Thu Văn",
        ("province", "Thành phố Hà Nội", None),
        "clerk",
        False,
        "Văn thư UBND Thành phố",
        "Clerk (city People's Committee)",
    ),
    (
        "vanthu.hoankiem@hanoi.demo",
        "Lý Thị Hoàn",
        ("district", "Quận Hoàn Kiếm", None),
        "clerk",
        False,
        "Văn thư",
        "Clerk (another district)",
    ),
]


def _find_unit(kind: str, name: str, under: str | None) -> OrgUnit:
    qs = OrgUnit.objects.active().filter(kind=kind, name__startswith=name)
    if under:
        parent = OrgUnit.objects.active().get(kind="district", name=under)
        qs = qs.filter(path__startswith=parent.path)
    return qs.order_by("depth").first() or qs.get()


@transaction.atomic
def demo_load(*, dossiers: int = DEMO_DOSSIERS) -> list[DemoLogin]:
    """Load the org dataset, the procedure catalog and internal procedures (as `egov
    load_procedures` and `egov load_internal_procedures` do), the demo accounts and
    ``dossiers`` demo dossiers; returns the logins to print."""
    orgs_dataset_load(actor=None, name=DEMO_DATASET)
    catalog_load_sample(actor=None)
    entries = json.loads(INTERNAL_PROCEDURES.read_text(encoding="utf-8"))["definitions"]
    process_definitions_import(actor=None, raw_entries=entries)
    logins = []
    for email, full_name, (kind, name, under), role, subtree, position, label in (
        *OFFICERS,
        *MORE_OFFICERS,
    ):
        unit = _find_unit(kind, name, under)
        user = officer_account_create(
            actor=None, full_name=full_name, email=email, password=DEMO_PASSWORD
        )
        membership_grant(
            actor=None,
            user=user,
            unit=unit,
            role=role,
            includes_subtree=subtree,
            position=position,
            started_on=STARTED,
        )
        logins.append(DemoLogin(email, label, unit.name))
    public_account_register(
        full_name="Nguyễn Văn An",
        password=DEMO_PASSWORD,
        phone="0912345678",
        email="an.nguyen@hanoi.demo",
        citizen_id="001085012345",
    )
    logins.append(DemoLogin("0912345678", "Citizen", "—"))
    public_account_register(
        full_name="Công ty TNHH Sen Vàng Hà Nội",
        password=DEMO_PASSWORD,
        email="senvang@hanoi.demo",
        tax_code="0101234567",
    )
    logins.append(DemoLogin("senvang@hanoi.demo", "Business", "—"))
    for email, (kind, name, under), role, subtree, position in EXTRA_ROLES:
        membership_grant(
            actor=None,
            user=User.objects.get(email=email),
            unit=_find_unit(kind, name, under),
            role=role,
            includes_subtree=subtree,
            position=position,
            started_on=STARTED,
        )
    demo_citizens_create(DEMO_PASSWORD)
    demo_dossiers_load(count=dossiers)
    call_command("pki_demo_init", verbosity=0, stdout=io.StringIO())
    documents_demo_load(
        district=_find_unit("district", "Quận Ba Đình", None),
        other_district=_find_unit("district", "Quận Hoàn Kiếm", None),
    )
    directives_demo_load()
    return logins
