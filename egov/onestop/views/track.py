"""The public status page of a dossier (no login): look-up by code or by the receipt's QR code.

Shows only what :mod:`egov.onestop.selectors.track` exposes. Unknown and malformed codes get
the same answer; look-ups are rate limited per client IP (:mod:`egov.onestop.throttle`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from egov.common.replica import replica_reads
from egov.onestop.progress import dossier_stages
from egov.onestop.selectors.track import (
    dossier_track_forms,
    dossier_track_qr_svg,
    track_code_normalize,
)
from egov.onestop.throttle import TooManyLookups, track_lookup, track_window_seconds

QR_MAX_AGE = 24 * 3600


@require_GET
@never_cache
@replica_reads
def dossier_status(request: HttpRequest) -> HttpResponse:
    """The look-up form and, for ``?code=``, the dossier's public status or "not found"."""
    code = request.GET.get("code", "")
    if not code.strip():
        return render(request, "onestop/dossier_status.html", {"searched": False})
    try:
        track = track_lookup(code=code, request=request)
    except TooManyLookups as exc:
        response = render(
            request, "onestop/dossier_status_limited.html", {"message": exc.message}, status=429
        )
        response["Retry-After"] = str(track_window_seconds())
        return response
    forms = dossier_track_forms(request.user, track.code) if track else []
    stages = (
        dossier_stages(track.status, is_received=track.received_at is not None) if track else []
    )
    context = {"searched": True, "track": track, "forms": forms, "stages": stages}
    return render(request, "onestop/dossier_status.html", context)


@require_GET
def dossier_status_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The QR code (SVG) of the status page of ``code``. Made from the code alone, without a
    look-up, so it tells nothing about whether the dossier exists."""
    normalized = track_code_normalize(code)
    if normalized is None:
        raise Http404
    response = HttpResponse(dossier_track_qr_svg(normalized), content_type="image/svg+xml")
    response["Cache-Control"] = f"public, max-age={QR_MAX_AGE}"
    return response
