from django.urls import path

from egov.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/verify/", views.login_otp_view, name="login-otp"),
    path("logout/", views.logout_view, name="logout"),
    path("register/", views.register_view, name="register"),
]
