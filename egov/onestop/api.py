"""Public JSON API of the procedure catalog (no login): the list and one procedure.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.pagination import paginate

from egov.common.pagination import BoundedPageNumberPagination
from egov.onestop import rules
from egov.onestop.models import Procedure
from egov.onestop.schemas import ProcedureFilter, ProcedureOut, ProcedureSummaryOut
from egov.onestop.selectors import procedure_get_public, procedure_list_public

router = Router(tags=["onestop"])


@router.get("/procedures", response=list[ProcedureSummaryOut], auth=None)
@paginate(BoundedPageNumberPagination, page_size=20)
def procedure_list(request: HttpRequest, filters: Query[ProcedureFilter]) -> QuerySet[Procedure]:
    """The current version of each published procedure, searched without accents."""
    return procedure_list_public(
        query=filters.q,
        level=filters.level or "",
        field_code=filters.field,
        online_level=filters.online_level or "",
    )


@router.get("/procedures/{code}", response=ProcedureOut, auth=None)
def procedure_get(
    request: HttpRequest, code: str = Path(..., pattern=rules.CODE_PATTERN)
) -> Procedure:
    """The version of a procedure in force today (or the latest one if it has ended), with its
    fees and documents."""
    return procedure_get_public(code)
