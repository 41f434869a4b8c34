"""Events of the document registry that an app above it listens to (exchange).

Receivers live in the upper app's ``handlers.py`` (connected in its ``apps.ready()``).

- ``document_sent``: ``document``, ``recipients`` (the new :class:`DocumentRecipient` rows,
  status pending). Sent **after commit**: delivery (platform, edXML) is the exchange app's.
- ``incoming_status_changed``: ``document`` (an incoming document), ``status`` (a
  ``RecipientStatus`` value: ARRIVED, REGISTERED, ASSIGNED, IN_PROGRESS, COMPLETED, REJECTED),
  ``note`` (text, e.g. the reason of a rejection). Sent inside the transaction of the change,
  after it; the exchange app tells the sender (``document.source`` inside the platform, or a
  QCVN 102 status message).
- ``document_recalled``: ``document`` (an issued document just recalled), ``reason``. Sent
  inside the recall's transaction, after it; the exchange app queues status 13 (withdrawn by
  the sender) for each agency outside the platform its package reached.
"""

from django.dispatch import Signal

document_sent = Signal()
incoming_status_changed = Signal()
document_recalled = Signal()
