"""Export of the whole catalog (every version, published or not) as a catalog file."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from egov.onestop import interchange
from egov.onestop.choices import CatalogFormat
from egov.onestop.interchange.records import procedure_to_record
from egov.onestop.models import Procedure


@dataclass(frozen=True)
class CatalogFile:
    """An exported catalog: bytes, a download name and a content type."""

    content: bytes
    filename: str
    content_type: str


def catalog_export(format: str) -> CatalogFile:
    """Every procedure version, ordered by code and version, as json, csv or xlsx (see
    :mod:`egov.onestop.interchange.formats`). Importing the file back changes nothing."""
    file_format = CatalogFormat(format)
    procedures = (
        Procedure.objects.select_related("field")
        .prefetch_related("fees", "documents")
        .order_by("code", "version")
    )
    records = [procedure_to_record(p) for p in procedures]
    stamp = timezone.localdate().isoformat()
    return CatalogFile(
        content=interchange.encode(file_format, records),
        filename=f"procedures-{stamp}.{file_format.value}",
        content_type=interchange.CONTENT_TYPES[file_format],
    )
