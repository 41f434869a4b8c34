"""The JSON API's one error shape, and which error statuses each operation declares.

Every error of the API answers ``{"detail": "<message>", "code": "<stable_code>", "errors":
[{"field", "message"}]}`` (config/api.py's exception handlers, the input guard). The OpenAPI
schema declares it on every operation, for the statuses that operation can answer:

- 400 (a rule of the domain, a NUL character) and 422 (invalid input) where the operation takes
  any input (path, query or body); 413 where it takes a body;
- 401 and 403 where it requires authentication (no or a bad credential; not allowed, a failed
  CSRF check of a session);
- 404 where it names an object in its path;
- 409 on every write (a concurrent change, a conflicting idempotency key);
- any further status a view declares with :func:`api_errors` (e.g. 429 past a rate limit).

No `from __future__ import annotations` here: django-ninja reads the annotations at import.
"""

from collections.abc import Callable
from typing import TypeVar

from ninja import Schema

F = TypeVar("F", bound=Callable)

_EXTRA_ATTRIBUTE = "_egov_api_errors"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ApiErrorItemOut(Schema):
    field: str
    message: str


class ApiErrorOut(Schema):
    """An error of the API: a message for people and a stable code for programs."""

    detail: str
    code: str
    errors: list[ApiErrorItemOut] | None = None


def api_errors(*statuses: int) -> Callable[[F], F]:
    """Declares error statuses a view answers beyond those the rules above infer.

    Put it above or below ``@router.get``; ``@api_errors(429)`` on a rate-limited lookup."""

    def decorate(view: F) -> F:
        declared = set(getattr(view, _EXTRA_ATTRIBUTE, ()))
        setattr(view, _EXTRA_ATTRIBUTE, frozenset(declared | set(statuses)))
        return view

    return decorate


def error_statuses(
    *,
    methods: list[str],
    has_auth: bool,
    has_input: bool,
    has_body: bool,
    has_path_params: bool,
    view: Callable,
) -> list[int]:
    """The error statuses one operation declares, by the rules of the module docstring."""
    statuses: set[int] = set(getattr(view, _EXTRA_ATTRIBUTE, ()))
    if has_input:
        statuses |= {400, 422}
    if has_body:
        statuses.add(413)
    if has_auth:
        statuses |= {401, 403}
    if has_path_params:
        statuses.add(404)
    if WRITE_METHODS.intersection(methods):
        statuses |= {400, 409}
    return sorted(statuses)
