"""Officer pages of the org tree: the units an officer acts for and a unit's page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egov.audit.selectors import history_for_object
from egov.orgs.choices import UnitKind
from egov.orgs.decorators import officer_required
from egov.orgs.selectors import orgunit_get_for_user, orgunit_list_for_user, orgunit_members


@officer_required
def orgunit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    kind = request.GET.get("kind", "")
    if kind not in UnitKind.values:
        kind = ""
    units = orgunit_list_for_user(request.user, query=query, kind=kind)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    template = (
        "orgs/_unit_rows.html" if request.headers.get("HX-Request") else "orgs/unit_list.html"
    )
    return render(
        request, template, {"page": page, "q": query, "kind": kind, "kinds": UnitKind.choices}
    )


@officer_required
def orgunit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = orgunit_get_for_user(request.user, pk)
    children = unit.children.order_by("status", "name")
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "children": children,
            "members": orgunit_members(unit),
            "history": history_for_object(unit),
            "names": unit.names.order_by("-valid_from"),
        },
    )
