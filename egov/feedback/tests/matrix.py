"""URL arguments of the feedback routes for the permission matrix
(egov/portal/tests/test_permission_matrix.py): officer routes get a question or a report of the
scoped unit; citizen routes the persona's own item (another citizen's for other personas);
public routes a published answer or an answered report with a photo."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from egov.accounts.models import User
from egov.accounts.services import public_account_register
from egov.feedback.models import Category, Question, Report, ReportPhoto
from egov.orgs.models import OrgUnit

_numbers = itertools.count(1)


def _citizen() -> User:
    number = next(_numbers)
    return public_account_register(
        full_name="Lê Thị Hỏi",
        password=None,
        citizen_id=f"0010900{number:05d}",
        email=f"hoi.{number}@example.vn",
    )


def _owner(user: User | None) -> User:
    return user if user is not None and user.is_public else _citizen()


def question_for(unit: OrgUnit, asker: User | None = None, **fields: object) -> Question:
    now = timezone.now()
    values = {"asked_at": now, "due_at": now + datetime.timedelta(days=14), **fields}
    return Question.objects.create(
        code=f"HD-T-{next(_numbers)}",
        asker=asker or _citizen(),
        unit=unit,
        title="Hỏi về thủ tục",
        body="Nội dung câu hỏi",
        **values,
    )


def _category() -> Category:
    return Category.objects.get_or_create(code="matrix", defaults={"name": "Khác"})[0]


def report_for(unit: OrgUnit, reporter: User | None = None, **fields: object) -> Report:
    category, _ = Category.objects.get_or_create(code="matrix", defaults={"name": "Khác"})
    now = timezone.now()
    values = {
        "code": f"PA-T-{next(_numbers)}",
        "reporter": reporter or _citizen(),
        "category": category,
        "area": unit,
        "unit": unit,
        "title": "Ổ gà",
        "description": "Ổ gà giữa đường",
        "address": "Số 1",
        "submitted_at": now,
        "due_at": now + datetime.timedelta(days=21),
        **fields,
    }
    return Report.objects.create(**values)


def _published(world: object) -> dict[str, object]:
    question = question_for(
        world.commune_a,
        status="published",
        answer="Trả lời",
        public_title="Hỏi về thủ tục",
        public_body="Nội dung",
        published_at=timezone.now(),
    )
    return {"pk": question.pk}


def _answered(world: object) -> Report:
    return report_for(
        world.commune_a, status="answered", answer="Đã xử lý", answered_at=timezone.now()
    )


def _photo(world: object) -> dict[str, object]:
    photo = ReportPhoto(report=_answered(world), content_type="image/png", sha256="0" * 64)
    photo.file.save("p.png", ContentFile(b"\x89PNG\r\n"), save=True)
    return {"pk": photo.pk}


FEEDBACK_OBJECT_KWARGS: dict[str, Callable[[OrgUnit], dict[str, object]]] = {
    "feedback_officer:question-detail": lambda unit: {"pk": question_for(unit).pk},
    # an empty answer: a 400 for those who see the question, a 404 for anyone else
    "feedback_officer:question-action": lambda unit: {
        "pk": question_for(unit).pk,
        "action": "answer",
    },
    "feedback_officer:report-detail": lambda unit: {"pk": report_for(unit).pk},
    "feedback_officer:report-action": lambda unit: {
        "pk": report_for(unit).pk,
        "action": "answer",
    },
}

FEEDBACK_ROUTE_KWARGS: dict[str, Callable[[User | None, object], dict[str, object]]] = {
    "feedback:answer-detail": lambda user, world: _published(world),
    "feedback:report-detail": lambda user, world: {"pk": _answered(world).pk},
    "feedback:photo": lambda user, world: _photo(world),
    "api:feedback_open311_service_get": lambda user, world: {"service_code": _category().code},
    "api:feedback_open311_request_get": lambda user, world: {
        "service_request_id": _answered(world).code
    },
    "feedback:question-mine": lambda user, world: {
        "pk": question_for(world.commune_a, _owner(user)).pk
    },
    "feedback:report-mine": lambda user, world: {
        "pk": report_for(world.commune_a, _owner(user)).pk
    },
    # an empty rating or reason: a 400 for the reporter
    "feedback:report-rate": lambda user, world: {
        "pk": report_for(world.commune_a, _owner(user)).pk
    },
    "feedback:report-reopen": lambda user, world: {
        "pk": report_for(world.commune_a, _owner(user)).pk
    },
    "feedback:report-supplement": lambda user, world: {
        "pk": report_for(world.commune_a, _owner(user)).pk
    },
}
