"""EPCIS 2.0 JSON-LD in and out, pure (no ORM): the schema a captured document must satisfy,
the reading of its events, and the platform's events written back as an EPCIS document.

The schema below is the platform's own subset of the GS1 EPCIS 2.0 JSON Schema (the parts the
platform reads: document envelope, ObjectEvent and TransformationEvent with their required
members and value formats), checked with ``jsonschema_rs`` (already a dependency). The full GS1
schema is not vendored: its licence and size were not reviewed for this module."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import jsonschema_rs
from django.utils.translation import gettext as _

from egov.traceability import rules

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
# The most events one captured document may carry (the ``GS1-EPCIS-Capture-Limit`` the capture
# endpoint announces): a producer's system splits larger sets into several captures, each
# checked and stored in one transaction.
CAPTURE_LIMIT = 5000
EVENT_ID_MAX = 120  # the column's length
DATE_TIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"
QUANTITY = {
    "type": "object",
    "required": ["epcClass"],
    "properties": {
        "epcClass": {"type": "string", "minLength": 1},
        "quantity": {"type": "number", "minimum": 0},
        "uom": {"type": "string", "pattern": "^[A-Z0-9]{2,3}$"},
    },
}
LOCATION = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
EVENT = {
    "type": "object",
    "required": ["type", "eventTime", "eventTimeZoneOffset"],
    "properties": {
        "type": {"enum": ["ObjectEvent", "TransformationEvent"]},
        "eventTime": {"type": "string", "pattern": DATE_TIME},
        "eventTimeZoneOffset": {"type": "string", "pattern": r"^[+-]\d{2}:\d{2}$"},
        "eventID": {"type": "string", "minLength": 1, "maxLength": EVENT_ID_MAX},
        "action": {"enum": ["ADD", "OBSERVE", "DELETE"]},
        "bizStep": {"type": "string"},
        "disposition": {"type": "string"},
        "epcList": {"type": "array", "items": {"type": "string"}},
        "quantityList": {"type": "array", "items": QUANTITY},
        "inputQuantityList": {"type": "array", "items": QUANTITY},
        "outputQuantityList": {"type": "array", "items": QUANTITY},
        "readPoint": LOCATION,
        "bizLocation": LOCATION,
    },
    "allOf": [
        {
            "if": {"properties": {"type": {"const": "ObjectEvent"}}},
            "then": {"required": ["action"]},
        }
    ],
}
DOCUMENT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["@context", "type", "schemaVersion", "creationDate", "epcisBody"],
    "properties": {
        "type": {"const": "EPCISDocument"},
        "schemaVersion": {"const": "2.0"},
        "creationDate": {"type": "string", "pattern": DATE_TIME},
        "epcisBody": {
            "type": "object",
            "required": ["eventList"],
            "properties": {"eventList": {"type": "array", "minItems": 1, "items": EVENT}},
        },
    },
}
_validator = jsonschema_rs.Draft202012Validator(DOCUMENT_SCHEMA)


def document_problems(document: object) -> dict[str, str]:
    """Schema problems of a captured document, by JSON pointer (``epcisBody.eventList.0.type``),
    then the event times the schema's pattern lets through but no calendar has (month 13)."""
    problems: dict[str, str] = {}
    for error in _validator.iter_errors(document):
        where = ".".join(str(p) for p in error.instance_path) or "document"
        problems.setdefault(where, error.message)
    if problems:
        return problems
    if not isinstance(document, Mapping):  # the schema's first rule refused it already
        return problems
    events = document["epcisBody"]["eventList"]
    if len(events) > CAPTURE_LIMIT:
        problems["epcisBody.eventList"] = _(
            "At most %(limit)s events per document: send the rest in another capture."
        ) % {"limit": CAPTURE_LIMIT}
    for index, raw in enumerate(events):
        try:
            _moment(raw["eventTime"])
        except ValueError:
            problems[f"epcisBody.eventList.{index}.eventTime"] = _(
                "This is not a date and time of the calendar."
            )
    return problems


def event_count(document: object) -> int | None:
    """How many events a parsed body says it carries (None: not a document's shape), read
    before the capture job so that a document over the limit is refused at once."""
    body = document.get("epcisBody") if isinstance(document, Mapping) else None
    events = body.get("eventList") if isinstance(body, Mapping) else None
    return len(events) if isinstance(events, list) else None


@dataclass(frozen=True)
class QuantityItem:
    """One member of an EPCIS quantity list: the lot (class) and, where given, how much."""

    epc_class: str
    quantity: Decimal | None = None
    uom: str = ""


@dataclass(frozen=True)
class CapturedEvent:
    """One event of a captured document, as the platform reads it."""

    index: int
    event_id: str
    event_type: str
    action: str
    biz_step: str
    event_at: datetime.datetime
    epcs: tuple[str, ...]
    inputs: tuple[QuantityItem, ...] = ()
    outputs: tuple[QuantityItem, ...] = ()
    location: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _classes(items: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(item["epcClass"] for item in items)


def _items(raw: Mapping[str, Any], quantities: str, epcs: str) -> tuple[QuantityItem, ...]:
    """A TransformationEvent's inputs or outputs: its quantity list (lots with quantities),
    then its EPC list (instances, no quantity)."""
    items = [
        QuantityItem(
            epc_class=item["epcClass"],
            quantity=Decimal(str(item["quantity"])) if "quantity" in item else None,
            uom=item.get("uom", ""),
        )
        for item in raw.get(quantities, [])
    ]
    return tuple(items) + tuple(QuantityItem(epc_class=uri) for uri in raw.get(epcs, []))


def events_read(document: Mapping[str, Any]) -> list[CapturedEvent]:
    """The events of a document that passed :func:`document_problems`."""
    events = []
    for index, raw in enumerate(document["epcisBody"]["eventList"]):
        inputs = outputs = ()
        if raw["type"] == "TransformationEvent":
            inputs = _items(raw, "inputQuantityList", "inputEPCList")
            outputs = _items(raw, "outputQuantityList", "outputEPCList")
            epcs = tuple(item.epc_class for item in outputs)
        else:
            epcs = tuple(raw.get("epcList", [])) + _classes(raw.get("quantityList", []))
        where = raw.get("bizLocation") or raw.get("readPoint") or {}
        events.append(
            CapturedEvent(
                index=index,
                event_id=raw.get("eventID") or derived_event_id(raw),
                event_type=raw["type"],
                action=raw.get("action", ""),
                biz_step=raw.get("bizStep", ""),
                event_at=_moment(raw["eventTime"]),
                epcs=epcs,
                inputs=inputs,
                outputs=outputs,
                location=where.get("id", ""),
                extra={k: raw[k] for k in ("disposition",) if k in raw},
            )
        )
    return events


def derived_event_id(raw: Mapping[str, Any]) -> str:
    """The event ID of a captured event that came without one: a named-information URI of its
    own content (the shape of the CBV 2.0 event hash ID; the canonical form is the platform's
    sorted-keys JSON, not CBV's). The same event sent again gets the same ID, so a retried
    capture stores it once."""
    return rules.event_id(raw)


def gln_of(location: str) -> str:
    """The GLN of a location id: ``https://id.gs1.org/414/<GLN>`` or ``urn:epc:id:sgln:…``
    (company prefix and location reference; the check digit is recomputed by the caller)."""
    if "/414/" in location:
        return location.split("/414/", 1)[1].split("/", 1)[0]
    return ""


@dataclass(frozen=True)
class EventView:
    """What the document writer needs of one stored event."""

    event_id: str
    event_type: str
    action: str
    biz_step: str
    event_at: datetime.datetime
    epc_class: str
    quantity: float | None
    uom: str
    location: str
    inputs: tuple[QuantityItem, ...]
    result: str
    hash: str
    destination: str = ""  # the party a shipment goes to (its PGLN URI), where it has a GLN


def event_json(view: EventView) -> dict[str, Any]:
    """One stored event as EPCIS 2.0 JSON-LD (class-level identification of the lot)."""
    local = view.event_at.astimezone(datetime.timezone(datetime.timedelta(hours=7)))
    out: dict[str, Any] = {
        "type": view.event_type,
        "eventID": view.event_id,
        "eventTime": view.event_at.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "eventTimeZoneOffset": local.strftime("%z")[:3] + ":" + local.strftime("%z")[3:],
        "bizStep": view.biz_step,
    }
    quantity: dict[str, Any] = {"epcClass": view.epc_class}
    if view.quantity is not None:
        quantity.update(quantity=view.quantity, uom=view.uom)
    if view.event_type == "TransformationEvent" and not view.inputs:
        # the event in an input lot's own chain: this lot (and how much of it) went in
        out["inputQuantityList"] = [quantity]
    elif view.event_type == "TransformationEvent":
        out["inputQuantityList"] = [_quantity_json(item) for item in view.inputs]
        out["outputQuantityList"] = [quantity]
    else:
        out["action"] = view.action or "OBSERVE"
        out["quantityList"] = [quantity]
    if view.location:
        out["bizLocation"] = {"id": view.location}
    if view.destination:
        out["destinationList"] = [{"type": "owning_party", "destination": view.destination}]
    if view.result:
        out["disposition"] = "conformant" if view.result == "passed" else "non_conformant"
    out["integrityHash"] = view.hash
    return out


def _quantity_json(item: QuantityItem) -> dict[str, Any]:
    out: dict[str, Any] = {"epcClass": item.epc_class}
    if item.quantity is not None:
        out.update(quantity=float(item.quantity), uom=item.uom)
    return out


def query_document(events: Iterable[EventView], *, created: datetime.datetime) -> dict[str, Any]:
    """An EPCIS 2.0 query result document of ``events``."""
    return {
        "@context": [CONTEXT, {"integrityHash": "https://egov.example/ns/integrityHash"}],
        "type": "EPCISQueryDocument",
        "schemaVersion": "2.0",
        "creationDate": created.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z"),
        "epcisBody": {
            "queryResults": {
                "queryName": "SimpleEventQuery",
                "resultsBody": {"eventList": [event_json(e) for e in events]},
            }
        },
    }


def _utc(moment: datetime.datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def capture_job_json(
    *,
    capture_id: str,
    created: datetime.datetime,
    finished: datetime.datetime | None,
    succeeded: bool,
    message: str,
    fields: Mapping[str, str],
) -> dict[str, Any]:
    """A capture job as the EPCIS 2.0 REST binding describes it (``GET /capture/{id}``): the
    whole document is rolled back on any error, which is listed as an RFC 7807 problem naming
    the member at fault."""
    failed = finished is not None and not succeeded
    errors = [
        {
            "type": "epcisException:ValidationException",
            "title": message,
            "status": 400,
            "field": name,
            "detail": text,
        }
        for name, text in fields.items()
    ]
    if failed and not errors:
        errors = [{"type": "epcisException:ImplementationException", "title": message}]
    return {
        "captureID": capture_id,
        "createdAt": _utc(created),
        "finishedAt": _utc(finished),
        "running": finished is None,
        "success": finished is not None and succeeded,
        "captureErrorBehaviour": "rollback",
        "errors": errors,
    }
