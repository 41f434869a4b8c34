"""Every write of the one-stop app, one module per concern (``dossier`` joins them later).

Import services from here: ``from egov.onestop.services import procedure_new_version``.
"""

from egov.onestop.services.catalog import (
    field_search_text_refresh,
    procedure_new_version,
    procedure_store,
)
from egov.onestop.services.catalog_io import (
    ImportReport,
    SkippedRow,
    catalog_import,
    catalog_load_sample,
)

__all__ = [
    "ImportReport",
    "SkippedRow",
    "catalog_import",
    "catalog_load_sample",
    "field_search_text_refresh",
    "procedure_new_version",
    "procedure_store",
]
