"""URL arguments of the account routes for the permission matrix."""

from __future__ import annotations

from typing import Any


def reset_link_kwargs(route: str, user: Any, world: Any) -> dict[str, object]:
    """A reset link that matches no account: the page answers that the link is not valid."""
    return {"uidb64": "MA", "token": "abc-0123456789abcdef"}
