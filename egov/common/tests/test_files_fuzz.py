"""Fuzzing the file intake: whatever the bytes, :func:`file_check` accepts the file or refuses
it with :class:`FileRefused`; no other exception reaches the upload paths."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from egov.common.files import (
    CSV,
    DOC,
    DOCX,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    RTF,
    XLS,
    XLSX,
    FileRefused,
    accepting,
    file_check,
)
from egov.common.files.legacy import CFB_SIGNATURE
from egov.common.testing import files as samples
from egov.common.testing.fuzz import fuzz_settings, mutated

EVERYTHING = accepting({PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS, DOC, XLS, RTF, CSV})
JSON_ONLY = accepting({"json"})


@cache
def seeds() -> list[bytes]:
    """Good files of every kind and the small hostile ones (the bombs are too slow to mutate)."""
    good = [
        samples.pdf(),
        samples.jpeg(),
        samples.png(),
        samples.docx(),
        samples.xlsx(),
        samples.odt(),
        samples.ods(),
        samples.doc(),
        samples.xls(),
        samples.rtf(),
        samples.csv(),
    ]
    hostile = [h.build() for h in samples.HOSTILE if "bomb" not in h.id and h.id != "empty"]
    return good + hostile


def _check(content: bytes) -> None:
    for accept in (EVERYTHING, JSON_ONLY):
        try:
            checked = file_check(content, accept=accept)
        except FileRefused as refused:
            assert refused.code.startswith("file_")
            assert refused.message
        else:
            assert checked.kind in accept.kinds
            assert checked.size == len(content)


@fuzz_settings(examples=100)
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_are_accepted_or_refused(content):
    _check(content)


@fuzz_settings(examples=200)
@given(st.data())
def test_mutated_samples_are_accepted_or_refused(data):
    _check(data.draw(mutated(seeds())))


@fuzz_settings(examples=60)
@given(
    st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", CFB_SIGNATURE, b"{\\rtf1", b"\xff\xd8"]),
    st.binary(max_size=2048),
)
def test_a_known_signature_followed_by_anything_is_accepted_or_refused(signature, rest):
    _check(signature + rest)
