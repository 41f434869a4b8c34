"""``/favicon.ico``: browsers ask for it at the root; it lives with the static files."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """Redirect to the (hashed, long-cached) static icon; the pages link it themselves."""

    permanent = False
    http_method_names = ["get", "head"]

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return static("favicon.ico")
