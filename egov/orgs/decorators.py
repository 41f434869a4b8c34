"""Guards for officer pages: logged in, an officer, and holding at least one current role."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from egov.common.exceptions import PermissionDenied as DomainPermissionDenied
from egov.orgs.access import require_officer

View = Callable[..., HttpResponse]


def officer_required(view: View) -> View:
    """Anonymous visitors go to the login page; citizens and officers without a role get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            require_officer(request.user)
        except DomainPermissionDenied as refused:
            raise PermissionDenied from refused
        return view(request, *args, **kwargs)

    return wrapped
