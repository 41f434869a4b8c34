"""The job page (progress by HTMX polling, or by reloading without JavaScript), "my jobs" and
the download of a job's file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from egov.jobs.choices import JobState
from egov.jobs.selectors import job_get_for_user, job_list_for_user

LIST_SIZE = 50


@require_GET
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = job_list_for_user(request.user)[:LIST_SIZE]
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require_GET
@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The job's page. An HTMX poll gets the progress panel alone, and when the job has
    ended with a page as its result, goes there."""
    job = job_get_for_user(request.user, pk)
    if request.headers.get("HX-Request"):
        response = render(request, "jobs/_job_progress.html", {"job": job})
        if job.state == JobState.SUCCEEDED and job.result_url:
            response["HX-Redirect"] = job.result_url
        return response
    return render(request, "jobs/job_detail.html", {"job": job})


@require_GET
@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = job_get_for_user(request.user, pk)
    if job.state != JobState.SUCCEEDED or not job.result_file:
        raise Http404
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
