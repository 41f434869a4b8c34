"""The notification centre ("Thông báo"): what the platform sent the logged-in person, newest
first, and one message opened (which marks it read). Only one's own: another's is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from egov.accounts.models import Notification
from egov.accounts.selectors_notify import notification_list_for
from egov.accounts.services_notify import notification_open, notifications_mark_all_read

PAGE_SIZE = 20


@require_GET
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The person's notifications, newest first, unread ones marked."""
    page = Paginator(notification_list_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    unread = any(n.read_at is None for n in page.object_list)
    return render(request, "accounts/notifications.html", {"page": page, "unread": unread})


@require_GET
@login_required
def notification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One notification as sent, with the link to what it is about; opening it marks it read."""
    try:
        notification = notification_open(user=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None
    return render(request, "accounts/notification_detail.html", {"notification": notification})


@require_POST
@login_required
def notification_mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark all of the person's notifications read, then back to the list."""
    count = notifications_mark_all_read(user=request.user)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("accounts:notifications")
