"""Every write of the exchange app (services package, re-exported here)."""

from egov.exchange.services.delivery import (
    outbound_message_deliver,
    outbound_message_retry,
    outbound_messages_retry_due,
)
from egov.exchange.services.inbound import Receipt, inbound_message_receive
from egov.exchange.services.outbound import (
    document_dispatch,
    status_message_queue,
    withdrawal_messages_queue,
)
from egov.exchange.services.peers import (
    IssuedPeerToken,
    peer_authenticate,
    peer_create,
    peer_for_agency,
    peer_revoke,
    peer_token_issue,
)
from egov.exchange.services.status import incoming_status_forward

__all__ = [
    "IssuedPeerToken",
    "Receipt",
    "document_dispatch",
    "inbound_message_receive",
    "incoming_status_forward",
    "outbound_message_deliver",
    "outbound_message_retry",
    "outbound_messages_retry_due",
    "peer_authenticate",
    "peer_create",
    "peer_for_agency",
    "peer_revoke",
    "peer_token_issue",
    "status_message_queue",
    "withdrawal_messages_queue",
]
