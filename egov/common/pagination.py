"""The one pagination of the JSON API's lists: ninja's page numbers, bounded; and the pages of
the HTML lists that only offer the previous and the next page (`CappedPaginator`).

ninja's own `PageNumberPagination` takes any integer as a page: `?page=99999999999999999999` becomes
an OFFSET no database accepts (a 500). Here a page past `MAX_PAGE` is an input error, a 422 in the
API's error shape naming `page`, like any other invalid parameter."""

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000  # times any page size, far inside every database's OFFSET range


class BoundedPageNumberPagination(PageNumberPagination):
    """`@paginate(BoundedPageNumberPagination, page_size=...)` on every API list."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)


class CappedPaginator(Paginator):
    """A paginator that counts at most ``cap`` rows (``COUNT`` over a ``LIMIT``): a public list
    of a million rows showing only "previous" and "next" need not count them all on every
    page; pages past the cap are not offered (issue 17's scale: the feedback lists)."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int = 10_000) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list[: self.cap]
        return rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
