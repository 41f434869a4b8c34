from django.urls import path

from egov.accounts import views, views_account, views_notify

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
    path("profile/", views_account.profile_view, name="profile"),
    path("notifications/", views_notify.notification_list, name="notifications"),
    path(
        "notifications/read-all/",
        views_notify.notification_mark_all_read,
        name="notifications-read-all",
    ),
    path(
        "notifications/<int:pk>/",
        views_notify.notification_detail,
        name="notification-detail",
    ),
    path("password/change/", views_account.password_change, name="password-change"),
    path("password/forgotten/", views_account.password_forgotten, name="password-forgotten"),
    path(
        "password/forgotten/sent/",
        views_account.password_forgotten_sent,
        name="password-forgotten-sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views_account.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path(
        "password/reset/done/",
        views_account.password_reset_complete,
        name="password-reset-complete",
    ),
]
