"""A JSON request body read by hand (for operations whose body ninja must not parse itself, e.g.
so that bad input is a 422 naming the fields in the project's error shape), and its OpenAPI
entry. One implementation for every app's API."""

from __future__ import annotations

from typing import TypeVar

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ValidationError

from egov.common.exceptions import DomainError

S = TypeVar("S", bound=Schema)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class InvalidBody(DomainError):
    """The body is not JSON of the expected shape (the fields at fault in ``fields``)."""

    code = "invalid_input"
    status = 422


def json_body(
    request: HttpRequest,
    schema: type[S],
    *,
    error: type[DomainError] = InvalidBody,
    code: str | None = None,
) -> S:
    """The JSON body as ``schema``, or ``error`` (a 422) naming the fields at fault. A form
    body (the input guard has read it already) is refused the same way: these operations take
    JSON."""
    if request.content_type in FORM_TYPES:
        message = _("Send the body as JSON (Content-Type: application/json).")
        raise error(message, code=code, fields={"body": message})
    try:
        return schema.model_validate_json(request.body or b"{}")
    except ValidationError as exc:
        fields = {
            ".".join(str(p) for p in error["loc"]) or "body": error["msg"] for error in exc.errors()
        }
        raise error(_("Invalid input."), code=code, fields=fields) from exc


def inline_schema(model: type[Schema]) -> dict:
    """The JSON schema of ``model`` with its definitions inlined (for ``openapi_extra``)."""
    schema = model.model_json_schema()
    definitions = schema.pop("$defs", {})

    def inline(node: object) -> object:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return inline(definitions[ref.rsplit("/", 1)[1]])
            return {key: inline(value) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item) for item in node]
        return node

    return inline(schema)


def json_body_doc(schema: type[Schema]) -> dict:
    """``openapi_extra`` declaring ``schema`` as the operation's required JSON body."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": inline_schema(schema)}},
        }
    }


def form_body(
    request: HttpRequest,
    schema: type[S],
    *,
    error: type[DomainError] = InvalidBody,
    code: str | None = None,
) -> S:
    """The form-encoded body (``application/x-www-form-urlencoded``, e.g. Open311 GeoReport
    v2's POST) as ``schema`` (field aliases allowed), or ``error`` (a 422) naming the fields at
    fault. A repeated field keeps its last value."""
    if request.content_type not in FORM_TYPES:
        message = _("Send the body as a form (Content-Type: application/x-www-form-urlencoded).")
        raise error(message, code=code, fields={"body": message})
    try:
        return schema.model_validate(dict(request.POST.items()))
    except ValidationError as exc:
        fields = {
            ".".join(str(p) for p in error["loc"]) or "body": error["msg"] for error in exc.errors()
        }
        raise error(_("Invalid input."), code=code, fields=fields) from exc


def form_body_doc(schema: type[Schema]) -> dict:
    """``openapi_extra`` declaring ``schema`` as the operation's required form body."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": inline_schema(schema)}},
        }
    }
