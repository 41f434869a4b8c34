from django.urls import path

from egov.orgs import views

app_name = "orgs"
urlpatterns = [
    path("units/", views.orgunit_list, name="unit-list"),
    path("units/<int:pk>/", views.orgunit_detail, name="unit-detail"),
]
