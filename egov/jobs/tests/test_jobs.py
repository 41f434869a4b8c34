"""Background jobs: who sees a job, how its page follows it, how it ends."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.common.exceptions import DomainError
from egov.common.progress import CHECK, READ
from egov.jobs.choices import JobState
from egov.jobs.models import Job
from egov.jobs.services import JobProgress, JobResult, job_run

pytestmark = pytest.mark.django_db


def _job(user, **fields) -> Job:
    return Job.objects.create(kind="test.import", title="Bảng nhiệm vụ", started_by=user, **fields)


def _admin_login(client, user) -> None:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def test_the_starter_follows_a_running_job_with_and_without_javascript(client, specialist):
    job = _job(specialist, state=JobState.RUNNING, phase=CHECK, checked_count=40, total=160)
    job.done_count = 40
    job.save()
    client.force_login(specialist)
    url = reverse("jobs:job-detail", kwargs={"pk": job.pk})

    page = client.get(url).content.decode()
    poll = client.get(url, headers={"HX-Request": "true"})

    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert f'hx-get="{url}" hx-trigger="every 1s"' in page
    assert '<progress max="100" value="25">' in page
    assert "<html" not in poll.content.decode()
    assert 'hx-trigger="every 1s"' in poll.content.decode()
    assert "HX-Redirect" not in poll


def test_the_poll_of_a_finished_import_goes_to_its_result(client, specialist):
    job = _job(specialist, state=JobState.SUCCEEDED, result_url="/workspace/directives/imports/7/")
    client.force_login(specialist)
    url = reverse("jobs:job-detail", kwargs={"pk": job.pk})

    poll = client.get(url, headers={"HX-Request": "true"})
    page = client.get(url).content.decode()

    assert poll["HX-Redirect"] == "/workspace/directives/imports/7/"
    assert 'hx-trigger="every 1s"' not in poll.content.decode()
    assert "http-equiv" not in page
    assert 'href="/workspace/directives/imports/7/"' in page


def test_only_the_starter_and_administrators_see_a_job(client, specialist, clerk, unit_head):
    job = _job(specialist, state=JobState.SUCCEEDED, result_name="bang.xlsx")
    job.result_file.save("bang.xlsx", ContentFile(b"PK\x03\x04data"))
    detail = reverse("jobs:job-detail", kwargs={"pk": job.pk})
    download = reverse("jobs:job-download", kwargs={"pk": job.pk})

    client.force_login(clerk)
    assert client.get(detail).status_code == 404
    assert client.get(download).status_code == 404
    assert "Bảng nhiệm vụ" not in client.get(reverse("jobs:job-list")).content.decode()
    client.force_login(specialist)
    assert client.get(detail).status_code == 200
    mine = client.get(download)
    assert b"".join(mine.streaming_content) == b"PK\x03\x04data"
    assert mine["Content-Disposition"] == 'attachment; filename="bang.xlsx"'
    assert detail in client.get(reverse("jobs:job-list")).content.decode()
    _admin_login(client, unit_head)
    assert client.get(detail).status_code == 200


def test_a_job_that_succeeds_keeps_its_counts_and_mails_the_starter(
    specialist, django_capture_on_commit_callbacks
):
    job = _job(specialist, language="vi")
    job.upload.save("bang.csv", ContentFile(b"a,b\n"))

    def work(job: Job, progress) -> JobResult:
        progress(READ, 12, 12)
        progress(CHECK, 12, 12)
        return JobResult(url="/result/")

    with django_capture_on_commit_callbacks(execute=True):  # the mail goes after commit
        state = job_run(job.pk, work)

    job.refresh_from_db()
    assert (state, job.state, job.read_count, job.checked_count) == (
        "succeeded",
        "succeeded",
        12,
        12,
    )
    assert job.result_url == "/result/"
    assert job.finished_at is not None
    assert not job.upload
    assert [m.to for m in mail.outbox] == [[specialist.email]]
    assert mail.outbox[0].subject == "Đã xong: Bảng nhiệm vụ"
    assert f"/jobs/{job.pk}/" in mail.outbox[0].body


def test_a_failed_job_says_why_in_the_starters_language(
    specialist, django_capture_on_commit_callbacks
):
    job = _job(specialist, language="vi")

    def work(job: Job, progress) -> JobResult:
        from django.utils.translation import gettext as _

        raise DomainError(_("The file is larger than %(size)s MB.") % {"size": 5})

    with django_capture_on_commit_callbacks(execute=True):
        assert job_run(job.pk, work) == "failed"

    job.refresh_from_db()
    assert job.error_message == "Tệp lớn hơn 5 MB."
    assert mail.outbox[0].subject == "Không thành công: Bảng nhiệm vụ"
    assert "Tệp lớn hơn 5 MB." in mail.outbox[0].body


def test_an_unexpected_error_fails_the_job_with_a_plain_message(specialist):
    job = _job(specialist, language="en")

    def work(job: Job, progress) -> JobResult:
        raise ValueError("boom")

    assert job_run(job.pk, work) == "failed"

    job.refresh_from_db()
    assert job.error_message.startswith("The job stopped on an unexpected error and saved nothing.")


def test_a_job_that_has_ended_is_not_run_again(specialist):
    job = _job(specialist, state=JobState.SUCCEEDED)
    calls = []

    assert job_run(job.pk, lambda job, progress: calls.append(job)) == "succeeded"
    assert calls == []


def test_progress_writes_the_row_on_a_new_phase_and_at_the_end_not_on_every_row(
    specialist, django_assert_num_queries
):
    job = _job(specialist, state=JobState.RUNNING)
    progress = JobProgress(job, interval=3600)

    with django_assert_num_queries(3):
        for done in range(0, 501):
            progress(CHECK, done, 500)  # the first and the last write
        progress("roll-up", 0, None)  # a new phase writes

    job.refresh_from_db()
    assert (job.phase, job.checked_count, job.done_count, job.total) == ("roll-up", 500, 0, None)


def test_a_job_start_and_its_end_are_in_the_audit_trail(
    specialist, django_capture_on_commit_callbacks
):
    from egov.audit.models import AuditEvent
    from egov.jobs.choices import AuditAction
    from egov.jobs.services import job_start

    class _Task:
        def enqueue(self, job_id: int) -> None:
            job_run(job_id, lambda job, progress: JobResult(summary="ok"))

    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(actor=specialist, kind="test.import", title="Bảng", task=_Task())

    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    failing = _job(specialist, language="en")
    job_run(failing.pk, lambda job, progress: (_ for _ in ()).throw(DomainError("no")))

    trail = list(
        AuditEvent.objects.filter(action__startswith="jobs.")
        .order_by("id")
        .values_list("action", "actor_id")
    )
    assert trail == [
        (AuditAction.JOB_STARTED, specialist.pk),
        (AuditAction.JOB_SUCCEEDED, specialist.pk),
        (AuditAction.JOB_FAILED, specialist.pk),
    ]


def test_a_job_left_running_by_a_dead_worker_is_ended_and_its_starter_told(specialist):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from egov.audit.models import AuditEvent

    long_ago = timezone.now() - datetime.timedelta(hours=2)
    orphan = _job(specialist, state=JobState.RUNNING, started_at=long_ago, heartbeat_at=long_ago)
    silent = _job(specialist, state=JobState.RUNNING, started_at=long_ago)  # no progress ever
    alive = _job(
        specialist, state=JobState.RUNNING, started_at=long_ago, heartbeat_at=timezone.now()
    )
    done = _job(specialist, state=JobState.SUCCEEDED, started_at=long_ago)

    call_command("jobs_reap", "--minutes", "60", "--quiet")

    states = dict(Job.objects.values_list("pk", "state"))
    assert states[orphan.pk] == states[silent.pk] == JobState.FAILED
    assert states[alive.pk] == JobState.RUNNING and states[done.pk] == JobState.SUCCEEDED
    orphan.refresh_from_db()
    assert "bị gián đoạn" in orphan.error_message and orphan.finished_at
    assert AuditEvent.objects.filter(action="jobs.job_failed", object_id=str(orphan.pk)).exists()
    call_command("jobs_reap", "--minutes", "60", "--quiet")  # again: nothing more
    assert Job.objects.filter(state=JobState.FAILED).count() == 2


def test_progress_writes_the_heartbeat(specialist):
    job = _job(specialist, state=JobState.RUNNING)
    JobProgress(job)(READ, 1, 10)
    job.refresh_from_db()
    assert job.heartbeat_at is not None
