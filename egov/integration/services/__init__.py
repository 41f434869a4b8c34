"""Services of the integration layer: the connector client, the national adapters and the
data-sharing reads. Domain apps call these; this package never imports them."""

from egov.integration.services.lookups import (
    BusinessRecord,
    CitizenRecord,
    business_lookup,
    business_self_lookup,
    citizen_lookup,
    citizen_self_lookup,
    lookup_unit_attribute,
)
from egov.integration.services.national_reporting import (
    IndicatorLine,
    NationalReport,
    national_report_message,
    national_report_send,
    national_reporting_connected,
)
from egov.integration.services.payments import (
    gateway_result_message,
    payment_callback,
    payment_is_available,
    payment_request,
    payment_status_check,
)
from egov.integration.services.personal_store import (
    ResultForStore,
    StoredFile,
    StoredPaper,
    personal_store_connected,
    personal_store_fetch,
    personal_store_papers,
    personal_store_result_push,
)
from egov.integration.services.pushes import (
    dossier_status_push,
    dossier_status_push_after_commit,
    status_push_deliver,
    status_pushes_deliver_due,
    status_pushes_paused,
    status_reconcile,
)
from egov.integration.services.share import shared_dossier_status

__all__ = [
    "BusinessRecord",
    "CitizenRecord",
    "IndicatorLine",
    "NationalReport",
    "ResultForStore",
    "StoredFile",
    "StoredPaper",
    "business_lookup",
    "business_self_lookup",
    "citizen_lookup",
    "citizen_self_lookup",
    "dossier_status_push",
    "dossier_status_push_after_commit",
    "gateway_result_message",
    "lookup_unit_attribute",
    "national_report_message",
    "national_report_send",
    "national_reporting_connected",
    "payment_callback",
    "payment_is_available",
    "payment_request",
    "payment_status_check",
    "personal_store_connected",
    "personal_store_fetch",
    "personal_store_papers",
    "personal_store_result_push",
    "shared_dossier_status",
    "status_push_deliver",
    "status_pushes_deliver_due",
    "status_pushes_paused",
    "status_reconcile",
]
