"""Admin pages to import and export the catalog file (staff with TOTP, like the whole admin)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from egov.onestop.forms import CatalogExportForm, CatalogImportForm
from egov.onestop.selectors import catalog_export
from egov.onestop.services.catalog_jobs import catalog_import_start


class CatalogFileAdminMixin(admin.ModelAdmin):
    """Adds ``import/`` and ``export/`` pages to the procedure admin."""

    change_list_template = "admin/onestop/procedure/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="{}_{}_import".format(*info),
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def _page(
        self, request: HttpRequest, template: str, title: str, **extra: object
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            **extra,
        }
        return TemplateResponse(request, f"admin/onestop/procedure/{template}", context)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a catalog file; it is imported in the background and the job's page shows
        what was created, updated and skipped, or every problem (then nothing was written)."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = CatalogImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            job = catalog_import_start(
                actor=request.user,
                file_name=upload.name,
                content=upload.read(),
                format=form.cleaned_data["format"],
                update_existing=form.cleaned_data["update_existing"],
            )
            return redirect("jobs:job-detail", pk=job.pk)
        return self._page(request, "import.html", _("Import catalog"), form=form)

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """Download the whole catalog in the chosen format."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = CatalogExportForm(request.GET or None)
        if not form.is_valid():
            return self._page(request, "export.html", _("Export catalog"), form=form)
        exported = catalog_export(form.cleaned_data["format"])
        response = HttpResponse(exported.content, content_type=exported.content_type)
        response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
        return response
