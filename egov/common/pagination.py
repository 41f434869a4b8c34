"""The one pagination of the JSON API's lists: ninja's page numbers, bounded; and the pages of
the HTML lists that only offer the previous and the next page (`CappedPaginator`).

ninja's own `PageNumberPagination` takes any integer as a page: `?page=99999999999999999999` becomes
an OFFSET no database accepts (a 500). Here a page past `MAX_PAGE` is an input error, a 422 in the
API's error shape naming `page`, like any other invalid parameter."""

from functools import cached_property
from math import ceil
from typing import Any

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000  # times any page size, far inside every database's OFFSET range


class BoundedPageNumberPagination(PageNumberPagination):
    """`@paginate(BoundedPageNumberPagination, page_size=...)` on every API list."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)


class CappedPage(Page):
    """A page of `CappedPaginator`: whether a next one follows is known from the row read past
    its end, not from a count."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more

    def next_page_number(self) -> int:
        if not self.more:
            raise EmptyPage(self.paginator.error_messages["no_results"])
        return self.number + 1

    def previous_page_number(self) -> int:
        if self.number <= 1:
            raise EmptyPage(self.paginator.error_messages["min_page"])
        return self.number - 1


class CappedPaginator(Paginator):
    """Pages of a long list that only offer "previous" and "next" (issue 17's scale: the
    feedback lists of a million rows), within the first ``cap`` rows. A page reads one row more
    than it shows to know whether another follows, so the list is not counted at all; only a
    page number past the end (a hand-made link) counts, at most ``cap`` rows (``COUNT`` over a
    ``LIMIT``), to land on the last page. Pages past the cap are not offered."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int = 10_000) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        rows = self.object_list[: self.cap]
        return rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)

    def page(self, number: Any) -> CappedPage:
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from error
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > max(1, ceil(self.cap / self.per_page)):
            raise EmptyPage(self.error_messages["no_results"])
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : min(bottom + self.per_page + 1, self.cap)])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        return CappedPage(rows[: self.per_page], number, self, more=len(rows) > self.per_page)

    def get_page(self, number: Any) -> CappedPage:
        """The page ``number``; the first for a number that is not one, the last (counted)
        for one past the end."""
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)
