"""The app's own URLs plus the baseline views under ``/bench/`` (benchmark runs only)."""

from django.urls import include, path

from bench.benchsite import views

urlpatterns = [
    path("bench/hello/", views.hello),
    path("bench/track-raw/<str:code>", views.track_raw),
    path("bench/insert/", views.insert),
    path("", include("config.urls")),
]
