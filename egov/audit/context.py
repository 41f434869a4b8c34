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
