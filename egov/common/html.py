"""Rich text that officers write for the public (a unit's announcements, its functions and
duties): the one sanitiser, with nh3 (the Rust ``ammonia`` library) and an allow-list fit for
announcements. Whatever the editor sends, only these tags and attributes are stored; scripts,
styles, ``on*`` handlers and links other than http(s)/mailto/tel are removed."""

from __future__ import annotations

import re

import nh3

#: What the editor (Trix) produces and an announcement needs: paragraphs and line breaks,
#: headings, emphasis, lists, quotes, preformatted text and links.
ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "p", "br", "div", "h1", "h2", "h3", "strong", "b", "em", "i", "u", "del", "s",
        "ul", "ol", "li", "blockquote", "pre", "code", "a",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}}
URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto", "tel"})

_TAG = re.compile(r"<[^>]*>")


def html_sanitize(html: str) -> str:
    """``html`` reduced to the allow-list; links open without passing the page on
    (``rel="noopener noreferrer"``). Text outside tags is kept, escaped."""
    return nh3.clean(
        html or "",
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_text(html: str) -> str:
    """The visible text of sanitised ``html`` (to tell an empty body from a written one, and to
    search); entities are left as they are."""
    return " ".join(_TAG.sub(" ", html or "").split())
