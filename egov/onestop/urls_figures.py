"""One-stop URLs: figures pages (included by egov/onestop/urls.py, namespace "onestop"), and
the official forms of a dossier (Mẫu 01–05) as PDF and as a printable page."""

from django.urls import path, re_path

from egov.onestop.views import figures, forms, statistics

urlpatterns: list = [
    path("figures/", figures.figures_page, name="figures"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("figures/export.xlsx", figures.figures_xlsx, name="figures-xlsx"),
    re_path(
        rf"^dossiers/(?P<pk>[0-9]+)/forms/(?P<kind>{forms.KIND_PATTERN})\.pdf$",
        forms.dossier_form,
        name="dossier-form",
    ),
    re_path(
        rf"^dossiers/(?P<pk>[0-9]+)/forms/(?P<kind>{forms.KIND_PATTERN})\.html$",
        forms.dossier_form_preview,
        name="dossier-form-preview",
    ),
]
