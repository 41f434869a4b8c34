"""Officer pages of the exchange (included under /exchange/, namespace "exchange")."""

from django.urls import path

from egov.exchange import views

app_name = "exchange"

urlpatterns = [
    path("messages/", views.message_list, name="message-list"),
    path("messages/retry/", views.message_retry, name="message-retry"),
]
