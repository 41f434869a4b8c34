from django.urls import path

from egov.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.login_otp_view, name="login-otp"),
    path("logout/", views.logout_view, name="logout"),
    path("register/", views.register_view, name="register"),
    path("register/sent/", views.register_sent_view, name="register-sent"),
    path("confirm/", views.verify_view, name="verify-status"),
    path("confirm/<str:token>/", views.verify_token_view, name="verify"),
    path("tokens/", views.tokens_view, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_view, name="token-revoke"),
]
