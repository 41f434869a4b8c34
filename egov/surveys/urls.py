"""URLs of satisfaction surveys (namespace "surveys"): officer pages under /workspace/surveys/,
answering and published results under /surveys/ (anyone, no login)."""

from django.urls import path

from egov.surveys import views, views_editing, views_standings

app_name = "surveys"
urlpatterns = [
    path("workspace/surveys/", views.survey_list, name="survey-list"),
    path("workspace/surveys/new/", views.survey_create, name="survey-create"),
    path("workspace/surveys/standings/", views_standings.standing_list, name="standing-list"),
    path(
        "workspace/surveys/standings/<int:province_id>/<slug:index>/record/",
        views_standings.standing_record,
        name="standing-record",
    ),
    path(
        "workspace/surveys/standings/<int:province_id>/<slug:index>/owner/",
        views_standings.dimension_owner,
        name="dimension-owner",
    ),
    path("workspace/surveys/<int:pk>/", views.survey_detail, name="survey-detail"),
    path("workspace/surveys/<int:pk>/index/", views.survey_index_page, name="survey-index"),
    path("workspace/surveys/<int:pk>/poster/", views.survey_poster, name="survey-poster"),
    path(
        "workspace/surveys/<int:pk>/sections/<int:section_id>/",
        views_editing.section_edit,
        name="section-edit",
    ),
    path(
        "workspace/surveys/<int:pk>/questions/<int:question_id>/",
        views_editing.question_edit,
        name="question-edit",
    ),
    path("workspace/surveys/<int:pk>/<slug:action>/", views.survey_action, name="survey-action"),
    path("surveys/", views.public_home, name="public-home"),
    path("surveys/units/<int:unit_id>/", views.public_unit, name="public-unit"),
    path("surveys/<int:pk>/", views.survey_answer, name="survey-answer"),
    path("surveys/r/<str:token>/", views.invitation_answer, name="invitation-answer"),
]
