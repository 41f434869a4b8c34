"""Running wrk (https://github.com/wg/wrk) and reading the JSON line its scripts print."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1] / "wrk"
INSTALL_HINT = (
    "wrk is not installed. Install it with `sudo apt-get install wrk` (Debian/Ubuntu) "
    "or `brew install wrk` (macOS), or build it from https://github.com/wg/wrk."
)


def wrk_path() -> str | None:
    return shutil.which("wrk")


@dataclass(frozen=True)
class WrkResult:
    """One wrk run: throughput and latency percentiles (ms), errors counted."""

    requests: int
    seconds: float
    rps: float
    p50: float
    p90: float
    p95: float
    p99: float
    mean: float
    max: float
    errors: int
    non_2xx_3xx: int
    sent: int | None = None  # requests sent (once.lua: every line once)

    @classmethod
    def parse(cls, output: str) -> WrkResult:
        line = next(x for x in output.splitlines() if x.startswith("BENCH_JSON "))
        data = json.loads(line.removeprefix("BENCH_JSON "))
        seconds = data["duration_us"] / 1e6
        errors = sum(data[k] for k in ("connect_errors", "read_errors", "write_errors", "timeouts"))
        return cls(
            requests=data["requests"],
            seconds=seconds,
            rps=data["requests"] / seconds,
            p50=data["p50_us"] / 1000,
            p90=data["p90_us"] / 1000,
            p95=data["p95_us"] / 1000,
            p99=data["p99_us"] / 1000,
            mean=data["mean_us"] / 1000,
            max=data["max_us"] / 1000,
            errors=errors,
            non_2xx_3xx=data["status_errors"],
            sent=data.get("sent"),
        )


def wrk_output(
    *,
    url: str,
    script: str,
    args: list[str],
    duration: float,
    threads: int,
    connections: int,
    timeout: float = 10.0,
) -> str:
    """Run wrk against ``url`` with ``bench/wrk/<script>``; ``args`` go to the script. What it
    printed (the ``BENCH_JSON`` line, and any other line the script adds)."""
    command = [
        wrk_path() or "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration:g}s",
        f"--timeout={timeout:g}s",
        "-s",
        str(SCRIPTS / script),
        url,
        "--",
        *args,
    ]
    done = subprocess.run(  # noqa: S603 - our own command line
        command,
        capture_output=True,
        text=True,
        check=False,
        timeout=duration + 120,
    )
    if done.returncode != 0 or "BENCH_JSON" not in done.stdout:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}\n{done.stderr}")
    return done.stdout


def wrk_run(
    *,
    url: str,
    script: str,
    args: list[str],
    duration: float,
    threads: int,
    connections: int,
    timeout: float = 10.0,
) -> WrkResult:
    """Run wrk against ``url`` with ``bench/wrk/<script>``; ``args`` go to the script."""
    return WrkResult.parse(
        wrk_output(
            url=url,
            script=script,
            args=args,
            duration=duration,
            threads=threads,
            connections=connections,
            timeout=timeout,
        )
    )
