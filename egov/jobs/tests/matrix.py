"""URL arguments of the job routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): a finished export started by someone else."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from egov.accounts.services import officer_account_create
from egov.jobs.choices import JobState
from egov.jobs.models import Job
from egov.orgs.models import OrgUnit


def _job(unit: OrgUnit) -> dict[str, object]:
    starter = officer_account_create(
        actor=None, full_name="Lê Văn Cường", email=f"job.{unit.pk}@example.vn", password=None
    )
    job = Job.objects.create(
        kind="test.export",
        title="Bảng theo dõi",
        started_by=starter,
        state=JobState.SUCCEEDED,
        finished_at=timezone.now(),
        result_name="bang.xlsx",
    )
    job.result_file.save("bang.xlsx", ContentFile(b"PK\x03\x04"))
    return {"pk": job.pk}


JOB_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "jobs:job-detail": _job,
    "jobs:job-download": _job,
}
