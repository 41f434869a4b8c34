"""URL kwargs of the agency public pages for the permission matrix: the scoped unit itself,
or an announcement of it (published, so that its public page answers)."""

from __future__ import annotations

from collections.abc import Callable

from egov.accounts.services import officer_account_create
from egov.orgs.models import OrgUnit
from egov.portal.models import UnitPost


def _post_of(unit: OrgUnit) -> dict[str, int]:
    author = officer_account_create(
        actor=None, full_name="Người viết", email=f"viet.{unit.pk}@example.vn", password=None
    )
    post = UnitPost.objects.create(
        unit=unit,
        kind="announcement",
        title="Thông báo lịch tiếp dân",
        body="<p>Thứ Hai hằng tuần</p>",
        is_published=True,
        created_by=author,
    )
    return {"pk": unit.pk, "post_pk": post.pk}


PORTAL_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "portal:unit-page": lambda unit: {"pk": unit.pk},
    "portal:unit-page-edit": lambda unit: {"pk": unit.pk},
    "portal:unit-post-create": lambda unit: {"pk": unit.pk},
    "portal:unit-post": _post_of,
    "portal:unit-post-edit": _post_of,
}
