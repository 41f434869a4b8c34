"""The public Decision 766 page (namespace "dashboards-public"), mounted at /dashboards/."""

from django.urls import path

from egov.dashboards import views

app_name = "dashboards-public"
urlpatterns = [
    path("766/", views.scoreboard_public, name="scoreboard"),
]
