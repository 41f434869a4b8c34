"""The city's data-sharing API under /api/v1/integration/: consumer systems registered by the
city office (``ShareConsumer``) read with an API token of their service account (read-only,
limited to "integration"); every read is checked against the registry and logged with the
consumer, the token, the purpose and whose data it was.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.http import HttpRequest
from ninja import Query, Router

from egov.common.api_errors import api_errors
from egov.integration.schemas import DossierStatusQuery, SharedDossierStatusOut
from egov.integration.services import shared_dossier_status
from egov.integration.throttle import share_read_throttle

router = Router(tags=["integration"])


@router.get("/dossier-status", response=SharedDossierStatusOut)
@api_errors(404, 429)
def dossier_status_get(request: HttpRequest, query: Query[DossierStatusQuery]) -> dict[str, object]:
    """A dossier's latest status as reported to the national public-service portal (its
    national status code), for a registered consumer system. The read is logged. 429 past the
    consumer's quota of reads a minute."""
    share_read_throttle(request)
    token = getattr(request, "api_token", None)
    shared = shared_dossier_status(
        actor=request.user,
        dossier_code=query.code,
        purpose=query.purpose,
        token_prefix=token.prefix if token is not None else "",
    )
    return {
        "dossier_code": shared.dossier_code,
        "national_status": shared.national_status,
        "status_label": shared.status_label,
        "changed_at": shared.changed_at,
        "is_acknowledged": shared.is_acknowledged,
    }
