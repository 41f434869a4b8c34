"""Every scoped read of the document registry (a package: access, search, page, registers,
figures). Import from here: ``from egov.documents.selectors import document_get_for_user``."""

from egov.documents.selectors.access import (
    document_file_get_for_user,
    document_get_for_user,
    document_list_to_sign,
    document_scope,
)
from egov.documents.selectors.detail import DocumentPage, document_page
from egov.documents.selectors.figures import FigureRow, document_figures, figures_units_for
from egov.documents.selectors.registers import (
    incoming_register_rows,
    outgoing_register,
    register_units_for,
)
from egov.documents.selectors.search import (
    DocumentFilters,
    document_list_for_user,
    document_rows,
    document_search,
    newest_ids,
    text_match,
)

__all__ = [
    "DocumentFilters",
    "DocumentPage",
    "FigureRow",
    "document_figures",
    "document_file_get_for_user",
    "document_get_for_user",
    "document_list_for_user",
    "document_list_to_sign",
    "document_page",
    "document_rows",
    "document_scope",
    "document_search",
    "figures_units_for",
    "incoming_register_rows",
    "newest_ids",
    "outgoing_register",
    "register_units_for",
    "text_match",
]
