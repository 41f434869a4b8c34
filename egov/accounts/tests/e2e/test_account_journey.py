"""A citizen's account journey in a browser, in Vietnamese: registers (the page answers "check
your e-mail"), opens the confirmation link from the e-mail, logs in, issues a read-only API
token (shown once), sees it listed and revokes it."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from egov.accounts.models import ApiToken, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Hà-Nội-2026-an-toàn"


def test_register_confirm_log_in_and_manage_a_token(page, live_server):
    base = live_server.url
    mail.outbox.clear()

    page.goto(f"{base}/accounts/register/")
    page.get_by_label("Họ và tên hoặc tên doanh nghiệp").fill("Lê Văn Cường")
    page.get_by_label("Số định danh cá nhân (12 chữ số)").fill("001090000123")
    page.get_by_label("Thư điện tử", exact=True).fill("cuong.le@example.vn")
    page.get_by_label("Mật khẩu").fill("ngắn-quá")
    page.get_by_role("button", name="Đăng ký").click()
    expect(page.get_by_text("Mật khẩu quá ngắn: cần ít nhất 12 ký tự.", exact=True)).to_be_visible()

    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng ký").click()
    sent = page.get_by_role("heading", name="Hãy kiểm tra thư điện tử hoặc điện thoại")
    expect(sent).to_be_visible()
    assert not User.objects.get(citizen_id="001090000123").contact_verified

    link = re.search(r"https?://\S+/accounts/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + link[link.index("/accounts/") :])
    expect(page.get_by_role("status")).to_contain_text("đã được xác nhận")
    assert User.objects.get(citizen_id="001090000123").contact_verified

    page.get_by_role("link", name="Đăng nhập").last.click()
    page.get_by_label("Thư điện tử hoặc số điện thoại").fill("cuong.le@example.vn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    page.goto(f"{base}/accounts/tokens/")
    page.get_by_label("Mục đích sử dụng mã").fill("Tra cứu hồ sơ")
    page.get_by_label("Thời hạn (ngày)").fill("30")
    page.get_by_role("button", name="Cấp mã truy cập").click()
    secret = page.locator("#issued-token").inner_text()
    token = ApiToken.objects.get(user__citizen_id="001090000123")
    assert secret.startswith(f"egov_{token.prefix}_") and token.read_only
    row = page.locator("tr", has_text="Tra cứu hồ sơ")
    expect(row).to_contain_text("chỉ đọc")

    row.get_by_role("button", name="Thu hồi").click()
    expect(page.get_by_text("Đã thu hồi mã truy cập Tra cứu hồ sơ.")).to_be_visible()
    expect(page.locator("tr", has_text="Tra cứu hồ sơ")).to_contain_text("đã thu hồi")
    token.refresh_from_db()
    assert token.revoked_at is not None
