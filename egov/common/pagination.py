"""The one pagination of the JSON API's lists: ninja's page numbers, bounded.

ninja's own `PageNumberPagination` takes any integer as a page: `?page=99999999999999999999` becomes
an OFFSET no database accepts (a 500). Here a page past `MAX_PAGE` is an input error, a 422 in the
API's error shape naming `page`, like any other invalid parameter."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000  # times any page size, far inside every database's OFFSET range


class BoundedPageNumberPagination(PageNumberPagination):
    """`@paginate(BoundedPageNumberPagination, page_size=...)` on every API list."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)
