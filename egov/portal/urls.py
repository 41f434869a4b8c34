from django.urls import path

from egov.portal import views
from egov.portal.favicon import FaviconView

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("workspace/", views.workspace, name="workspace"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
]
