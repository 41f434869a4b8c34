"""The national integrations in the demo: a dossier (the main demo citizen's when one of
theirs has a fixed fee due) whose fees were paid online through the payment platform's
simulator (the same signed answer its page gives), so the receipt, the connector page and
the dossier's history show an online payment on first run; and a registered consumer system
of the data-sharing API that has read that dossier's status."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from egov.accounts.models import User
from egov.common.exceptions import DomainError
from egov.integration.choices import ShareDataset
from egov.integration.models import StatusPush
from egov.integration.services import (
    dossier_status_push,
    payment_callback,
    payment_is_available,
)
from egov.integration.services.consumers import (
    ConsumerData,
    share_consumer_register,
    share_consumer_token_issue,
)
from egov.integration.services.share import shared_dossier_status
from egov.integration.simulators.data import PERSONAL_STORE
from egov.integration.simulators.inprocess import simulators_in_process
from egov.integration.simulators.views import payment_result, portal_submitted_add
from egov.onestop.choices import DossierStatus
from egov.onestop.models import Dossier, Procedure
from egov.onestop.services.dossier_state import national_status_values
from egov.onestop.services.online import (
    competent_unit_check,
    dossier_draft_save,
    receiving_desk_for,
)
from egov.onestop.services.payments_online import (
    dossier_payment_online_offer,
    dossier_payment_online_start,
)
from egov.onestop.services.personal_store import results_personal_store_push_pending
from egov.onestop.services.uploads import dossier_file_from_personal_store
from egov.orgs.models import OrgUnit
from egov.portal.demo_dossiers import MAIN_CITIZEN

PAYABLE = (DossierStatus.SUBMITTED, DossierStatus.PROCESSING)
CITY_OFFICE = "chanhvanphong@hanoi.demo"  # head of the city office: keeps the registry


def demo_payment_load() -> str:
    """Pay the fees of one dossier online, the main demo citizen's first; returns its code
    ('' when the payment platform is not available or no dossier has a fixed fee due)."""
    if not payment_is_available():
        return ""
    main = User.objects.filter(email=MAIN_CITIZEN).values_list("pk", flat=True).first()
    candidates = sorted(
        Dossier.objects.filter(status__in=PAYABLE, applicant__isnull=False).select_related(
            "applicant"
        ),
        key=lambda d: (d.applicant_id != main, d.pk),  # the main citizen's first
    )
    dossier = next(
        (d for d in candidates if dossier_payment_online_offer(d).amount_due_vnd > 0), None
    )
    if dossier is None:
        return ""
    citizen = dossier.applicant
    return_url = settings.SITE_URL.rstrip("/") + reverse(
        "onestop:my-dossier-pay-return", args=[dossier.pk]
    )
    url = dossier_payment_online_start(actor=citizen, dossier=dossier, return_url=return_url)
    params = dict(parse_qsl(urlsplit(url).query))
    payment_callback(params=payment_result(params, "pay"))
    return dossier.code


def demo_personal_store_load() -> int:
    """The e-results of the demo dossiers sent to their applicants' personal data stores on
    the national portal's simulator (as the job does after each result; the simulator is
    reached in this process, no server runs yet), and a paper of the main citizen's store
    attached to one of their drafts, so Decision 766's indicator 4.4 has values on first run.
    Returns how many results were sent (0 without the simulators)."""
    if not settings.EGOV_INTEGRATION_SIMULATORS:
        return 0
    with simulators_in_process():
        sent = results_personal_store_push_pending(limit=10_000)["pushed"]
        with contextlib.suppress(DomainError):
            _demo_draft_with_store_paper()
    return sent


def _demo_draft_with_store_paper() -> None:
    """A new draft of the main citizen (the procedure of their first online dossier) with the
    first paper of their personal data store attached to its first required document."""
    model = (
        Dossier.objects.filter(applicant__email=MAIN_CITIZEN, channel="online")
        .select_related("applicant", "procedure")
        .order_by("pk")
        .first()
    )
    papers = PERSONAL_STORE.get(model.applicant.citizen_id or "", []) if model else []
    if model is None or not papers:
        return
    draft = dossier_draft_save(
        actor=model.applicant, procedure=model.procedure, form_data=dict(model.form_data)
    )
    dossier_file_from_personal_store(
        actor=model.applicant,
        dossier=draft,
        code=papers[0]["MaGiayTo"],
        assurance_level=2,
        required_document=model.procedure.documents.order_by("order", "pk").first(),
    )


@dataclass(frozen=True)
class DemoConsumer:
    name: str
    secret: str  # the demo consumer's API token, printed once by `egov start`


def demo_share_load(*, paid_dossier_code: str) -> DemoConsumer | None:
    """A consumer system registered by the city office (the district land registry, allowed
    dossier statuses), with an API token, and reads of dossier statuses through the sharing API,
    so the registry and the citizen's "who read my data" page show them on first run: the
    dossier paid online and the main citizen's latest (each status queued for the national
    portal here, as a status change would). None without the city office's demo account."""
    office = User.objects.filter(email=CITY_OFFICE).first()
    if office is None:
        return None
    today = timezone.localdate()
    consumer = share_consumer_register(
        actor=office,
        data=ConsumerData(
            code="VN/GOV/000.00.12.H26/QLDD",
            name="Hệ thống thông tin đất đai thành phố Hà Nội",
            agency="Văn phòng Đăng ký đất đai Hà Nội",
            purpose="Kiểm tra tiến độ hồ sơ thủ tục hành chính liên quan đến đất đai",
            legal_basis="Nghị định 278/2025/NĐ-CP; Luật Dữ liệu 60/2024/QH15",
            datasets=[ShareDataset.DOSSIER_STATUS],
            valid_from=today - datetime.timedelta(days=30),
            valid_until=today + datetime.timedelta(days=365),
            contact="Phòng Công nghệ thông tin, 024 3823 0000",
        ),
    )
    issued = share_consumer_token_issue(actor=office, consumer=consumer)
    paid = Dossier.objects.filter(code=paid_dossier_code).first() if paid_dossier_code else None
    # the main citizen (the first demo login) sees a read even when the paid dossier is another
    # citizen's (the main citizen may have no fee due)
    mine = (
        Dossier.objects.filter(applicant__email=MAIN_CITIZEN, applicant__isnull=False)
        .exclude(status="draft")
        .order_by("-pk")
        .first()
    )
    for dossier in dict.fromkeys(d for d in (paid, mine) if d is not None):
        # a local procedure, or no national portal connected: no status to read
        with contextlib.suppress(DomainError):
            if not StatusPush.objects.filter(dossier_code=dossier.code).exists():
                dossier_status_push(actor=office, **national_status_values(dossier))
            shared_dossier_status(actor=consumer.account, dossier_code=dossier.code)
    return DemoConsumer(name=consumer.name, secret=issued.secret)


UNMAPPED_DEMO_CODE = "2.002999"  # a national code the demo catalog does not have


def demo_portal_dossiers_seed() -> int:
    """Two dossiers waiting on the national portal's simulator for the city's pull (the
    "pull now" button of the city office's page): one for a procedure of the demo catalog, at
    a unit that has its own agency code, and one whose national procedure is not mapped yet.
    The simulator keeps them in this process's memory (the demo server's). Returns how many."""
    if not settings.EGOV_INTEGRATION_SIMULATORS:
        return 0
    sample = (
        Dossier.objects.filter(channel="online", status__in=PAYABLE, applicant__isnull=False)
        .exclude(competent_unit__agency_code="")
        .select_related("procedure", "competent_unit", "applicant")
        .order_by("pk")
    )
    dossier = next((d for d in sample if d.procedure.has_national_code), None)
    if dossier is not None:
        procedure, unit, form = dossier.procedure, dossier.competent_unit, dict(dossier.form_data)
    else:  # the demo's wards have no agency code yet: a department's procedure instead
        found = _coded_procedure()
        dossier = (
            sample.model.objects.filter(channel="online", applicant__isnull=False)
            .select_related("applicant")
            .order_by("pk")
            .first()
        )
        if found is None or dossier is None:
            return 0
        (procedure, unit), form = found, {}
    now = timezone.now()
    base = {
        "MaCoQuan": unit.agency_code,
        "ChuHoSo": dossier.applicant.full_name,
        "SoGiayToChuHoSo": dossier.applicant.citizen_id or "",
        "SoDienThoai": dossier.applicant.phone or "",
        "Email": dossier.applicant.email or "",
        "DiaChi": dossier.applicant_address,
        "DuLieuBieuMau": form,
    }
    day = timezone.localdate(now).strftime("%y%m%d")
    for number, procedure_code in ((1, procedure.code), (2, UNMAPPED_DEMO_CODE)):
        portal_submitted_add(
            {
                **base,
                "MaHoSo": f"G22.DVCQG-{day}-{number:04d}",
                "MaTTHC": procedure_code,
                "NgayNopHoSo": (now - datetime.timedelta(hours=number)).isoformat(),
            }
        )
    return 2


def _coded_procedure() -> tuple[Procedure, OrgUnit] | None:
    """A procedure with a national code and a unit with an agency code that handles it online
    and has a desk: what a dossier pulled from the national portal needs to be registered. The
    unit the catalog names as the competent authority first (Sở Xây dựng for a building
    procedure), any unit that may handle it otherwise."""
    units = list(OrgUnit.objects.active().exclude(agency_code="").order_by("-depth", "path"))
    procedures = [p for p in Procedure.objects.order_by("code", "pk") if p.has_national_code]
    for named_only in (True, False):
        for procedure in procedures:
            for unit in units:
                if named_only and unit.name not in procedure.competent_authority:
                    continue
                try:
                    competent_unit_check(procedure, unit)
                    receiving_desk_for(unit)
                except DomainError:
                    continue
                return procedure, unit
    return None
