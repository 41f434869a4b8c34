"""URLs of complaints and citizen reception (namespace "complaints"), mounted at /complaints/."""

from django.urls import path

from egov.complaints import views, views_crowded, views_export, views_figures

app_name = "complaints"
urlpatterns = [
    path("schedule/", views.reception_schedule, name="schedule"),
    path("track/", views.petition_track, name="petition-track"),
    path("decisions/", views.decision_list, name="decision-list"),
    path("reception/", views.visit_list, name="visit-list"),
    path("reception/new/", views.visit_create, name="visit-create"),
    path("reception/days/new/", views.reception_day_create, name="reception-day-create"),
    path("reception/<int:pk>/", views.visit_detail, name="visit-detail"),
    path("reception/<int:pk>/receipt.pdf", views.visit_receipt, name="visit-receipt"),
    path("petitions/", views.petition_list, name="petition-list"),
    path("petitions/new/", views.petition_create, name="petition-create"),
    path("petitions/export.xlsx", views_export.petition_export, name="petition-export"),
    path("petitions/national/", views_export.national_export, name="national-export"),
    path("petitions/<int:pk>/", views.petition_detail, name="petition-detail"),
    path("petitions/<int:pk>/identity/", views.petition_identity, name="petition-identity"),
    path("petitions/<int:pk>/<slug:action>/", views.petition_action, name="petition-action"),
    path("figures/", views_figures.figures_page, name="figures"),
    path("figures.xlsx", views_figures.figures_xlsx, name="figures-xlsx"),
    path("crowded/", views_crowded.crowded_list, name="crowded-list"),
    path("crowded/plan/", views_crowded.crowded_plan, name="crowded-plan"),
    path("crowded/open/<int:pk>/", views_crowded.crowded_open, name="crowded-open"),
    path("crowded/<int:pk>/", views_crowded.crowded_detail, name="crowded-detail"),
    path("crowded/<int:pk>/tasks/", views_crowded.crowded_tasks, name="crowded-tasks"),
    path(
        "crowded/<int:pk>/milestones/<slug:step>/",
        views_crowded.crowded_milestone,
        name="crowded-milestone",
    ),
    path("my/", views.my_petition_list, name="my-petition-list"),
    path("my/new/", views.my_petition_create, name="my-petition-create"),
    path("my/<int:pk>/", views.my_petition_detail, name="my-petition-detail"),
]
