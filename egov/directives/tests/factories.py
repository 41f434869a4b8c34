"""Factories of directive documents, tasks and reports, with Hà Nội test data.

    document = DirectiveFactory(unit=world.city)
    task = TaskFactory(document=document, lead_unit=world.dept,
                       cooperating=[world.district_a], implementing=[world.district_b])
    TaskReportFactory(task=task, percent=100, progress="done", status="accepted")

Tasks and reports are made directly (no audit, no TaskChange rows): use the services when the
path matters.
"""

from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from egov.common.text import fold
from egov.directives.choices import ProgressStatus, Recurrence, ReportStatus, TaskUnitRole
from egov.directives.models import Task, TaskReport, TaskUnit
from egov.documents.models import Document, DocumentType
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create


def city_unit() -> OrgUnit:
    """The city People's Committee of the test world, or a new one."""
    unit = OrgUnit.objects.filter(kind="province", parent__isnull=True).first()
    return unit or orgunit_create(actor=None, name="Thành phố Hà Nội", kind="province")


def doc_type(code: str = "ke-hoach") -> DocumentType:
    """A shipped document type (Decree 30/2020 Appendix III), e.g. ``quyet-dinh``."""
    return DocumentType.objects.get(code=code)


class DirectiveFactory(factory.django.DjangoModelFactory):
    """An issued outgoing document that assigns tasks (a Kế hoạch of the city by default)."""

    class Meta:
        model = Document

    direction = "outgoing"
    status = "issued"
    doc_type = factory.LazyFunction(doc_type)
    unit = factory.LazyFunction(city_unit)
    number = factory.Sequence(lambda n: 100 + n)
    notation = factory.LazyAttribute(
        lambda o: f"{o.doc_type.abbreviation}-UBND" if o.doc_type.abbreviation else "UBND-KGVX"
    )
    number_notation = factory.LazyAttribute(lambda o: f"{o.number}/{o.notation}")
    series = "general"
    issued_on = datetime.date(2026, 3, 2)
    year = factory.LazyAttribute(lambda o: o.issued_on.year)
    place = "Hà Nội"
    subject = "Kế hoạch chuyển đổi số thành phố Hà Nội năm 2026"
    field = "Chuyển đổi số"
    signer_name = "Trần Sỹ Thanh"
    signer_position = "Chủ tịch"
    signing_authority = "TM."
    authority_line = "TM. ỦY BAN NHÂN DÂN"
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.number_notation} {o.subject}"))


class TaskFactory(factory.django.DjangoModelFactory):
    """A one-deadline task led by ``lead_unit`` (default: the document's unit), with a TaskUnit
    row for the lead and one per ``cooperating`` / ``implementing`` unit given."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    document = factory.SubFactory(DirectiveFactory)
    order = factory.Sequence(lambda n: n + 1)
    content = "Triển khai nền tảng số phục vụ chính quyền cấp xã"
    assigning_unit = factory.LazyAttribute(lambda o: o.document.unit)
    lead_unit = factory.LazyAttribute(lambda o: o.document.unit)
    expected_result = "100% xã"
    target_value = 100
    target_unit = "% xã"
    assigned_on = factory.LazyAttribute(lambda o: o.document.issued_on)
    recurrence = Recurrence.NONE
    deadline_on = datetime.date(2026, 6, 30)
    original_deadline_on = factory.LazyAttribute(lambda o: o.deadline_on)
    search_text = factory.LazyAttribute(lambda o: fold(f"{o.content} {o.expected_result}"))

    @factory.post_generation
    def lead_row(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            TaskUnit.objects.create(task=self, unit=self.lead_unit, role=TaskUnitRole.LEAD)

    @factory.post_generation
    def cooperating(self, create: bool, extracted: object, **kwargs: object) -> None:
        for unit in extracted or ():
            TaskUnit.objects.create(task=self, unit=unit, role=TaskUnitRole.COOPERATE)

    @factory.post_generation
    def implementing(self, create: bool, extracted: object, **kwargs: object) -> None:
        for unit in extracted or ():
            TaskUnit.objects.create(task=self, unit=unit, role=TaskUnitRole.IMPLEMENT)


class TaskReportFactory(factory.django.DjangoModelFactory):
    """A submitted report of the lead unit on its task's one period."""

    class Meta:
        model = TaskReport

    task = factory.SubFactory(TaskFactory)
    unit = factory.LazyAttribute(lambda o: o.task.lead_unit)
    period_start = factory.LazyAttribute(lambda o: o.task.assigned_on)
    period_end = factory.LazyAttribute(lambda o: o.task.deadline_on or o.task.assigned_on)
    due_on = factory.LazyAttribute(
        lambda o: o.task.report_by_on or o.task.deadline_on or o.task.assigned_on
    )
    status = ReportStatus.SUBMITTED
    progress = ProgressStatus.IN_PROGRESS
    percent = 50
    done_text = "Đã triển khai tại 300/579 xã, phường"
    submitted_at = factory.LazyFunction(timezone.now)
