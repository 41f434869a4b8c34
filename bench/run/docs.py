"""``docs/benchmarks.md``: the latest run, written by ``python -m bench.run``.

The page keeps the machine, the commands, the date, every HTTP scenario as absolute values and
as a ratio to its baseline, and every target of issue 6 with met / missed. What a run cannot
know (why a target is missed, the design change that would meet it) is kept in
``bench/NOTES.md`` and copied in below the table.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

HEAD = """# Benchmarks

Written by `python -m bench.run` (issue 6). Regenerate the data with the first command, run the
benchmarks with the second; the full run (10 M dossiers) is kept out of CI, a tiny run of the same
harness is part of the test suite (`bench/tests/test_tiny.py`).

```
{generate}
{run}
```
"""
NOTES = Path(__file__).resolve().parents[1] / "NOTES.md"
GENERATE_JSON = Path(__file__).resolve().parents[2] / "var" / "bench"


def _generation() -> str:
    """The generation report of the database measured (``generate-<database>.json``)."""
    from django.db import connection

    report = GENERATE_JSON / f"generate-{connection.settings_dict['NAME']}.json"
    if not report.exists():
        return f"No generation report found ({report.relative_to(GENERATE_JSON.parents[1])})."
    data = json.loads(report.read_text(encoding="utf-8"))
    rows, seconds = data["total_rows"], data["total_seconds"]
    options = data["options"]
    lines = [
        f"Generated with scale {options['scale']}, seed {options['seed']}, audit "
        f"{options['audit']}: {rows:,} rows in {seconds:,.0f} s "
        f"({rows / max(seconds, 0.001):,.0f} rows/s end to end). Phases:",
        "",
    ]
    lines += [f"- {name}: {value:,.1f} s" for name, value in data["phases"].items()]
    return "\n".join(lines)


def render(results, targets: list, baseline_of: Callable, scenarios: dict) -> str:
    meta = results.meta
    data = meta.get("data", {})
    out = [
        HEAD.format(
            generate="python -m bench.generate --database-url "
            "postgres://postgres@127.0.0.1:5432/egov_bench --scale 1.0 --seed 20261122",
            run=meta.get("command", "python -m bench.run"),
        )
    ]
    note = meta.get("note")
    if note:
        out.append(f"**{note}**\n")
    out.append("## Machine and data\n")
    out.append(
        f"- Date: {meta['date']}; load average at the start "
        f"{', '.join(f'{x:.2f}' for x in meta['load_average'])}"
    )
    out.append(
        f"- CPU: {meta['cpu']}, {meta['cores']} cores; memory {meta['memory']}; "
        f"{meta['os']}; Python {meta['python']}"
    )
    out.append(
        f"- PostgreSQL {meta['postgresql']} on 127.0.0.1 "
        f"({', '.join(f'{k} {v}' for k, v in meta['pg_settings'].items())})"
    )
    out.append(
        f"- Server: gunicorn, {meta.get('gunicorn')}; load: wrk, {meta.get('wrk')}, "
        f"{meta.get('duration'):g} s × {meta.get('repeats')} repeats (medians) after "
        f"{meta.get('warmup'):g} s warm-up; fixed-rate run {meta.get('fixed_duration'):g} s"
    )
    out.append(
        "- Data: "
        + ", ".join(
            f"{k.split('_', 1)[-1] if k != 'database_bytes' else 'size'}"
            f" {_size(v) if k == 'database_bytes' else f'{v:,}'}"
            for k, v in data.items()
        )
    )
    out.append(f"- {_generation()}\n")
    out.append("## Targets\n")
    out.append("| Area | Target | Measured | Ratio / baseline | Result |")
    out.append("| --- | --- | --- | --- | --- |")
    for t in targets:
        result = {True: "met", False: "**missed**", None: "not measured"}[t.met]
        out.append(f"| {t.area} | {t.target} | {t.measured} | {t.ratio} | {result} |")
    out.append("\n## Every HTTP scenario (medians)\n")
    out.append("| Scenario | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to baseline |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    for name in results.http:
        base = baseline_of(name)
        rps = results.median(name, "rps")
        base_rps = results.median(base, "rps") if base else None
        ratio = f"{rps / base_rps:.2f} × {base} (req/s)" if base_rps else ""
        errors = sum(r.errors + r.non_2xx_3xx for r in results.http[name])
        label = scenarios[name].label
        out.append(
            f"| {label} | {rps:,.1f} | {results.median(name, 'p50'):.1f} | "
            f"{results.median(name, 'p95'):.1f} | {results.median(name, 'p99'):.1f} | "
            f"{errors} | {ratio} |"
        )
    counts = results.inprocess.get("query_counts")
    if counts:
        out.append("\n## SQL queries per request at this data size\n")
        out.append(", ".join(f"{k}: {v['queries']}" for k, v in counts.items()) + ".")
    if NOTES.exists():
        out.append("\n" + NOTES.read_text(encoding="utf-8"))
    return "\n".join(out) + "\n"


def _size(value: int) -> str:
    return f"{value / 1024**3:.1f} GB" if value > 1024**3 else f"{value / 1024**2:.0f} MB"
