"""The two faces of egov: the public portal home and the officer workspace home."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from egov.orgs.decorators import officer_required
from egov.orgs.selectors import membership_list_for_user


def home(request: HttpRequest) -> HttpResponse:
    """Public portal home page."""
    return render(request, "portal/home.html")


@officer_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Officer workspace home: the officer's roles and where to go next."""
    memberships = membership_list_for_user(request.user)
    return render(request, "portal/workspace.html", {"memberships": memberships})
