"""Public portal pages of the published press releases (namespace "press"), mounted at
/press/ before the portal's catch-all."""

from django.urls import path, re_path

from egov.directives.views import public

app_name = "press"
urlpatterns = [
    path("", public.public_press_list, name="release-list"),
    path("<int:pk>/", public.public_press_detail, name="release-detail"),
    re_path(r"^(?P<pk>[0-9]+)\.(?P<kind>docx|pdf)$", public.public_press_file, name="release-file"),
]
