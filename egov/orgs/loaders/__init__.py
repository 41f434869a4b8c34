"""Shipped org datasets (``egov/orgs/datasets/``) and loading them into the tree.

``orgs_dataset_load(actor=..., name="hanoi-2025")`` is the one entry point; ``egov load_orgs``
calls it.
"""

from __future__ import annotations

from egov.orgs.loaders.apply import DatasetConflict, LoadReport, orgs_dataset_load
from egov.orgs.loaders.specs import (
    DATASET_NAMES,
    DatasetInvalid,
    DatasetSpec,
    UnitSpec,
    agency_code_is_valid,
    dataset_read,
    iter_units,
)

__all__ = [
    "DATASET_NAMES",
    "DatasetConflict",
    "DatasetInvalid",
    "DatasetSpec",
    "LoadReport",
    "UnitSpec",
    "agency_code_is_valid",
    "dataset_read",
    "iter_units",
    "orgs_dataset_load",
]
