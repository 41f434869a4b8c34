"""Bounded fuzzing with Hypothesis for the parsers of outside input (file intake, edXML
packages, task tables): mutations of real samples, and the settings every fuzz test shares.

A fuzz test asserts that hostile input ends in the domain's own refusal, never in another
exception. The number of examples is bounded so that all of them together run in well under
a minute in the normal suite; under CI (``CI`` set) the examples are derived from the test's
name, so a run is repeatable, and a crash found locally (random) is printed by Hypothesis with
the smallest input that shows it. ``EGOV_FUZZ_SCALE=20`` multiplies every test's examples
for a longer hunt.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st


def fuzz_settings(examples: int) -> settings:
    """Settings of one fuzz test: ``examples`` inputs, no deadline per example (a slow
    machine is not a bug), no example database written into the work tree."""
    return settings(
        max_examples=examples * int(os.environ.get("EGOV_FUZZ_SCALE", "1")),
        deadline=None,
        database=None,
        derandomize=bool(os.environ.get("CI")),
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], most: int = 8) -> bytes:
    """One of ``seeds`` with 1 to ``most`` mutations: bytes flipped, inserted (also bytes of
    another seed), deleted, repeated or cut off, the mutations of file fuzzers."""
    content = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, most))):
        size = len(content)
        at = draw(st.integers(0, max(size - 1, 0)))
        operation = draw(st.sampled_from(("flip", "insert", "delete", "repeat", "cut", "splice")))
        if operation == "flip" and size:
            content[at] = draw(st.integers(0, 255))
        elif operation == "insert":
            content[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif operation == "delete":
            del content[at : at + draw(st.integers(1, 64))]
        elif operation == "repeat":
            content[at:at] = content[at : at + draw(st.integers(1, 256))] * draw(st.integers(1, 4))
        elif operation == "cut":
            del content[at:]
        elif operation == "splice":
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, max(len(other) - 1, 0)))
            content[at:at] = other[start : start + draw(st.integers(1, 512))]
    return bytes(content)
