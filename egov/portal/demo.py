"""Hà Nội demo data: the current two-level structure (city → 126 communes and wards, from
1 July 2025) by default, or the three-level structure of the city's 2019–2021 plans
(``egov start --three-level``; ADR 0003), plus one demo account per role, dossiers, official
documents (signed with a demo key store made on the spot) and directives with their tasks.
Loaded by `egov start` into an empty database; never meant for production."""

from __future__ import annotations

import datetime
import io
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from egov.accounts.models import User
from egov.accounts.services import officer_account_create, public_account_register
from egov.common.progress import ProgressCallback, progress_none
from egov.complaints.demo import complaints_demo_load
from egov.dashboards.services import library_install, periods_close_due
from egov.directives.demo import directives_demo_load
from egov.disclosure.demo import disclosure_demo_load
from egov.documents.demo import documents_demo_load, work_files_demo_load
from egov.feedback.demo import feedback_demo_load
from egov.integration.services import status_pushes_paused
from egov.meetings.demo import meetings_demo_load
from egov.onestop.models import Dossier, Procedure
from egov.onestop.services import catalog_load_sample
from egov.onestop.services.desk_routing import definitions_without_owner
from egov.orgs.loaders import orgs_dataset_load, orgunit_now_named
from egov.orgs.models import OrgUnit
from egov.orgs.services import membership_grant
from egov.portal.demo_dossiers import demo_citizens_create, demo_dossiers_load
from egov.portal.demo_integration import (
    demo_payment_load,
    demo_personal_store_load,
    demo_portal_dossiers_seed,
    demo_share_load,
)
from egov.portal.demo_pages import unit_pages_demo_load
from egov.reporting.demo import DemoCast as ReportingCast
from egov.reporting.demo import reporting_demo_load
from egov.surveys.demo import standings_demo_load, surveys_demo_load
from egov.traceability.demo import PRODUCER_LOGIN, traceability_demo_load
from egov.workflow.services import process_definitions_import

DEMO_PASSWORD = "Egov@2026"  # noqa: S105 - published demo password, refused outside DEBUG
INTERNAL_PROCEDURES = (
    Path(__file__).resolve().parents[1] / "onestop" / "data" / "hanoi-internal-procedures.json"
)
DEMO_DOSSIERS = 200  # 300 took ~116 s on SQLite; 200 keeps `egov start` under 90 s
STARTED = datetime.date(2020, 1, 2)
DEMO_PHASE = "demo data"


@dataclass(frozen=True)
class DemoStructure:
    """The org structure a demo runs on, and the units its people work in: ``local`` is the
    People's Committee the one-stop, documents and directives stories happen in (a ward of the
    two-level city, or a district of the three-level one), ``other`` a second one."""

    key: str
    dataset: str
    level_kind: str  # the kind of ``local`` and ``other``
    local: str
    other: str
    division: str  # the specialised division of ``local`` with a head and a specialist
    office: str  # its office (the clerk's)
    desk: str  # its one-stop desk
    chairman: str  # the position of the chairman of ``local``
    level_label: str
    # the city body in charge of digital transformation, with a demo specialist (e-mail, name)
    digital_body: str
    digital_officer: tuple[str, str]


# Two levels since 1 July 2025 (city → 126 communes and wards): the default.
CURRENT = DemoStructure(
    key="2025",
    dataset="hanoi-2025",
    level_kind="commune",
    local="Phường Ba Đình",
    other="Phường Hoàn Kiếm",
    division="Phòng Kinh tế, Hạ tầng và Đô thị",
    office="Văn phòng HĐND và UBND",
    desk="Trung tâm Phục vụ hành chính công",
    chairman="Chủ tịch UBND phường",
    level_label="ward",
    # Sở Khoa học và Công nghệ took over Sở Thông tin và Truyền thông on 1 March 2025.
    digital_body="Sở Khoa học và Công nghệ",
    digital_officer=("chuyenvien.skhcn@hanoi.demo", "Bùi Khoa Học"),
)
# Three levels (city → 30 districts → 579 communes), as in the city's 2019–2021 plans.
THREE_LEVEL = DemoStructure(
    key="2020",
    dataset="hanoi-2020",
    level_kind="district",
    local="Quận Ba Đình",
    other="Quận Hoàn Kiếm",
    division="Phòng Quản lý đô thị",
    office="Văn phòng HĐND và UBND",
    desk="Bộ phận Tiếp nhận và Trả kết quả",
    chairman="Chủ tịch UBND quận",
    level_label="district",
    digital_body="Sở Thông tin và Truyền thông",
    digital_officer=("chuyenvien.stttt@hanoi.demo", "Bùi Thông Tin"),
)
STRUCTURES = {CURRENT.key: CURRENT, THREE_LEVEL.key: THREE_LEVEL}


@dataclass(frozen=True)
class DemoLogin:
    login: str
    role: str
    unit: str


@dataclass(frozen=True)
class DemoSummary:
    """What ``demo_load`` made: the logins to print and how many of each thing."""

    logins: list[DemoLogin]
    structure: DemoStructure
    counts: dict[str, int]


# Where a demo officer works: "city", a city department, or one of the local units of the
# structure ("local", "other", "division", "office", "desk").
CITY = "Thành phố Hà Nội"


def _officers(structure: DemoStructure) -> list[tuple]:
    """(e-mail, full name, unit lookup, role, covers subtree, position, printed role label)."""
    level = structure.level_label
    return [
        ("quantri@hanoi.demo", "Phạm Quản Trị", ("city",), "system_admin", True,
         "Quản trị hệ thống", "System administrator (2FA)"),
        ("chanhvanphong@hanoi.demo", "Nguyễn Văn Phòng", ("city",), "unit_head", True,
         "Chánh Văn phòng UBND Thành phố", "City office (sees all units)"),
        ("chutich.badinh@hanoi.demo", "Lê Thị Ba Đình", ("local",), "unit_head", True,
         structure.chairman, f"Head of unit ({level})"),
        ("truongphong.qldt.badinh@hanoi.demo", "Trần Quốc Đô", ("division",), "division_head",
         False, "Trưởng phòng", "Head of division"),
        ("chuyenvien.qldt.badinh@hanoi.demo", "Đỗ Minh Thị", ("division",), "specialist", False,
         "Chuyên viên", "Specialist"),
        ("vanthu.badinh@hanoi.demo", "Hoàng Văn Thư", ("office",), "clerk", False, "Văn thư",
         "Clerk"),
        ("motcua.badinh@hanoi.demo", "Vũ Thị Một Cửa", ("desk",), "front_desk_officer", False,
         "Cán bộ tiếp nhận", f"Front-desk officer ({level})"),
        (*structure.digital_officer, ("department", structure.digital_body), "specialist",
         False, "Chuyên viên", "Specialist (city department)"),
        ("chuyenvien.sxd@hanoi.demo", "Nguyễn Xây Dựng", ("department", "Sở Xây dựng"),
         "specialist", False, "Chuyên viên", "Specialist (Sở Xây dựng, liên thông)"),
        ("chuyenvien.stc@hanoi.demo", "Lê Tài Chính", ("department", "Sở Tài chính"),
         "specialist", False, "Chuyên viên", "Specialist (Sở Tài chính, consolidates reports)"),
        ("chutich.hoankiem@hanoi.demo", "Ngô Hoàn Kiếm", ("other",), "unit_head", True,
         structure.chairman, f"Head of unit (another {level})"),
        ("vanthu.ubndtp@hanoi.demo", "Đặng Thu Văn", ("city",), "clerk", False,
         "Văn thư UBND Thành phố", "Clerk (city People's Committee)"),
        ("vanthu.hoankiem@hanoi.demo", "Lý Thị Hoàn", ("other",), "clerk", False, "Văn thư",
         f"Clerk (another {level})"),
    ]  # fmt: skip


# More roles of demo officers: the local clerk (văn thư) keeps the People's Committee's
# registers, not only the office's; each local clerk registers what arrives there.
# On two levels the ward's specialists (công chức chuyên môn) also act for the ward itself: the
# specialist steps of its procedures land in their inbox, not only in the chairman's.
EXTRA_ROLES = [("vanthu.badinh@hanoi.demo", ("local",), "clerk", False, "Văn thư")]
EXTRA_ROLES_TWO_LEVELS = [
    ("chuyenvien.qldt.badinh@hanoi.demo", ("local",), "specialist", False, "Công chức"),
]


def _find_unit(structure: DemoStructure, lookup: tuple[str, ...]) -> OrgUnit:
    active = OrgUnit.objects.active()
    where, *name = lookup
    if where == "city":
        return active.get(kind="province", name=CITY)
    if where == "department":
        unit = orgunit_now_named(name[0])
        if unit is None or unit.kind != "department":
            raise OrgUnit.DoesNotExist(f"No city department {name[0]}.")
        return unit
    if where in ("local", "other"):
        wanted = structure.local if where == "local" else structure.other
        return active.get(kind=structure.level_kind, name=wanted)
    local = active.get(kind=structure.level_kind, name=structure.local)
    kind = "one_stop_desk" if where == "desk" else "division"
    prefix = {"desk": structure.desk, "division": structure.division, "office": structure.office}
    return active.get(kind=kind, parent=local, name__startswith=prefix[where])


def _internal_procedures() -> list[dict]:
    """The shipped internal procedures that apply on the structure loaded (as `egov
    load_internal_procedures` picks them): a district's own procedures are left out on the
    two-level structure."""
    entries = json.loads(INTERNAL_PROCEDURES.read_text(encoding="utf-8"))["definitions"]
    return definitions_without_owner(entries)[0]


@transaction.atomic
def demo_load(
    *,
    dossiers: int = DEMO_DOSSIERS,
    structure: DemoStructure = CURRENT,
    progress: ProgressCallback | None = None,
) -> DemoSummary:
    """Load the org dataset of ``structure``, the procedure catalog and internal procedures
    (as `egov load_procedures` and `egov load_internal_procedures` do), the demo accounts,
    ``dossiers`` demo dossiers, documents and directives; returns the logins to print and the
    counts. ``progress`` hears each part as it is done (``egov.common.progress``)."""
    progress = progress or progress_none
    parts = 7
    progress(DEMO_PHASE, 0, parts)
    orgs_dataset_load(actor=None, name=structure.dataset)
    catalog_load_sample(actor=None)
    process_definitions_import(actor=None, raw_entries=_internal_procedures())
    progress(DEMO_PHASE, 1, parts)
    logins = []
    for email, full_name, lookup, role, subtree, position, label in _officers(structure):
        unit = _find_unit(structure, lookup)
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
    logins.append(DemoLogin("0912345678", "Citizen (has dossiers)", "—"))
    public_account_register(
        full_name="Công ty TNHH Sen Vàng Hà Nội",
        password=DEMO_PASSWORD,
        email="senvang@hanoi.demo",
        tax_code="0101234567",
    )
    logins.append(DemoLogin("senvang@hanoi.demo", "Business", "—"))
    extra = EXTRA_ROLES + (EXTRA_ROLES_TWO_LEVELS if structure.level_kind == "commune" else [])
    for email, lookup, role, subtree, position in extra:
        membership_grant(
            actor=None,
            user=User.objects.get(email=email),
            unit=_find_unit(structure, lookup),
            role=role,
            includes_subtree=subtree,
            position=position,
            started_on=STARTED,
        )
    demo_citizens_create(DEMO_PASSWORD)
    progress(DEMO_PHASE, 2, parts)
    with status_pushes_paused():  # back-dated history: not news for the national portal
        demo_dossiers_load(count=dossiers)
    paid_online = demo_payment_load()
    results_in_stores = demo_personal_store_load()
    progress(DEMO_PHASE, 3, parts)
    call_command("pki_demo_init", verbosity=0, stdout=io.StringIO())
    documents = documents_demo_load(
        district=_find_unit(structure, ("local",)),
        other_district=_find_unit(structure, ("other",)),
    )
    progress(DEMO_PHASE, 4, parts)
    directives = directives_demo_load()
    meetings = meetings_demo_load()
    complaints = complaints_demo_load(unit=_find_unit(structure, ("local",)))
    progress(DEMO_PHASE, 5, parts)
    reporting = reporting_demo_load(
        city=_find_unit(structure, ("city",)),
        reporter_kind=structure.level_kind,
        consolidating_unit=_find_unit(structure, ("department", "Sở Tài chính")),
        cast=ReportingCast(
            local=_find_unit(structure, ("local",)),
            other=_find_unit(structure, ("other",)),
            local_head=User.objects.get(email="chutich.badinh@hanoi.demo"),
            other_head=User.objects.get(email="chutich.hoankiem@hanoi.demo"),
            consolidator=User.objects.get(email="chuyenvien.stc@hanoi.demo"),
            receiver=User.objects.get(email="chanhvanphong@hanoi.demo"),
        ),
    )
    work_files_demo_load([_find_unit(structure, ("city",)), _find_unit(structure, ("other",))])
    library_install(actor=None)
    feedback = feedback_demo_load(
        local=_find_unit(structure, ("local",)),
        other=_find_unit(structure, ("other",)),
        local_head=User.objects.get(email="chutich.badinh@hanoi.demo"),
        other_head=User.objects.get(email="chutich.hoankiem@hanoi.demo"),
        city_head=User.objects.get(email="chanhvanphong@hanoi.demo"),
    )
    disclosure = disclosure_demo_load(
        local=_find_unit(structure, ("local",)),
        other=_find_unit(structure, ("other",)),
        local_head=User.objects.get(email="chutich.badinh@hanoi.demo"),
        other_head=User.objects.get(email="chutich.hoankiem@hanoi.demo"),
        department=_find_unit(structure, ("department", "Sở Tài chính")),
        department_officer=User.objects.get(email="chuyenvien.stc@hanoi.demo"),
    )
    pages = unit_pages_demo_load(
        ward=_find_unit(structure, ("local",)),
        head=User.objects.get(email="chutich.badinh@hanoi.demo"),
    )
    traceability = traceability_demo_load(
        local=_find_unit(structure, ("local",)),
        other=_find_unit(structure, ("other",)),
        local_head=User.objects.get(email="chutich.badinh@hanoi.demo"),
        other_head=User.objects.get(email="chutich.hoankiem@hanoi.demo"),
        password=DEMO_PASSWORD,
    )
    logins.append(DemoLogin(PRODUCER_LOGIN, "Producer (traceability)", "—"))
    surveys = surveys_demo_load(
        actor=User.objects.get(email="chanhvanphong@hanoi.demo"),
        units=[
            (_find_unit(structure, ("local",)), 4.1, 160),
            (_find_unit(structure, ("other",)), 3.5, 120),
            (_find_unit(structure, ("city",)), 3.9, 90),
            (_find_unit(structure, ("division",)), 3.0, 20),
        ],
    )
    consumer = demo_share_load(paid_dossier_code=paid_online)
    portal_waiting = demo_portal_dossiers_seed()
    if consumer is not None:
        logins.append(DemoLogin(consumer.secret, "Data-sharing API token", consumer.name))
    standings = standings_demo_load(
        actor=User.objects.get(email="chanhvanphong@hanoi.demo"),
        province=_find_unit(structure, ("city",)),
    )
    progress(DEMO_PHASE, 6, parts)
    # The month, quarter and year that ended are closed, as the daily run would have done:
    # their frozen values show on the dashboards from the first run.
    closed_periods = periods_close_due(timezone.localdate())
    counts = {
        "org units": OrgUnit.objects.active().count(),
        "procedures": Procedure.objects.filter(is_active=True).count(),
        "dossiers": Dossier.objects.count(),
        "documents": len(documents),
        "tasks": directives["tasks"] + meetings["tasks"],
        "meetings": meetings["meetings"],
        "petitions": complaints["petitions"],
        "periodic reports": reporting["reports"],
        "citizen questions": feedback["questions"],
        "citizen reports": feedback["reports"],
        "disclosure items": disclosure["disclosure items"],
        "consultations on drafts": disclosure["consultations"],
        "unit announcements": pages["unit announcements"],
        "traceable batches": traceability["batches"],
        "survey answers": surveys["survey answers"],
        "closed indicator periods": closed_periods,
        "index standings": standings["index standings"],
        "dossiers paid online": 1 if paid_online else 0,
        "dossiers signed from a phone": Dossier.objects.exclude(
            application_signing_method=""
        ).count(),
        "e-results in personal data stores": results_in_stores,
        "data-sharing consumers": 1 if consumer else 0,
        "dossiers waiting on the national portal": portal_waiting,
    }
    progress(DEMO_PHASE, parts, parts)
    return DemoSummary(logins=logins, structure=structure, counts=counts)
