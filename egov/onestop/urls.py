"""URLs of the one-stop app: the public catalog under /procedures/; dossier pages (desk,
processing, citizens, public status) under their own prefixes."""

from django.urls import include, path

from egov.onestop import urls_citizen, urls_figures, urls_officer
from egov.onestop.views import catalog

app_name = "onestop"
urlpatterns = [
    path("procedures/", catalog.procedure_list, name="procedure-list"),
    path("procedures/<str:code>/", catalog.procedure_detail, name="procedure-detail"),
    path(
        "procedures/<str:code>/documents/<int:document_id>/template/",
        catalog.document_template,
        name="document-template",
    ),
    path("", include(urls_officer.urlpatterns)),
    path("", include(urls_citizen.urlpatterns)),
    path("", include(urls_figures.urlpatterns)),
]
