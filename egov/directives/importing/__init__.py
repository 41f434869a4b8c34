"""Reading annexed task tables (xlsx, csv, docx) into task rows and matching their unit names.
Pure apart from reading the uploaded bytes; the services store and apply the result."""

from egov.directives.importing.bullets import bullets_split
from egov.directives.importing.files import read_tables
from egov.directives.importing.schedule import Schedule, schedule_parse
from egov.directives.importing.table import TaskRow, tables_parse
from egov.directives.importing.units import (
    Collective,
    Match,
    UnitDirectory,
    UnitRow,
    collective_of,
    names_split,
    normalize,
)

__all__ = [
    "Collective",
    "Match",
    "Schedule",
    "TaskRow",
    "UnitDirectory",
    "UnitRow",
    "bullets_split",
    "collective_of",
    "names_split",
    "normalize",
    "read_tables",
    "schedule_parse",
    "tables_parse",
]
