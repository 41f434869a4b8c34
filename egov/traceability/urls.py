"""URLs of traceability (namespace "traceability"), mounted at the root: producers' pages under
/traceability/producer/, officers' under /workspace/traceability/, and the public resolver of
GS1 Digital Link URIs at /01/{GTIN}/10/{lot}."""

from django.urls import path

from egov.traceability import views, views_officer, views_public

app_name = "traceability"
P = "traceability/producer/"
W = "workspace/traceability/"
urlpatterns = [
    path("01/<str:gtin>/10/<path:lot>", views_public.digital_link, name="digital-link"),
    path("traceability/violations/", views_public.violations, name="violations"),
    path(P, views.producer_home, name="producer-home"),
    path(f"{P}facilities/new/", views.producer_add, {"what": "facility"}, name="facility-add"),
    path(f"{P}products/new/", views.producer_add, {"what": "product"}, name="product-add"),
    path(
        f"{P}certificates/new/", views.producer_add, {"what": "certificate"}, name="certificate-add"
    ),
    path(f"{P}batches/new/", views.producer_add, {"what": "batch"}, name="batch-add"),
    path(f"{P}batches/transform/", views.producer_add, {"what": "transform"}, name="transform"),
    path(f"{P}batches/upload/", views.batch_upload, name="batch-upload"),
    path(f"{P}batches/<int:pk>/", views.batch_detail, name="batch-detail"),
    path(f"{P}batches/<int:pk>/ship/", views.batch_ship, name="batch-ship"),
    path(f"{P}incoming/<int:pk>/receive/", views.batch_receive, name="batch-receive"),
    path(f"{P}batches/<int:pk>/qr.svg", views.batch_qr, {"fmt": "svg"}, name="batch-qr-svg"),
    path(f"{P}batches/<int:pk>/qr.png", views.batch_qr, {"fmt": "png"}, name="batch-qr-png"),
    path(f"{P}batches/<int:pk>/labels.pdf", views.batch_labels, name="batch-labels"),
    path(W, views_officer.oversight, name="oversight"),
    path(f"{W}producers/<int:pk>/", views_officer.producer_detail, name="officer-producer"),
    path(
        f"{W}producers/<int:pk>/<slug:action>/",
        views_officer.producer_action,
        name="producer-action",
    ),
    path(
        f"{W}products/<int:pk>/<slug:action>/", views_officer.product_action, name="product-action"
    ),
    path(f"{W}batches/<int:pk>/", views_officer.batch_detail, name="officer-batch"),
    path(f"{W}batches/<int:pk>/<slug:action>/", views_officer.batch_action, name="batch-action"),
]
