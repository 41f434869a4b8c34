"""The generator's counts: ``scale`` for everything, reporting's own ``report_scale`` apart
from it (the issue 16 run at 2.9 M values beside a small rest), explicit counts first."""

from __future__ import annotations

from bench.generate.__main__ import _arguments
from bench.generate.run import Options


def test_reporting_follows_scale_unless_its_own_scale_is_given() -> None:
    small = Options(scale=0.001)
    assert (small.count("report_periods"), small.count("report_indicators")) == (2, 10)
    full = Options(scale=0.001, report_scale=1.0)
    assert (full.count("report_periods"), full.count("report_indicators")) == (24, 200)
    assert full.count("dossiers") == 10_000  # the rest keeps --scale
    assert 2_900_000 <= full.report_values() <= 2_930_000  # the "≈ 2.9 M values"
    half = Options(report_scale=0.5, report_periods=3)
    assert (half.count("report_periods"), half.count("report_indicators")) == (3, 100)


def test_the_command_line_takes_the_reporting_scale() -> None:
    args = _arguments(["--scale", "0.001", "--report-scale", "1.0"])
    assert (args.scale, args.report_scale) == (0.001, 1.0)
    assert _arguments([]).report_scale is None
