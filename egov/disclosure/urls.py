"""Public URLs of disclosure and consultation (namespace "disclosure"), mounted at /disclosure/."""

from django.urls import path

from egov.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("", views.item_list, name="item-list"),
    path("items/<int:pk>/", views.item_detail, name="item-detail"),
    path("items/<int:pk>/files/<int:file_pk>/", views.item_file, name="item-file"),
    path("units/<int:pk>/", views.unit_page, name="unit-page"),
    path("consultations/", views.consultation_list, name="consultation-list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path("consultations/<int:pk>/synthesis/", views.synthesis_file, name="synthesis-file"),
    path("consultations/<int:pk>/comment/", views.comment_create, name="comment-create"),
    path("comments/confirm/<str:token>/", views.comment_confirm, name="comment-confirm"),
    path("comments/<int:pk>/support/", views.comment_support, name="comment-support"),
]
