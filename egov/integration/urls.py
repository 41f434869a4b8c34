from django.urls import path

from egov.integration import views

app_name = "integration"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path("connectors/", views.connectors, name="connectors"),
    path("payments/return/", views.payment_return, name="payment-return"),
    path("payments/ipn/", views.payment_ipn, name="payment-ipn"),
    path("vneid/login/", views.vneid_login, name="vneid-login"),
    path("vneid/callback/", views.vneid_callback, name="vneid-callback"),
]
