"""URL kwargs of the press release routes for the permission matrix
(``egov/portal/tests/test_permission_matrix.py``): a draft release of the scoped unit for the
office pages, a published one for the portal's public pages."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from egov.accounts.models import User
from egov.accounts.services import officer_account_create
from egov.directives.models import PressRelease
from egov.orgs.models import OrgUnit

AUTHOR = "thongcao.matrix@example.vn"


def _author() -> User:
    existing = User.objects.filter(email=AUTHOR).first()
    return existing or officer_account_create(
        actor=None, full_name="Thông Cáo", email=AUTHOR, password="Mật-khẩu-thử-2026"
    )


def release_of(unit: OrgUnit, *, status: str = "draft") -> PressRelease:
    """A press release of ``unit`` (no directive), made directly."""
    return PressRelease.objects.create(
        unit=unit,
        issued_on=datetime.date(2026, 11, 22),
        period_start=datetime.date(2026, 11, 16),
        period_end=datetime.date(2026, 11, 20),
        title="Thông cáo báo chí tuần",
        items=[
            {"headline": "Tin", "paragraph": "Nội dung", "assignments": [], "document_id": None}
        ],
        status=status,
        number_notation="1/TCBC-UBND" if status == "published" else "",
        created_by=_author(),
    )


def _draft(unit: OrgUnit) -> dict[str, object]:
    return {"pk": release_of(unit).pk}


def _published(unit: OrgUnit) -> dict[str, object]:
    return {"pk": release_of(unit, status="published").pk}


PRESS_ROUTE_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    **{
        f"directives:press-{name}": _draft
        for name in ("detail", "edit", "number", "publish", "cover-letter", "docx", "pdf")
    },
    "press:release-detail": _published,
    "press:release-file": lambda unit: {**_published(unit), "kind": "pdf"},
}
