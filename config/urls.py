"""Root URL configuration: public portal, officer workspace, admin and the JSON API."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from config.api import api
from egov.accounts.admin_site import enforce_admin_two_factor

enforce_admin_two_factor(admin.site)

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("accounts/", include("egov.accounts.urls")),
    path("orgs/", include("egov.orgs.urls")),
    path("jobs/", include("egov.jobs.urls")),
    path("calendar/", include("egov.workdays.urls")),
    path("", include("egov.onestop.urls")),
    path("workflow/", include("egov.workflow.urls")),
    path("workspace/documents/", include("egov.documents.urls")),
    path("exchange/", include("egov.exchange.urls")),
    path("workspace/directives/", include("egov.directives.urls")),
    path("workspace/reporting/", include("egov.reporting.urls")),
    path("workspace/meetings/", include("egov.meetings.urls")),
    path("workspace/dashboards/", include("egov.dashboards.urls")),
    path("dashboards/", include("egov.dashboards.urls_public")),
    path("integration/", include("egov.integration.urls")),
    path("sim/", include("egov.integration.urls_sim")),
    path("workspace/feedback/", include("egov.feedback.urls_officer")),
    path("feedback/", include("egov.feedback.urls")),
    path("complaints/", include("egov.complaints.urls")),
    path("workspace/disclosure/", include("egov.disclosure.urls_officer")),
    path("disclosure/", include("egov.disclosure.urls")),
    path("", include("egov.surveys.urls")),
    path("press/", include("egov.directives.urls_public")),
    path("", include("egov.traceability.urls")),
    path("", include("egov.portal.urls")),
]
