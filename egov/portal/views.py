"""The two faces of egov: the public portal home and the officer workspace home."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egov.orgs.decorators import officer_required
from egov.orgs.selectors import membership_list_for_user
from egov.portal.selectors import workspace_counts


def home(request: HttpRequest) -> HttpResponse:
    """Public portal home page."""
    return render(request, "portal/home.html")


@officer_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Officer workspace home: the work waiting for the officer (counts, each a link to its
    list) and their roles."""
    memberships = membership_list_for_user(request.user)
    return render(
        request,
        "portal/workspace.html",
        {"memberships": memberships, "counts": workspace_counts(request.user)},
    )
