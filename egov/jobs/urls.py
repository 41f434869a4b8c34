"""Pages of background jobs (included under /jobs/, namespace "jobs")."""

from django.urls import path

from egov.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="job-list"),
    path("<int:pk>/", views.job_detail, name="job-detail"),
    path("<int:pk>/download/", views.job_download, name="job-download"),
]
