"""`egov import_tasks <document-id> <file> --as <email> [--answers answers.json] [--apply]`:
read a task table for a directive, give answers and create the tasks, for bulk loads and
scripts. The same services, checks and audit trail as the import pages and the API; the
resolve report is written to standard output as JSON (the API's), progress to standard
error. Without ``--apply`` nothing but the import and its answers is stored.

``answers.json`` holds a list of answers (or ``{"answers": [...]}``), each as the API takes
it: ``{"key": "unit:cong an thanh pho", "outside_body_id": 3}``,
``{"key": …, "new_outside_body": {"name": "Công an Thành phố Hà Nội"}}``,
``{"key": …, "keep_as_text": true}``, ``{"key": …, "unit_id": 12}``,
``{"key": "deadline:row:1.4", "deadline_text": "31/12/2026"}``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from egov.accounts.models import User
from egov.accounts.rules import normalize_email
from egov.common.exceptions import DomainError
from egov.common.progress import add_quiet_argument, progress_for_command
from egov.directives.selectors import directive_get_for_user
from egov.directives.services import (
    task_import_answer_all,
    task_import_apply,
    task_import_create,
    task_import_report,
)


def _answers(path: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CommandError(f"Cannot read the answers file: {exc}") from exc
    answers = data.get("answers") if isinstance(data, dict) else data
    if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
        raise CommandError("The answers file holds a list of answers (objects with a key).")
    return answers


class Command(BaseCommand):
    help = "Read a task table for a directive; optionally answer its questions and apply it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("document_id", type=int)
        parser.add_argument("file")
        parser.add_argument(
            "--as",
            dest="actor",
            required=True,
            help="e-mail of the officer of the assigning office in whose name to act",
        )
        parser.add_argument("--answers", help="JSON file of answers to the listed items")
        parser.add_argument("--apply", action="store_true", help="create the tasks")
        add_quiet_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        actor = User.objects.filter(email=normalize_email(options["actor"]), is_active=True).first()
        if actor is None:
            raise CommandError("No active account with this e-mail.")
        path = Path(options["file"])
        answers = _answers(options["answers"]) if options["answers"] else []
        try:
            document = directive_get_for_user(actor, options["document_id"])
        except Http404 as exc:
            raise CommandError("No directive with this id for this officer.") from exc
        try:
            with progress_for_command(self, options, "import_tasks") as progress:
                task_import = task_import_create(
                    actor=actor,
                    document=document,
                    file_name=path.name,
                    content=path.read_bytes(),
                    progress=progress,
                )
            if answers:
                task_import = task_import_answer_all(
                    actor=actor,
                    task_import=task_import,
                    expected_version=task_import.version,
                    answers=answers,
                )
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        except OSError as exc:
            raise CommandError(f"Cannot read the file: {exc}") from exc
        report: dict[str, Any] = task_import_report(task_import)
        if options["apply"]:
            try:
                tasks = task_import_apply(
                    actor=actor, task_import=task_import, expected_version=task_import.version
                )
            except DomainError as error:
                self._write(report)
                raise CommandError(str(error.message)) from error
            task_import.refresh_from_db()
            report = {**task_import_report(task_import), "created_tasks": [t.pk for t in tasks]}
        self._write(report)

    def _write(self, report: dict[str, Any]) -> None:
        self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str))
