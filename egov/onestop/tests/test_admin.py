"""The catalog admin: accent-insensitive search, import and export pages (staff only), audited
edits of versions and their inline rows, new-version action, frozen rule sets."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from egov.audit.models import AuditEvent
from egov.common.testing import files as samples
from egov.jobs.models import Job
from egov.onestop.models import Procedure, RuleSet
from egov.onestop.selectors import catalog_export

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}
CHANGELIST = reverse("admin:onestop_procedure_changelist")
IMPORT = reverse("admin:onestop_procedure_import")
EXPORT = reverse("admin:onestop_procedure_export")


@pytest.fixture
def admin_client(client, system_admin):
    client.force_login(system_admin)
    device = TOTPDevice.objects.create(user=system_admin, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def _form_data(response) -> dict[str, object]:
    """The values a browser would post back from an admin change form, inlines included."""
    data: dict[str, object] = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or isinstance(value, FieldFile):
                continue  # a browser posts no file again and nothing for unchecked boxes
            data[form.add_prefix(name)] = value
    return data


def test_search_is_accent_insensitive(admin_client, sample):
    response = admin_client.get(CHANGELIST, {"q": "cap phep xay dung"}, headers=EN)

    assert response.status_code == 200
    assert response.context["cl"].result_count == 4


def test_list_filters_by_level(admin_client, sample):
    response = admin_client.get(CHANGELIST, {"level__exact": "district"}, headers=EN)

    assert response.context["cl"].result_count == 7


def _import(admin_client, capture, data):
    """Post the import form (its job runs at once in tests); the job's page."""
    with capture(execute=True):
        response = admin_client.post(IMPORT, data, headers=EN)
    job = Job.objects.get(kind="onestop.catalog_import")
    assert response.url == reverse("jobs:job-detail", kwargs={"pk": job.pk})
    return job, admin_client.get(response.url, headers=EN).content.decode()


def test_import_page_imports_and_reports(admin_client, sample, django_capture_on_commit_callbacks):
    body = json.loads(catalog_export("json").content)
    birth = next(p for p in body["procedures"] if p["code"] == "1.001193")
    birth["name"] = "Thủ tục đăng ký khai sinh (sửa)"
    upload = SimpleUploadedFile("catalog.json", json.dumps(body).encode())

    job, html = _import(
        admin_client,
        django_capture_on_commit_callbacks,
        {"file": upload, "format": "json", "update_existing": "on"},
    )

    assert job.state == "succeeded"
    assert job.result_summary.splitlines()[:3] == [
        "Catalog imported: 0 created, 1 updated, 44 skipped.",
        "Created: —",
        "Updated: 1.001193 v1",
    ]
    assert "Catalog imported: 0 created, 1 updated, 44 skipped." in html
    event = AuditEvent.objects.get(action="onestop.procedure_updated")
    assert event.actor_id == job.started_by_id


def test_import_page_lists_problems_and_writes_nothing(
    admin_client, db, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("catalog.xlsx", b"this is not a workbook")

    job, html = _import(
        admin_client, django_capture_on_commit_callbacks, {"file": upload, "format": "xlsx"}
    )

    assert job.state == "failed"
    assert job.error_message.splitlines()[0] == "1 problem; nothing was imported."
    assert "The file is not a readable Excel workbook (.xlsx)." in job.error_message
    assert "1 problem; nothing was imported." in html
    assert Procedure.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="onestop.procedure_").exists()


@pytest.mark.parametrize("file_format", ["json", "csv", "xlsx"])
def test_export_downloads_the_catalog(admin_client, sample, file_format):
    response = admin_client.get(EXPORT, {"format": file_format})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="procedures-')
    assert (
        response["Content-Type"]
        == {
            "json": "application/json",
            "csv": "text/csv; charset=utf-8",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }[file_format]
    )


def test_export_without_format_shows_the_form(admin_client, db):
    response = admin_client.get(EXPORT, headers=EN)

    assert response.status_code == 200
    assert "Download" in response.content.decode()


@pytest.mark.parametrize("url", [IMPORT, EXPORT, CHANGELIST])
def test_import_and_export_are_for_verified_staff_only(client, specialist, url):
    client.force_login(specialist)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_editing_a_version_and_its_fees_is_audited(admin_client, sample):
    permit = Procedure.objects.get(code="1.013225")
    url = reverse("admin:onestop_procedure_change", args=[permit.pk])
    data = _form_data(admin_client.get(url))
    data["name"] = "Cấp giấy phép xây dựng (sửa)"
    data["fees-1-amount_vnd"] = "80000"

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    permit.refresh_from_db()
    assert permit.search_text.startswith("1.013225 cap giay phep xay dung (sua)")
    assert [f.amount_vnd for f in permit.fees.all()] == [None, 80000, 150000]
    procedure_event = AuditEvent.objects.get(
        action="admin.changed", object_id=str(permit.pk), content_type__model="procedure"
    )
    fee_event = AuditEvent.objects.get(action="admin.changed", content_type__model="procedurefee")
    assert procedure_event.changes["name"][1] == "Cấp giấy phép xây dựng (sửa)"
    assert fee_event.changes == {"amount_vnd": 80000}


def test_new_version_action(admin_client, sample):
    permit = Procedure.objects.get(code="1.013225")

    response = admin_client.post(
        CHANGELIST, {"action": "make_new_version", "_selected_action": [permit.pk]}
    )

    assert response.status_code == 302
    copy = Procedure.objects.get(code="1.013225", version=2)
    assert (copy.is_active, copy.fees.count()) == (False, 3)


def test_a_rule_set_in_force_is_frozen_but_can_be_closed(admin_client, db):
    nd118 = RuleSet.objects.get(code="ND118-2025")
    url = reverse("admin:onestop_ruleset_change", args=[nd118.pk])

    page = admin_client.get(url)
    delete = admin_client.get(reverse("admin:onestop_ruleset_delete", args=[nd118.pk]))

    editable = set(page.context["adminform"].form.fields)
    assert editable == {"effective_to", "notes"}
    assert delete.status_code == 403


def _template_post(admin_client, procedure, name: str, content: bytes):
    url = reverse("admin:onestop_procedure_change", args=[procedure.pk])
    data = _form_data(admin_client.get(url))
    data["documents-0-template_file"] = SimpleUploadedFile(name, content)
    return admin_client.post(url, data, headers=EN)


@pytest.mark.parametrize(
    ("name", "build", "stored"),
    [
        ("mau-don.doc", samples.doc, ".doc"),
        ("bang-ke.xls", samples.xls, ".xls"),
        ("to-khai.rtf", samples.rtf, ".rtf"),
        ("to-khai.doc", samples.docx, ".docx"),  # stored as what it is, not as it was named
    ],
)
def test_a_template_file_goes_through_the_intake_and_keeps_its_real_extension(
    admin_client, sample, name, build, stored
):
    permit = Procedure.objects.get(code="1.013225")
    content = build()

    response = _template_post(admin_client, permit, name, content)

    assert response.status_code == 302, response.context["inline_admin_formsets"][1].formset.errors
    document = permit.documents.order_by("order", "pk").first()
    assert document.template_file.name.endswith(stored)
    with document.template_file.open("rb") as handle:
        assert handle.read() == content


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        ("mau-don.doc", samples.doc_with_macros, "Office files with macros are not accepted."),
        (
            "bang-ke.xls",
            samples.xls_with_embedded_object,
            "Documents with embedded objects are not accepted.",
        ),
        (
            "to-khai.rtf",
            samples.rtf_with_object,
            "Documents with embedded objects are not accepted.",
        ),
        (
            "to-khai.pdf",
            samples.pdf_javascript_hex_escaped,
            "PDF files with scripts or embedded files are not accepted.",
        ),
        (
            "to-khai.doc",
            samples.renamed_executable,
            "A template form must be a PDF, Word, Excel, OpenDocument or RTF file.",
        ),
    ],
)
def test_a_hostile_template_file_is_refused_on_the_form(admin_client, sample, name, build, message):
    permit = Procedure.objects.get(code="1.013225")
    before = list(permit.documents.values_list("template_file", flat=True))

    response = _template_post(admin_client, permit, name, build())

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.errors[0]
    assert errors == {"template_file": [message]}
    assert list(permit.documents.values_list("template_file", flat=True)) == before
