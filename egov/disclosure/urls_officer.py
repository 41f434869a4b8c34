"""Officer URLs of disclosure and consultation (namespace "disclosure_officer"), mounted at
/workspace/disclosure/."""

from django.urls import path

from egov.disclosure import views_officer

app_name = "disclosure_officer"
urlpatterns = [
    path("", views_officer.duty_board, name="duty-board"),
    path("late/", views_officer.late_list, name="late-list"),
    path("items/new/", views_officer.item_create, name="item-create"),
    path("items/<int:pk>/", views_officer.item_detail, name="item-detail"),
    path("items/<int:pk>/postings/", views_officer.posting_create, name="posting-create"),
    path(
        "items/<int:pk>/postings/<int:posting_pk>/photo/",
        views_officer.posting_photo,
        name="posting-photo",
    ),
    path("consultations/", views_officer.consultation_list, name="consultation-list"),
    path("consultations/new/", views_officer.consultation_create, name="consultation-create"),
    path("consultations/<int:pk>/", views_officer.consultation_detail, name="consultation-detail"),
    path(
        "consultations/<int:pk>/<slug:action>/",
        views_officer.consultation_action,
        name="consultation-action",
    ),
]
