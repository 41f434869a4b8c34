"""Shipped org datasets (``egov/orgs/datasets/``) and loading them into the tree.

``orgs_dataset_load(actor=..., name="hanoi-2025")`` is the one entry point; ``egov load_orgs``
calls it. ``vn-2025-NN`` (``province_dataset_name``) is the current structure of any province.
"""

from __future__ import annotations

from egov.orgs.loaders.apply import (
    DatasetConflict,
    LoadReport,
    orgs_dataset_load,
    orgunit_now_named,
)
from egov.orgs.loaders.specs import (
    DATASET_NAMES,
    DatasetInvalid,
    DatasetSpec,
    UnitSpec,
    agency_code_is_valid,
    dataset_read,
    iter_units,
    province_code_find,
    province_dataset_name,
    spec_with_agency_codes,
    successor_names,
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
    "orgunit_now_named",
    "province_code_find",
    "province_dataset_name",
    "spec_with_agency_codes",
    "successor_names",
]
