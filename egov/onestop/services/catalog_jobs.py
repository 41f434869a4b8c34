"""The catalog file import of the configuration admin as a background job (``egov.jobs``):
the admin page starts it and answers with the job's page; the job checks every row, then
writes all or nothing (``catalog_import``). Its result is what it did, or every problem."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.common.exceptions import DomainError
from egov.common.progress import ProgressCallback
from egov.jobs.models import Job
from egov.jobs.services import JobResult, job_start
from egov.onestop.services.catalog_io import ImportReport, catalog_import

CATALOG_IMPORT = "onestop.catalog_import"
LISTED_PROBLEMS = 200


def catalog_import_start(
    *, actor: Any, file_name: str, content: bytes, format: str, update_existing: bool
) -> Job:
    """Start importing a catalog file in the background (the admin page checked that
    ``actor`` may add and change procedures)."""
    from egov.onestop.tasks import catalog_import_run

    return job_start(
        actor=actor,
        kind=CATALOG_IMPORT,
        title=_("Import the catalog file %(file)s") % {"file": file_name},
        task=catalog_import_run,
        params={"format": format, "update_existing": update_existing},
        upload_name=file_name,
        upload_content=content,
    )


def _problems(report: ImportReport) -> str:
    count = len(report.errors)
    lines = [
        ngettext(
            "%(counter)s problem; nothing was imported.",
            "%(counter)s problems; nothing was imported.",
            count,
        )
        % {"counter": count}
    ]
    lines += [
        f"{e.sheet} · {_('Row')} {e.row or ''} · {e.field}: {e.message}"
        for e in report.errors[:LISTED_PROBLEMS]
    ]
    return "\n".join(lines)


def _summary(report: ImportReport) -> str:
    skipped = ", ".join(f"{row.key} ({row.reason})" for row in report.skipped)
    return "\n".join(
        [
            _("Catalog imported: %(created)s created, %(updated)s updated, %(skipped)s skipped.")
            % {
                "created": len(report.created),
                "updated": len(report.updated),
                "skipped": len(report.skipped),
            },
            f"{_('Created')}: {', '.join(report.created) or '—'}",
            f"{_('Updated')}: {', '.join(report.updated) or '—'}",
            f"{_('Skipped')}: {skipped or '—'}",
        ]
    )


def catalog_import_work(job: Job, progress: ProgressCallback) -> JobResult:
    """The job of ``catalog_import_start``."""
    with job.upload.open("rb") as handle:
        content = handle.read()
    report = catalog_import(
        actor=job.started_by,
        file=content,
        format=job.params["format"],
        update_existing=job.params["update_existing"],
        progress=progress,
    )
    if report.errors:
        raise DomainError(_problems(report), code="catalog_invalid")
    return JobResult(url=reverse("admin:onestop_procedure_changelist"), summary=_summary(report))


__all__ = ["catalog_import_start", "catalog_import_work"]
