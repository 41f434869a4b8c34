"""One guard, before any view, for input no form or schema can store or even read.

- A NUL character in a query parameter, a form field (url-encoded or multipart) or a JSON body:
  PostgreSQL text refuses it, so any search or save carrying it would end in a 500. Refused here
  with a 400, for every form and every schema at once.
- A body past Django's size limits (`DATA_UPLOAD_MAX_MEMORY_SIZE`, `DATA_UPLOAD_MAX_NUMBER_FIELDS`,
  `DATA_UPLOAD_MAX_NUMBER_FILES`) on the API: a 413/400 in the API's error shape instead of
  Django's HTML 400 page. Elsewhere Django's own 400 answers, as before.

Under /api/ the answer has the API's error shape `{"detail", "code", "errors": [{"field",
"message"}]}`; elsewhere a plain page. Bodies other than forms and JSON (an edXML package, a file
stream) are not read here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

API_PREFIX = "/api/"
NUL = "\x00"
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _nul_in_json(value: object, path: str = "") -> Iterator[str]:
    """The paths of the strings (keys or values) holding a NUL in a parsed JSON document."""
    if isinstance(value, str):
        if NUL in value:
            yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if NUL in key:
                yield where
            yield from _nul_in_json(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nul_in_json(item, f"{path}.{index}" if path else str(index))


def fields_with_nul(request: HttpRequest) -> list[str]:
    """The names of the query parameters, form fields or JSON members holding a NUL character.

    Raises Django's RequestDataTooBig / TooManyFieldsSent / TooManyFilesSent for bodies past
    its limits, as any read of the body would."""
    fields = [k for k, values in request.GET.lists() if NUL in k or any(NUL in v for v in values)]
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH", "DELETE"):
        if content_type in _FORM_TYPES:
            fields += [
                k for k, values in request.POST.lists() if NUL in k or any(NUL in v for v in values)
            ]
        elif content_type == "application/json" or content_type.endswith("+json"):
            body = request.body
            if b"\\u0000" in body:  # a NUL can only arrive escaped in valid JSON
                try:
                    document = json.loads(body)
                except ValueError:
                    document = None  # malformed: the schema answers
                fields += [path or "body" for path in _nul_in_json(document)]
    return fields


def _refusal(request: HttpRequest, status: int, code: str, detail: str, fields: list[str]):
    if request.path.startswith(API_PREFIX):
        errors = [{"field": field, "message": detail} for field in fields]
        return JsonResponse({"detail": detail, "code": code, "errors": errors}, status=status)
    return render(request, "common/refused_input.html", {"detail": detail}, status=status)


class InputGuardMiddleware:
    """Refuses NUL characters anywhere in the input and, on the API, oversized bodies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            fields = fields_with_nul(request)
        except RequestDataTooBig:
            if not request.path.startswith(API_PREFIX):
                raise
            detail = _("The request is too large.")
            return _refusal(request, 413, "request_too_large", detail, [])
        except (TooManyFieldsSent, TooManyFilesSent):
            if not request.path.startswith(API_PREFIX):
                raise
            detail = _("The request has too many fields or files.")
            return _refusal(request, 400, "too_many_fields", detail, [])
        if fields:
            detail = _("The request contains characters that cannot be accepted (a NUL character).")
            return _refusal(request, 400, "invalid_characters", detail, fields)
        return self.get_response(request)
