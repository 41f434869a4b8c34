"""URLs of paperless meetings (namespace "meetings"), mounted at /workspace/meetings/."""

from django.urls import path

from egov.meetings import views
from egov.meetings.views import calendar, checkin, figures

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting-list"),
    path("new/", views.meeting_create, name="meeting-create"),
    path("figures/", figures.meeting_figures_page, name="figures"),
    path("figures.xlsx", figures.meeting_figures_xlsx, name="figures-xlsx"),
    path("<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("<int:pk>/papers/<int:paper_id>/", views.paper_file, name="paper-file"),
    path("<int:pk>/speakers/", views.speakers_part, name="speakers"),
    path("<int:pk>/attendance/", checkin.attendance_part, name="attendance"),
    path("<int:pk>/scan/", checkin.checkin_scan, name="check-in-scan"),
    path("<int:pk>/codes/", checkin.checkin_codes, name="check-in-codes"),
    path("check-in/<str:code>/", checkin.checkin_by_code, name="check-in"),
    path("<int:pk>/meeting.ics", calendar.meeting_ics, name="meeting-ics"),
    path("calendar/link/", calendar.calendar_link, name="calendar-link"),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar-feed"),
    path(
        "calendar/<str:token>/units/<int:unit_id>.ics",
        calendar.calendar_unit_feed,
        name="calendar-unit-feed",
    ),
    path("<int:pk>/<slug:action>/", views.meeting_action, name="meeting-action"),
]
