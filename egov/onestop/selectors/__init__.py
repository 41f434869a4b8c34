"""Every read of the one-stop app, one module per concern (``dossier`` joins them later).

Import selectors from here: ``from egov.onestop.selectors import ruleset_in_force``.
"""

from egov.onestop.selectors.catalog import (
    competent_unit_for,
    document_template_get_public,
    field_list_public,
    procedure_get_public,
    procedure_in_force,
    procedure_list_for_unit,
    procedure_list_public,
    procedure_versions_public,
)
from egov.onestop.selectors.catalog_io import CatalogFile, catalog_export
from egov.onestop.selectors.rules import ruleset_in_force, ruleset_list, ruleset_timeline_problems

__all__ = [
    "CatalogFile",
    "catalog_export",
    "competent_unit_for",
    "document_template_get_public",
    "field_list_public",
    "procedure_get_public",
    "procedure_in_force",
    "procedure_list_for_unit",
    "procedure_list_public",
    "procedure_versions_public",
    "ruleset_in_force",
    "ruleset_list",
    "ruleset_timeline_problems",
]
