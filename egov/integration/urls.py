from django.urls import path

from egov.integration import views, views_share

app_name = "integration"

urlpatterns = [
    path("lookup/", views.lookup, name="lookup"),
    path("connectors/", views.connectors, name="connectors"),
    path("payments/return/", views.payment_return, name="payment-return"),
    path("payments/ipn/", views.payment_ipn, name="payment-ipn"),
    path("vneid/login/", views.vneid_login, name="vneid-login"),
    path("vneid/callback/", views.vneid_callback, name="vneid-callback"),
    path("consumers/", views_share.consumer_list, name="consumer-list"),
    path("consumers/new/", views_share.consumer_create, name="consumer-create"),
    path("consumers/<int:pk>/", views_share.consumer_detail, name="consumer-detail"),
    path("consumers/<int:pk>/token/", views_share.consumer_token, name="consumer-token"),
    path("consumers/<int:pk>/revoke/", views_share.consumer_revoke, name="consumer-revoke"),
    path("my-data/", views_share.my_data, name="my-data"),
]
