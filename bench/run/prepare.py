"""What the load generator sends: request files built from the benchmark data (dossier codes,
logged-in sessions of the right officers, desk forms, 1 MB PDF uploads).

Sessions are made the way ``django.contrib.auth.login`` stores them (user id, backend, auth
hash) with a CSRF secret sent both as cookie and header, so the real views, middleware and
permission checks run on every request.
"""

from __future__ import annotations

import datetime
import random
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from egov.accounts.models import User
from egov.common.testing import files as samples
from egov.onestop.models import Dossier, Procedure
from egov.orgs.choices import Role, UnitKind
from egov.orgs.models import Membership, OrgUnit

BACKEND = "egov.accounts.backends.IdentifierBackend"


@dataclass(frozen=True)
class Session:
    user_id: int
    key: str
    csrf: str

    def headers(self, *, form: bool = False) -> str:
        parts = [
            f"Cookie: {settings.SESSION_COOKIE_NAME}={self.key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}",
            f"X-CSRFToken: {self.csrf}",
        ]
        if form:
            parts.append("Content-Type: application/x-www-form-urlencoded")
        return "|".join(parts)


def session_for(user: User) -> Session:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return Session(user.pk, store.session_key, secrets.token_hex(16))


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def track_codes(count: int = 20_000) -> list[str]:
    """Dossier codes spread over the whole decade: a repeatable sample of the table's pages
    (PostgreSQL ``TABLESAMPLE``), or the first codes when the table is too small to sample."""
    codes: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE relname = 'onestop_dossier'"
            )
            rows = max(cursor.fetchone()[0], 1)
            percent = min(100.0, 100.0 * count * 3 / rows)
            cursor.execute(
                f"SELECT code FROM onestop_dossier TABLESAMPLE SYSTEM ({percent:.4f}) "  # noqa: S608
                "REPEATABLE (42) WHERE code IS NOT NULL LIMIT %s",
                [count],
            )
            codes = [row[0] for row in cursor.fetchall()]
        if len(codes) < count:
            cursor.execute(
                "SELECT code FROM onestop_dossier WHERE code IS NOT NULL ORDER BY id LIMIT %s",
                [count],
            )
            codes = [row[0] for row in cursor.fetchall()]
    random.Random(7).shuffle(codes)
    return codes


def track_files(directory: Path, codes: list[str]) -> dict[str, Path]:
    return {
        "track_api": _write(
            directory / "track_api.txt", [f"GET\t/api/v1/onestop/track/{c}\t\t" for c in codes]
        ),
        "track_raw": _write(
            directory / "track_raw.txt", [f"GET\t/bench/track-raw/{c}\t\t" for c in codes]
        ),
        "track_page": _write(
            directory / "track_page.txt",
            [f"GET\t/track/?{urlencode({'code': c})}\t\t" for c in codes],
        ),
        "hello": _write(directory / "hello.txt", ["GET\t/bench/hello/\t\t"]),
    }


def _desks_with_officers(limit: int) -> list[tuple[OrgUnit, User]]:
    desks = []
    for desk in (
        OrgUnit.objects.active()
        .filter(kind=UnitKind.ONE_STOP_DESK, parent__kind=UnitKind.DISTRICT)
        .order_by("path")
    ):
        membership = (
            Membership.objects.current()
            .filter(unit=desk, role=Role.FRONT_DESK_OFFICER)
            .select_related("user")
            .order_by("pk")
            .first()
        )
        if membership is not None:
            desks.append((desk, membership.user))
        if len(desks) >= limit:
            break
    return desks


def _receivable(level: str, rng: random.Random, count: int) -> list[Procedure]:
    """Procedures in force today at ``level`` whose internal procedure is the shared one."""
    today = timezone.localdate()
    found = list(
        Procedure.objects.in_force_on(today)
        .filter(level=level, code__startswith="HNS")
        .prefetch_related("documents")
        .order_by("code")[:200]
    )
    rng.shuffle(found)
    return found[:count]


def desk_files(directory: Path, desks: int = 12, seed: int = 11) -> dict[str, Path]:
    """Desk receipts (register + receive in one POST, as the desk form sends them) at several
    district desks, for commune-level procedures of the district's communes; and the baseline
    insert with a body of about the same size."""
    rng = random.Random(seed)
    lines, inserts = [], []
    procedures = _receivable("commune", rng, 30)
    for desk, officer in _desks_with_officers(desks):
        session = session_for(officer)
        communes = list(
            OrgUnit.objects.active()
            .filter(parent_id=desk.parent_id, kind=UnitKind.COMMUNE)
            .order_by("path")
        )
        for _ in range(20):
            procedure = rng.choice(procedures)
            required = [
                d.pk for d in procedure.documents.all() if d.is_required and not d.condition
            ]
            fields = [
                ("procedure", procedure.code),
                ("idempotency_key", "{KEY}"),
                ("applicant_kind", "person"),
                ("applicant_name", "Nguyễn Thị Hoa"),
                ("applicant_id_number", f"001{rng.randint(10**8, 10**9 - 1)}"),
                ("applicant_phone", f"09{rng.randint(10**7, 10**8 - 1)}"),
                ("applicant_address", f"Số {rng.randint(1, 99)} Kim Mã, Hà Nội"),
                ("copies_count", "1"),
                ("competent_unit", str(rng.choice(communes).pk)),
                ("outcome", "receive"),
                ("desk", str(desk.pk)),
                *[("documents", str(pk)) for pk in required],
            ]
            body = urlencode(fields, safe="{}")
            lines.append(f"POST\t/workspace/desk/receive/\t{session.headers(form=True)}\t{body}")
            inserts.append(
                "POST\t/bench/insert/\tContent-Type: application/json\t"
                '{"key": "{KEY}", "form": "' + body.replace('"', "") + '"}'
            )
    return {
        "desk_receive": _write(directory / "desk_receive.txt", lines),
        "insert": _write(directory / "insert.txt", inserts),
    }


def busy_specialist() -> User:
    """The specialist whose unit has the most open steps waiting for a specialist."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unit_id FROM workflow_stepinstance WHERE left_at IS NULL AND role = %s "
            "GROUP BY unit_id ORDER BY count(*) DESC, unit_id LIMIT 1",
            [Role.SPECIALIST],
        )
        unit_id = cursor.fetchone()[0]
    membership = (
        Membership.objects.current()
        .filter(unit_id=unit_id, role=Role.SPECIALIST)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user


def busy_inspector() -> User:
    """A specialist of the unit with the most petitions (the inspectorate inbox measured)."""
    from egov.complaints.models import Petition

    unit_id = (
        Petition.objects.values("unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit_id")
        .values_list("unit_id", flat=True)
        .first()
    )
    memberships = Membership.objects.current().filter(role=Role.SPECIALIST)
    found = memberships.filter(unit_id=unit_id).select_related("user").order_by("pk").first()
    return (found or memberships.select_related("user").order_by("pk").first()).user


def city_head() -> User:
    """The head over the whole city (sees every unit's figures)."""
    return (
        Membership.objects.current()
        .filter(role=Role.UNIT_HEAD, includes_subtree=True, unit__kind=UnitKind.PROVINCE)
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )


def figures_periods(until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """Periods of one month to five years ending at various days of the last five years."""
    periods = []
    for years_back in range(5):
        end = until.replace(year=until.year - years_back)
        for days in (30, 91, 365, 730, 1826):
            periods.append((end - datetime.timedelta(days=days - 1), end))
    return periods


def figures_lines(head: Session, until: datetime.date) -> list[str]:
    """The city-wide figures page for every period of :func:`figures_periods`, as the city head."""
    return [
        f"GET\t/figures/?{urlencode({'period_from': a.isoformat(), 'period_to': b.isoformat()})}"
        f"\t{head.headers()}\t"
        for a, b in figures_periods(until)
    ]


def figures_file(directory: Path, until: datetime.date) -> dict[str, Path]:
    """The figures scenario's request file alone (the topology run measures only it)."""
    lines = figures_lines(session_for(city_head()), until)
    return {"figures": _write(directory / "figures.txt", lines)}


def officer_files(directory: Path, until: datetime.date) -> dict[str, Path]:
    head, specialist = session_for(city_head()), session_for(busy_specialist())
    figures = figures_lines(head, until)
    inbox = [
        f"GET\t/workflow/inbox/{q}\t{specialist.headers()}\t"
        for q in ("", "?page=2", "?overdue=on", "?status=running")
    ]
    scoreboard = [
        f"GET\t/workspace/directives/scoreboard/?"
        f"{urlencode({'period_from': a.isoformat(), 'period_to': b.isoformat()})}"
        f"\t{head.headers()}\t"
        for a, b in figures_periods(until)
    ]
    search = [
        f"GET\t/workspace/documents/?{urlencode({'q': q})}\t{head.headers()}\t"
        for q in search_queries()
    ]
    workfile = [
        f"GET\t/workspace/documents/workfiles/{pk}/\t{head.headers()}\t"
        for pk in work_file_sample()
    ]
    archive = [
        f"GET\t/workspace/documents/archive/?{urlencode({'q': q})}\t{head.headers()}\t"
        for q in ARCHIVE_QUERIES
    ]
    inspector = session_for(busy_inspector())
    complaints_inbox = [
        f"GET\t/complaints/petitions/\t{inspector.headers()}\t",
        f"GET\t/complaints/petitions/\t{head.headers()}\t",
    ]
    survey_index = [
        f"GET\t/workspace/surveys/{pk}/index/?"
        f"{urlencode({'first': a.isoformat(), 'last': b.isoformat()})}\t{head.headers()}\t"
        for pk in survey_sample()
        for a, b in figures_periods(until)
    ]
    return {
        "complaints_inbox": _write(directory / "complaints_inbox.txt", complaints_inbox),
        "survey_index": _write(directory / "survey_index.txt", survey_index),
        "workfile": _write(directory / "workfile.txt", workfile),
        "archive": _write(directory / "archive.txt", archive),
        "figures": _write(directory / "figures.txt", figures),
        "inbox": _write(directory / "inbox.txt", inbox),
        "scoreboard": _write(directory / "scoreboard.txt", scoreboard),
        "search": _write(directory / "search.txt", search),
    }


def work_file_sample(count: int = 400, seed: int = 13) -> list[int]:
    """Work files spread over the table (every state and year), by id."""
    from egov.documents.models import WorkFile

    last = WorkFile.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rng = random.Random(seed)
    ids = set(
        WorkFile.objects.filter(
            pk__in=[rng.randint(1, last) for _ in range(count * 2)]
        ).values_list("pk", flat=True)[:count]
    )
    return sorted(ids) or [last]


def survey_sample(count: int = 20) -> list[int]:
    """Published surveys with answers, by id: the districts' and departments' (issue 20)."""
    from egov.surveys.models import Survey

    return list(
        Survey.objects.filter(status="published")
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )


# The archive is searched by code, title, heading and year (the File metadata).
ARCHIVE_QUERIES = (
    "hồ sơ kinh tế",
    "ho so van hoa",
    "Quản lý đô thị",
    "HS-00012",
    "nội chính năm 2019",
    "tong hop van phong",
    "2021",
    "Văn hóa, xã hội",
)


SEARCH_WORDS = (
    "chuyển đổi số",
    "phòng cháy chữa cháy",
    "giải phóng mặt bằng",
    "an toàn giao thông",
    "đầu tư công",
    "dịch vụ công trực tuyến",
    "Quyết định",
    "kế hoạch",
    "cải cách hành chính",
    "Đông Anh",
    "Sở Xây dựng",
    "tổng kết năm",
    "trật tự đô thị",
    "bảo vệ môi trường",
    "thu ngân sách",
)


def search_variants(query: str) -> list[str]:
    """The forms a person may type: as written (NFC), without accents, decomposed (NFD),
    upper case, and with d for đ."""
    import unicodedata

    from egov.common.text import fold

    return [
        query,
        fold(query),
        unicodedata.normalize("NFD", query),
        query.upper(),
        query.replace("đ", "d").replace("Đ", "D"),
    ]


def search_queries() -> list[str]:
    """Every variant of every query, plus numbers and notations of documents."""
    from egov.documents.models import Document

    queries = [v for q in SEARCH_WORDS for v in search_variants(q)]
    notations = (
        Document.objects.exclude(number_notation="")
        .order_by("pk")
        .values_list("number_notation", flat=True)[:20]
    )
    return queries + list(notations)


PDF_SIZE = 1024 * 1024


def upload_files(directory: Path, drafts: int = 50) -> dict[str, Path]:
    """A citizen's drafts and a 1 MB PDF sent as the upload form sends it."""
    from egov.onestop.services.online import dossier_draft_save

    citizen = User.objects.filter(kind="citizen", is_active=True).order_by("pk").first()
    procedure = next(
        p
        for p in Procedure.objects.in_force_on(timezone.localdate())
        .filter(code__startswith="HNS")
        .order_by("code")
        if "online" in p.channels
    )
    session = session_for(citizen)
    existing = list(
        Dossier.objects.filter(applicant=citizen, status="draft").values_list("pk", flat=True)[
            :drafts
        ]
    )
    while len(existing) < drafts:
        existing.append(dossier_draft_save(actor=citizen, procedure=procedure, form_data={}).pk)
    boundary = "----egovbench" + secrets.token_hex(8)
    pdf = samples.pdf(size=PDF_SIZE)
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="giay-to.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
    ).encode()
    body += pdf + f"\r\n--{boundary}--\r\n".encode()
    (directory / "upload_body.bin").write_bytes(body)
    headers = session.headers() + f"|Content-Type: multipart/form-data; boundary={boundary}"
    return {
        "upload": _write(
            directory / "upload.txt", [f"/my/dossiers/{pk}/files/\t{headers}" for pk in existing]
        ),
        "upload_body": directory / "upload_body.bin",
    }


PHONE_UA = "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 Chrome/131.0 Mobile"


def trace_links(count: int = 20_000) -> list[str]:
    """Digital Link paths (``/01/{GTIN-14}/10/{lot}``) of batches spread over the table: a
    repeatable sample of its pages (PostgreSQL ``TABLESAMPLE``), or the first batches."""
    from egov.traceability import rules

    sql = (
        "SELECT p.gtin, b.lot FROM traceability_batch b {sample} "
        "JOIN traceability_product p ON p.id = b.product_id WHERE p.gtin <> '' {order} LIMIT %s"
    )
    rows: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE relname = 'traceability_batch'"
            )
            total = max(cursor.fetchone()[0], 1)
            percent = min(100.0, 100.0 * count * 3 / total)
            sample = f"TABLESAMPLE SYSTEM ({percent:.4f}) REPEATABLE (42)"
            cursor.execute(sql.format(sample=sample, order=""), [count])
            rows = cursor.fetchall()
        if len(rows) < count:
            cursor.execute(sql.format(sample="", order="ORDER BY b.id"), [count])
            rows = cursor.fetchall()
    links = [rules.digital_link("", gtin=gtin, lot=lot) for gtin, lot in rows]
    random.Random(7).shuffle(links)
    return links


def trace_files(directory: Path, links: list[str]) -> dict[str, Path]:
    """The public scan page of each link, as a phone opens it (so every request is counted as
    a scan: the page's write is part of the load)."""
    return {
        "trace_scan": _write(
            directory / "trace_scan.txt",
            [f"GET\t{link}\tUser-Agent: {PHONE_UA}\t" for link in links],
        )
    }
