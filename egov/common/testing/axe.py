"""Accessibility checks in the browser tests with axe-core (vendored, test-only: see
``vendor/README.md``). A page must have no violation of impact "serious" or "critical".

The script is injected as a tag, which the site's Content-Security-Policy refuses: use a browser
context opened with ``bypass_csp=True`` (the ``axe_page`` fixtures do)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """The serious and critical axe-core violations of the page as it is now (WCAG 2.1 A/AA
    rules and axe's best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async () => await window.axe.run(document, {resultTypes: ['violations']})"
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def axe_report(violations: list[dict[str, Any]]) -> str:
    """One line per violation and element, for an assertion message."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            lines.append(
                f"{violation['impact']} {violation['id']}: {violation['help']} — "
                f"{' '.join(node['target'])}"
            )
    return "\n".join(lines)
