"""Fuzzing the edXML parser: a received package, however broken, parses or is refused with
:class:`PackageError` naming its problems; no other exception reaches the receiving service."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from egov.common.testing.fuzz import fuzz_settings, mutated
from egov.exchange.edxml import (
    Limits,
    PackageError,
    document_package_build,
    package_parse,
    status_package_build,
)
from egov.exchange.tests.samples import TODAY, document_package, sdk_bytes, status_package

LIMITS = Limits(content_types=frozenset({"application/pdf"}), max_bytes=2 * 1024 * 1024)
# Text a sender may put in any element: dates, numbers, codes and whatever else.
TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "2026-02-30", "2026-11-22",
                     "31/12/9999", "000.00.00.H26", "QĐ-UBND", "application/pdf", "cid:x",
                     "base64", "%%%%", "\u00a0"]),
)  # fmt: skip


@cache
def seeds() -> list[bytes]:
    return [
        sdk_bytes(),
        document_package_build(document_package()),
        status_package_build(status_package()),
    ]


def _parse(data: bytes) -> None:
    try:
        package_parse(data, limits=LIMITS, today=TODAY)
    except PackageError as refused:
        assert refused.errors
        assert all(isinstance(m, str) and m for m in refused.errors.values())


@st.composite
def edited(draw: st.DrawFn) -> bytes:
    """A well-formed package with elements' text replaced, elements removed or repeated."""
    root = etree.fromstring(draw(st.sampled_from(seeds())))
    elements = list(root.iter())
    for _ in range(draw(st.integers(1, 6))):
        element = draw(st.sampled_from(elements))
        action = draw(st.sampled_from(("text", "remove", "repeat", "attribute")))
        parent = element.getparent()
        if action == "text" and len(element) == 0:
            element.text = "".join(c for c in draw(TEXTS) if c.isprintable() or c in "\n\t")
        elif action == "remove" and parent is not None:
            parent.remove(element)
            elements = list(root.iter())
        elif action == "repeat" and parent is not None:
            parent.append(etree.fromstring(etree.tostring(element)))
        elif action == "attribute":
            element.set("id", draw(st.text(alphabet="abc0123456789", max_size=8)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@fuzz_settings(examples=100)
@given(edited())
def test_edited_packages_parse_or_are_refused(data):
    _parse(data)


@fuzz_settings(examples=100)
@given(st.data())
def test_mutated_package_bytes_parse_or_are_refused(data):
    _parse(data.draw(mutated(seeds())))
