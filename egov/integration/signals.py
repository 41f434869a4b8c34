"""Events of the integration layer that an app above it listens to.

Receivers live in the upper app's ``handlers.py`` (connected in its ``apps.ready()``).

- ``payment_confirmed``: ``order`` (a :class:`PaymentOrder` the gateway has just confirmed as
  paid, with its ``dossier_code``, ``amount``, ``gateway_transaction`` and ``paid_at``). Sent
  once per order, inside the confirmation's transaction, after it: onestop records the fee as
  paid on the dossier in the same transaction. A receiver must not raise for a dossier it
  cannot find (the money has moved; the order stays confirmed and the operator sees it).
"""

from django.dispatch import Signal

payment_confirmed = Signal()
