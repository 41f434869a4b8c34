"""The configuration admin requires a verified second factor (TOTP)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.admin import AdminSite
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse


def enforce_admin_two_factor(site: AdminSite) -> None:
    """Admit only active staff whose session passed the TOTP step; send others to our login."""

    def has_permission(request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and user.is_verified())

    def login(request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")

    site.has_permission = has_permission
    site.login = login
    site.site_header = "egov"
