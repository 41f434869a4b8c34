"""Shapes of the exchange API.

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

import uuid

from ninja import Schema


class ReceiptOut(Schema):
    message_id: uuid.UUID
    kind: str
    state: str
    duplicate: bool
