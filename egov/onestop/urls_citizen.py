"""One-stop URLs: citizen pages (included by egov/onestop/urls.py, namespace "onestop")."""

from django.urls import path

from egov.onestop.views import (
    citizen,
    citizen_actions,
    citizen_payments,
    citizen_signing,
    citizen_store,
    track,
)

urlpatterns: list = [
    # Public status of a dossier, no login.
    path("track/", track.dossier_status, name="dossier-status"),
    path("track/<str:code>/qr.svg", track.dossier_status_qr, name="dossier-status-qr"),
    # The applicant's own dossiers.
    path("my/dossiers/", citizen.my_dossier_list, name="my-dossier-list"),
    path("my/dossiers/new/<str:code>/", citizen.my_dossier_start, name="my-dossier-start"),
    path("my/dossiers/<int:pk>/", citizen.my_dossier_detail, name="my-dossier-detail"),
    path("my/dossiers/<int:pk>/edit/", citizen.my_dossier_edit, name="my-dossier-edit"),
    path(
        "my/dossiers/<int:pk>/files/<int:file_id>/",
        citizen.my_dossier_file,
        name="my-dossier-file",
    ),
    path(
        "my/dossiers/<int:pk>/files/", citizen_actions.my_dossier_upload, name="my-dossier-upload"
    ),
    path(
        "my/dossiers/<int:pk>/personal-store/",
        citizen_store.my_dossier_personal_store,
        name="my-dossier-personal-store",
    ),
    path(
        "my/dossiers/<int:pk>/files/<int:file_id>/remove/",
        citizen_actions.my_dossier_file_remove,
        name="my-dossier-file-remove",
    ),
    path(
        "my/dossiers/<int:pk>/submit/", citizen_actions.my_dossier_submit, name="my-dossier-submit"
    ),
    path("my/dossiers/<int:pk>/sign/", citizen_signing.my_dossier_sign, name="my-dossier-sign"),
    path("my/dossiers/<int:pk>/pay/", citizen_actions.my_dossier_pay, name="my-dossier-pay"),
    path(
        "my/dossiers/<int:pk>/pay/online/",
        citizen_payments.my_dossier_pay_online,
        name="my-dossier-pay-online",
    ),
    path(
        "my/dossiers/<int:pk>/pay/return/",
        citizen_payments.my_dossier_pay_return,
        name="my-dossier-pay-return",
    ),
    path(
        "my/dossiers/<int:pk>/pay/check/",
        citizen_payments.my_dossier_pay_check,
        name="my-dossier-pay-check",
    ),
    path(
        "my/dossiers/<int:pk>/supplement/",
        citizen_actions.my_dossier_supplement,
        name="my-dossier-supplement",
    ),
    path(
        "my/dossiers/<int:pk>/withdraw/",
        citizen_actions.my_dossier_withdraw,
        name="my-dossier-withdraw",
    ),
    path("my/dossiers/<int:pk>/rate/", citizen_actions.my_dossier_rate, name="my-dossier-rate"),
]
