"""The officer's inbox: items waiting at the steps they may act on. Item pages and action
forms belong to the domain apps, which include the components in ``workflow/components/``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from egov.orgs.decorators import officer_required
from egov.workflow.forms import InboxFilterForm
from egov.workflow.selectors import inbox_list_for_user, inbox_rows

PAGE_SIZE = 50


@require_GET
@officer_required
def inbox(request: HttpRequest) -> HttpResponse:
    """Overdue and nearly-due items first; an HTMX request gets only the rows partial."""
    form = InboxFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    now = timezone.now()
    steps = inbox_list_for_user(
        request.user,
        status=filters.get("status") or None,
        overdue_only=bool(filters.get("overdue")),
        nearly_due_only=bool(filters.get("nearly_due")),
        query=filters.get("q", ""),
        now=now,
    )
    page = Paginator(steps, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "rows": inbox_rows(page.object_list, now=now),
        "query_string": _query_string(request),
    }
    template = (
        "workflow/_inbox_rows.html" if request.headers.get("HX-Request") else "workflow/inbox.html"
    )
    return render(request, template, context)


def _query_string(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
