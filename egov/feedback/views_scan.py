"""Reporting a problem with a product from its public scan page (traceability links here by URL
name, with the product, its unit and its page in the query): no login, the contact optional,
a limit per client address. The report is an ordinary report of the product category."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.feedback import services
from egov.feedback.forms import ScanReportForm, request_key_new
from egov.feedback.throttle import scan_report_throttle

FROM_LINK = ("area_id", "subject", "address", "link")


@require_http_methods(["GET", "POST"])
def report_scan(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ScanReportForm(request.POST, request.FILES)
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("photos", None)
            try:
                scan_report_throttle(request)
                report = services.report_from_scan(
                    actor=request.user, photos=request.FILES.getlist("photos"), **data
                )
            except DomainError as error:
                form_add_domain_error(form, error)
                status = error.status if 400 <= error.status < 500 else 400
            else:
                messages.success(
                    request,
                    _("Your report %(code)s was sent to %(unit)s. Thank you.")
                    % {"code": report.code, "unit": report.unit.name},
                )
                link = data.get("link") or ""
                if url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
                    return redirect(link)
                return redirect("feedback:report-list")
        return render(request, "feedback/report_scan.html", {"form": form}, status=status)
    initial = {name: request.GET.get(name, "") for name in FROM_LINK}
    form = ScanReportForm(initial={**initial, "request_key": request_key_new()})
    if not (initial["area_id"].isdigit() and initial["subject"].strip()):
        return render(request, "feedback/report_scan.html", {"form": None}, status=400)
    return render(request, "feedback/report_scan.html", {"form": form})
