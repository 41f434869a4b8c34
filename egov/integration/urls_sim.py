"""The simulators of the national systems under /sim/ (only with EGOV_INTEGRATION_SIMULATORS)."""

from django.urls import path

from egov.integration.simulators import csc, national_reporting, views, vneid

app_name = "sim"

urlpatterns = [
    path("vneid/.well-known/openid-configuration", vneid.discovery, name="vneid-discovery"),
    path("vneid/authorize", vneid.authorize, name="vneid-authorize"),
    path("vneid/token", vneid.token, name="vneid-token"),
    path("vneid/jwks", vneid.jwks, name="vneid-jwks"),
    path("population/citizens", views.population_citizen, name="population-citizen"),
    path("business/enterprises", views.business_enterprise, name="business-enterprise"),
    path("dvcqg/dossiers/status", views.portal_status, name="portal-status"),
    path("dvcqg/dossiers/submitted", views.portal_submitted, name="portal-submitted"),
    path("dvcqg/dossiers", views.portal_dossier, name="portal-dossier"),
    path("dvcqg/", views.portal_dossier_page, name="portal-page"),
    path(
        "dvcqg/personal-store/documents",
        views.personal_store_documents,
        name="personal-store-documents",
    ),
    path(
        "dvcqg/personal-store/document",
        views.personal_store_document,
        name="personal-store-document",
    ),
    path("dvcqg/personal-store/results", views.personal_store_result, name="personal-store-result"),
    path(
        "national_reporting/reports",
        national_reporting.report_receive,
        name="national-reporting-receive",
    ),
    path("national_reporting/", national_reporting.reports_page, name="national-reporting-page"),
    path("csc/credentials/list", csc.credentials_list, name="csc-credentials-list"),
    path("csc/credentials/info", csc.credentials_info, name="csc-credentials-info"),
    path("csc/credentials/authorize", csc.credentials_authorize, name="csc-authorize"),
    path("csc/signatures/signHash", csc.signatures_sign_hash, name="csc-sign-hash"),
    path("csc/root.pem", csc.root_certificate, name="csc-root"),
    path("csc/phone", csc.phone, name="csc-phone"),
    path("payment/pay", views.payment_pay, name="payment-pay"),
    path("payment/merchant_webapi/api/transaction", views.payment_query, name="payment-query"),
]
