"""Events of the document registry for the apps above it (exchange, directives...).

Receivers live in the upper app's ``handlers.py`` (connected in its ``apps.ready()``).

- ``document_issued``: ``document`` (an outgoing document just numbered, signed and issued).
  Sent inside the issuing transaction, after the state change: a receiver may write its own
  rows there (e.g. the tasks a directive assigns) and an exception rolls the issue back.
- ``document_sent``: ``document``, ``recipients`` (the new :class:`DocumentRecipient` rows,
  status pending). Sent **after commit**: delivery (platform, edXML) is the exchange app's.
- ``incoming_status_changed``: ``document`` (an incoming document), ``status`` (a
  ``RecipientStatus`` value: ARRIVED, REGISTERED, ASSIGNED, IN_PROGRESS, COMPLETED, REJECTED),
  ``note`` (text, e.g. the reason of a rejection). Sent inside the transaction of the change,
  after it; the exchange app tells the sender (``document.source`` inside the platform, or a
  QCVN 102 status message).
"""

from django.dispatch import Signal

document_issued = Signal()
document_sent = Signal()
incoming_status_changed = Signal()
