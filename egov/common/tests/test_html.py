"""The one sanitiser of rich text (nh3 with the announcements' allow-list)."""

from __future__ import annotations

import pytest

from egov.common.html import html_sanitize, html_text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Xin <script>alert(1)</script>chào</p>", "<p>Xin chào</p>"),
        ('<p onclick="steal()" onmouseover="x()">Thông báo</p>', "<p>Thông báo</p>"),
        (
            '<a href="javascript:alert(1)">bấm</a>',
            '<a rel="noopener noreferrer">bấm</a>',
        ),
        (
            '<a href="https://hanoi.gov.vn" target="_blank">Cổng</a>',
            '<a href="https://hanoi.gov.vn" rel="noopener noreferrer">Cổng</a>',
        ),
        ('<img src="x" onerror="steal()"><iframe src="//evil"></iframe>', ""),
        ('<p style="color:red">Đỏ</p><style>p{}</style>', "<p>Đỏ</p>"),
        (
            "<h1>Lịch</h1><ul><li><strong>Sáng</strong> <em>thứ Hai</em></li></ul>",
            "<h1>Lịch</h1><ul><li><strong>Sáng</strong> <em>thứ Hai</em></li></ul>",
        ),
        ("a < b & c", "a &lt; b &amp; c"),
        ("<!-- ghi chú --><div>Văn bản<br></div>", "<div>Văn bản<br></div>"),
    ],
)
def test_html_sanitize_keeps_the_allow_list_only(dirty, clean):
    assert html_sanitize(dirty) == clean


def test_html_text_tells_an_empty_body():
    assert html_text(html_sanitize("<div><br></div><script>x</script>")) == ""
    assert html_text("<p>Lịch <strong>tiếp dân</strong></p>") == "Lịch tiếp dân"
