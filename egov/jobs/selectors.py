"""Reads of jobs: a person sees the jobs they started; administrators see every job."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from egov.jobs.models import Job


def _is_admin(user: Any) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(user.is_staff and is_verified is not None and is_verified())


def job_list_for_user(user: Any) -> QuerySet[Job]:
    """The jobs ``user`` started, newest first ("my jobs")."""
    return Job.objects.filter(started_by=user)


def job_get_for_user(user: Any, pk: int) -> Job:
    """The job ``pk`` if ``user`` started it or is an administrator; otherwise 404."""
    job = Job.objects.filter(pk=pk).first()
    if job is None or not (job.started_by_id == user.pk or _is_admin(user)):
        raise Http404
    return job
