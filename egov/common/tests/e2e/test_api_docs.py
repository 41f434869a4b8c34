"""The API's documentation page in a browser under the app's own Content-Security-Policy: Swagger
UI (vendored, no CDN) lists the operations, and a visitor tries the public procedure list out and
reads its answer. Any CSP violation or script error fails the test."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_runs_under_the_csp_and_tries_an_operation(page, live_server):
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )

    response = page.goto(f"{live_server.url}/api/v1/docs")

    assert "script-src 'self'" in response.headers["content-security-policy"]
    operation = page.locator(".opblock-summary", has_text="/api/v1/onestop/procedures").first
    expect(operation).to_be_visible()
    expect(page.locator(".opblock-summary", has_text="/api/v1/documents/").first).to_be_visible()
    operation.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    status = page.locator(".live-responses-table tbody td.response-col_status").first
    expect(status).to_have_text("200")
    expect(page.locator(".live-responses-table")).to_contain_text('"items"')
    assert problems == []
    assert outside == []
