"""Declared audit actions: every app registers its set, production code uses only those, an
undeclared code is refused, and the history shows the declared label."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.utils import translation

from egov.audit.actions import UndeclaredAuditAction, action_label, actions_declared
from egov.audit.choices import AuditAction
from egov.audit.models import AuditEvent
from egov.audit.selectors import history_for_object
from egov.audit.services import event_record

EGOV = Path(__file__).resolve().parents[2]


def _app_actions() -> dict[str, set[str]]:
    """Each egov app's ``choices.AuditAction`` codes, found through the app registry."""
    found = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("egov."):
            continue
        try:
            choices = importlib.import_module(f"{config.name}.choices")
        except ModuleNotFoundError:
            continue
        # An app declares its actions in ``AuditAction``; a large app may split them over
        # several classes named ``…AuditAction`` (documents: ``WorkFileAuditAction``).
        classes = [
            value
            for name, value in vars(choices).items()
            if name.endswith("AuditAction") and isinstance(value, type)
        ]
        if classes:
            found[config.label] = {member.value for cls in classes for member in cls}
    return found


def test_every_app_with_actions_registers_them():
    declared = _app_actions()

    assert {"audit", "accounts", "orgs", "workdays", "workflow", "documents"} <= set(declared)
    assert {"onestop", "directives", "exchange"} <= set(declared)
    assert set().union(*declared.values()) == actions_declared()


def _literal_actions(tree: ast.AST) -> list[tuple[int, str]]:
    """Calls that pass an audit action as a string literal or an f-string instead of a
    declared constant: ``action="..."``, and the positional action of the wrappers."""
    problems = []
    wrappers = {"record": 1, "bump_and_record": 1}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        if name == "add_argument":  # argparse's action="store_true"
            continue
        values = [kw.value for kw in node.keywords if kw.arg == "action"]
        if name in wrappers and len(node.args) > wrappers[name]:
            values.append(node.args[wrappers[name]])
        for value in values:
            literal = isinstance(value, ast.Constant) and isinstance(value.value, str)
            if literal or isinstance(value, ast.JoinedStr):
                problems.append((node.lineno, ast.unparse(value)))
    return problems


def test_production_code_passes_declared_constants_only():
    problems = []
    for path in sorted(EGOV.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        problems += [
            f"{path.relative_to(EGOV)}:{line} {text}" for line, text in _literal_actions(tree)
        ]

    assert problems == []


def test_event_record_refuses_an_undeclared_action(world):
    count = AuditEvent.objects.count()

    with pytest.raises(UndeclaredAuditAction):
        event_record(actor=None, action="orgunit.renamd", obj=world.dept)

    assert AuditEvent.objects.count() == count


def test_an_unknown_stored_code_is_shown_as_it_is():
    assert action_label("something.retired") == "something.retired"


def test_history_shows_the_declared_label(world):
    event_record(actor=None, action=AuditAction.ADMIN_CHANGED, obj=world.dept)

    with translation.override("vi"):
        html = render_to_string(
            "components/_history.html", {"history": history_for_object(world.dept)}
        )

    assert "Sửa trong trang quản trị" in html
    assert 'title="admin.changed"' in html
