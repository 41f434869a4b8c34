"""The portal's public pages of the published press releases: the list and each release, with
its DOCX and PDF files. No login; drafts are never shown (404)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.directives.press.render import release_layout
from egov.directives.press.selectors import press_release_published, press_release_published_get
from egov.directives.views.press import file_response

PAGE_SIZE = 20


@require_GET
def public_press_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(press_release_published(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "directives/public/press_list.html", {"page": page})


@require_GET
def public_press_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = press_release_published_get(pk)
    return render(
        request,
        "directives/public/press_detail.html",
        {"release": release, "layout": release_layout(release)},
    )


@require_GET
def public_press_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    return file_response(press_release_published_get(pk), kind)
