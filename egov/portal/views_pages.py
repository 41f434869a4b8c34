"""The agency public pages (Decree 43/2011/NĐ-CP art. 10): the list of units, a unit's page
and its announcements for everyone; the editing pages for the unit's officers."""

from __future__ import annotations

import secrets

from csp.constants import NONCE
from csp.decorators import csp_update
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.orgs.decorators import officer_required
from egov.orgs.selectors import orgunit_get_public, orgunit_list_public
from egov.portal import services
from egov.portal.forms import UnitPostForm, UnitProfileForm
from egov.portal.models import UnitProfile
from egov.portal.selectors_pages import (
    unit_page_get,
    unit_page_may_edit,
    unit_post_get_for_editor,
    unit_post_get_public,
    unit_post_list_for_editor,
)

#: Trix adds its own small stylesheet with the page's nonce (read from a meta tag).
editor_csp = csp_update({"style-src": [NONCE]})


@require_GET
def unit_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    units = orgunit_list_public(query=query)
    return render(request, "portal/unit_list.html", {"units": units, "query": query})


@require_GET
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's public page; its contact form asks the unit a question (feedback's own ask
    page receives it, with a fresh key so that a double click sends one question)."""
    context = {"page": unit_page_get(request.user, pk), "request_key": secrets.token_urlsafe(24)}
    return render(request, "portal/unit_page.html", context)


@require_GET
def unit_post_detail(request: HttpRequest, pk: int, post_pk: int) -> HttpResponse:
    post = unit_post_get_public(pk, post_pk)
    return render(request, "portal/unit_post_detail.html", {"post": post, "unit": post.unit})


def _editable_unit(request: HttpRequest, pk: int) -> object:
    unit = orgunit_get_public(pk)
    if not unit_page_may_edit(request.user, unit):
        raise Http404
    return unit


@require_http_methods(["GET", "POST"])
@officer_required
@editor_csp
def unit_page_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's officers write its functions and duties and contacts, and find its posts."""
    unit = _editable_unit(request, pk)
    profile = UnitProfile.objects.filter(unit=unit).first()
    if request.method == "POST":
        form = UnitProfileForm(request.POST)
        if form.is_valid():
            try:
                services.unit_profile_update(actor=request.user, unit=unit, **form.cleaned_data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(request, _("The unit's public page was saved."))
                return redirect("portal:unit-page", pk=unit.pk)
        status = 400
    else:
        initial = {}
        if profile is not None:
            fields = ("functions", "address", "phone", "email", "office_hours")
            initial = {name: getattr(profile, name) for name in fields}
        form, status = UnitProfileForm(initial=initial), 200
    context = {"unit": unit, "form": form, "posts": unit_post_list_for_editor(request.user, unit)}
    return render(request, "portal/unit_page_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_required
@editor_csp
def unit_post_create(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _editable_unit(request, pk)
    form = UnitPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = services.unit_post_create(actor=request.user, unit=unit, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return _saved(request, post)
    status = 400 if request.method == "POST" else 200
    context = {"unit": unit, "form": form, "post": None}
    return render(request, "portal/unit_post_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_required
@editor_csp
def unit_post_edit(request: HttpRequest, pk: int, post_pk: int) -> HttpResponse:
    unit = _editable_unit(request, pk)
    post = unit_post_get_for_editor(request.user, unit, post_pk)
    if request.method == "POST":
        form = UnitPostForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "request_key"}
            try:
                post = services.unit_post_update(actor=request.user, post=post, **data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                return _saved(request, post)
        status = 400
    else:
        initial = {"kind": post.kind, "title": post.title, "body": post.body}
        form, status = UnitPostForm(initial={**initial, "publish": post.is_published}), 200
    context = {"unit": unit, "form": form, "post": post}
    return render(request, "portal/unit_post_form.html", context, status=status)


def _saved(request: HttpRequest, post: object) -> HttpResponse:
    if post.is_published:
        messages.success(request, _("Published on the unit's page."))
        return redirect("portal:unit-post", pk=post.unit_id, post_pk=post.pk)
    messages.success(request, _("Saved as a draft: only the unit's officers see it."))
    return redirect("portal:unit-page-edit", pk=post.unit_id)
