"""Tables of the one-stop app, one module per concern (a ``dossier`` module joins them later).

Import models from here: ``from egov.onestop.models import Procedure``.
"""

from egov.onestop.models.catalog import Field, Procedure
from egov.onestop.models.catalog_items import ProcedureFee, RequiredDocument
from egov.onestop.models.dossier import (
    Dossier,
    DossierCodeCounter,
    DossierFile,
    DossierNotice,
    DossierPayment,
    DossierRating,
)
from egov.onestop.models.figures import (
    DossierDayFigure,
    DossierMonthOpen,
    DossierProcedureFigure,
    FigureDayRefresh,
)
from egov.onestop.models.national import NationalDossierIntake, NationalProcedureMapping
from egov.onestop.models.rules import RuleSet

__all__ = [
    "Dossier",
    "DossierCodeCounter",
    "DossierDayFigure",
    "DossierFile",
    "DossierMonthOpen",
    "DossierNotice",
    "DossierPayment",
    "DossierProcedureFigure",
    "DossierRating",
    "Field",
    "FigureDayRefresh",
    "NationalDossierIntake",
    "NationalProcedureMapping",
    "Procedure",
    "ProcedureFee",
    "RequiredDocument",
    "RuleSet",
]
