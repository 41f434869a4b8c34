"""Public URLs of disclosure and consultation (namespace "disclosure"), mounted at /disclosure/."""

from django.urls import path

from egov.disclosure import views, views_codes

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
    path("comments/confirm/<str:token>/", views_codes.comment_confirm, name="comment-confirm"),
    path(
        "comments/confirm/<str:token>/resend/",
        views_codes.comment_code_resend,
        name="comment-code-resend",
    ),
    path("comments/<int:pk>/support/", views_codes.comment_support, name="comment-support"),
    path("supports/confirm/<str:token>/", views_codes.support_confirm, name="support-confirm"),
    path(
        "supports/confirm/<str:token>/resend/",
        views_codes.support_code_resend,
        name="support-code-resend",
    ),
]
