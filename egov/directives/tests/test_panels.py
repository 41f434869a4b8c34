"""The document page of a directive lists the tasks it assigns (documents.panels hook)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import World
from egov.accounts.models import User
from egov.directives.tests.factories import TaskFactory
from egov.documents.models import Document

pytestmark = pytest.mark.django_db


def test_directive_page_lists_the_tasks_it_assigns(
    client, world: World, office: User, directive: Document
) -> None:
    # given two tasks of the city's directive, one led by the department, one by district A
    TaskFactory(document=directive, lead_unit=world.dept, content="Triển khai nền tảng số")
    TaskFactory(document=directive, lead_unit=world.district_a, content="Số hóa hồ sơ quận")
    # when the city office's clerk opens the document page in the registry
    client.force_login(office)
    response = client.get(
        reverse("documents:document-detail", args=[directive.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    # then both tasks are listed with their lead units, and the task table is one click away
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tasks assigned (2)" in page
    assert "Triển khai nền tảng số" in page
    assert "Số hóa hồ sơ quận" in page
    assert world.dept.name in page
    assert reverse("directives:directive-detail", args=[directive.pk]) in page


def test_letter_without_tasks_has_no_task_panel(
    client, world: World, office: User, directive: Document
) -> None:
    # given a document type that does not assign tasks
    directive.doc_type_id = directive.doc_type.__class__.objects.get(code="bao-cao").pk
    directive.save(update_fields=["doc_type"])
    client.force_login(office)
    response = client.get(
        reverse("documents:document-detail", args=[directive.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "Tasks assigned" not in response.content.decode()
