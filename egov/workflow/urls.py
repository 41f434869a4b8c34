from django.urls import path

from egov.workflow import views

app_name = "workflow"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
]
