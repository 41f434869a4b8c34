from django.urls import path

from egov.portal import views, views_pages
from egov.portal.favicon import FaviconView

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("workspace/", views.workspace, name="workspace"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("units/", views_pages.unit_list, name="unit-list"),
    path("units/<int:pk>/", views_pages.unit_page, name="unit-page"),
    path("units/<int:pk>/edit/", views_pages.unit_page_edit, name="unit-page-edit"),
    path("units/<int:pk>/posts/new/", views_pages.unit_post_create, name="unit-post-create"),
    path("units/<int:pk>/posts/<int:post_pk>/", views_pages.unit_post_detail, name="unit-post"),
    path(
        "units/<int:pk>/posts/<int:post_pk>/edit/",
        views_pages.unit_post_edit,
        name="unit-post-edit",
    ),
]
