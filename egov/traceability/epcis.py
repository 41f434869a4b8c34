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
from typing import Any

import jsonschema_rs

CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
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
        "eventID": {"type": "string"},
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
    """Schema problems of a captured document, by JSON pointer (``epcisBody.eventList.0.type``)."""
    problems: dict[str, str] = {}
    for error in _validator.iter_errors(document):
        where = ".".join(str(p) for p in error.instance_path) or "document"
        problems.setdefault(where, error.message)
    return problems


@dataclass(frozen=True)
class CapturedEvent:
    """One event of a captured document, as the platform reads it."""

    index: int
    event_type: str
    action: str
    biz_step: str
    event_at: datetime.datetime
    epcs: tuple[str, ...]
    inputs: tuple[str, ...] = ()
    location: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)


def _moment(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _classes(items: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(item["epcClass"] for item in items)


def events_read(document: Mapping[str, Any]) -> list[CapturedEvent]:
    """The events of a document that passed :func:`document_problems`."""
    events = []
    for index, raw in enumerate(document["epcisBody"]["eventList"]):
        if raw["type"] == "TransformationEvent":
            epcs = _classes(raw.get("outputQuantityList", [])) + tuple(raw.get("outputEPCList", []))
            inputs = _classes(raw.get("inputQuantityList", [])) + tuple(raw.get("inputEPCList", []))
        else:
            epcs = tuple(raw.get("epcList", [])) + _classes(raw.get("quantityList", []))
            inputs = ()
        where = raw.get("bizLocation") or raw.get("readPoint") or {}
        events.append(
            CapturedEvent(
                index=index,
                event_type=raw["type"],
                action=raw.get("action", ""),
                biz_step=raw.get("bizStep", ""),
                event_at=_moment(raw["eventTime"]),
                epcs=epcs,
                inputs=inputs,
                location=where.get("id", ""),
                extra={k: raw[k] for k in ("disposition",) if k in raw},
            )
        )
    return events


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
    inputs: tuple[str, ...]
    result: str
    hash: str


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
    quantity = {"epcClass": view.epc_class}
    if view.quantity is not None:
        quantity.update(quantity=view.quantity, uom=view.uom)
    if view.event_type == "TransformationEvent":
        out["inputQuantityList"] = [{"epcClass": uri} for uri in view.inputs]
        out["outputQuantityList"] = [quantity]
    else:
        out["action"] = view.action or "OBSERVE"
        out["quantityList"] = [quantity]
    if view.location:
        out["bizLocation"] = {"id": view.location}
    if view.result:
        out["disposition"] = "conformant" if view.result == "passed" else "non_conformant"
    out["integrityHash"] = view.hash
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
