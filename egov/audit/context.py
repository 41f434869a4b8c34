"""Where the current request comes from, so services can audit without being handed the request."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    """The network origin of the action being audited."""

    ip: str | None = None
    user_agent: str = ""
    channel: str = "system"


# RequestOrigin is a frozen dataclass, so sharing the default instance is safe.
current_origin: ContextVar[RequestOrigin] = ContextVar(
    "current_origin",
    default=RequestOrigin(),  # noqa: B039
)


class SealAfterResponse:
    """A request's promise to run one sealing run once its response is sent (ADR 0030,
    addendum): a commit during the request only marks it ``wanted``."""

    __slots__ = ("wanted",)

    def __init__(self) -> None:
        self.wanted = False


# Set by the audit middleware for the request being answered; None outside a request (a
# command, a job, a test calling a service): there a commit seals at once.
seal_after_response: ContextVar[SealAfterResponse | None] = ContextVar(
    "seal_after_response", default=None
)
