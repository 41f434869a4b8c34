"""``python -m bench.topology_run``: the status look-up and the figures page read through a
streaming replica and from the primary alone, side by side in one run, then the replica stopped
in the middle of traffic (issue 24 §2, ADR 0029).

    python -m bench.topology_run \\
        --source-url postgres://postgres@127.0.0.1:5432/egov_bench --duration 20 --repeats 3

1. Request files from the source database, as ``bench.run`` makes them (dossier codes sampled
   over the table; a session of the city head, written into the source, for the figures page).
2. ``bench.topology``: a throw-away primary holding a copy of the source, rows included, and a
   ``pg_basebackup`` replica streaming from it, each its own cluster on its own port.
3. Two gunicorn servers on that primary with the same settings, one of them with
   ``DATABASE_REPLICA_URL``. Two servers rather than two behind a round-robin: every request of
   a measurement must take one path, or the comparison averages both. Both run for the whole
   run; each scenario is measured on one, then the other (the order swapped every repeat),
   so drift of the shared machine hits both alike.
4. Per measurement: wrk's rate and latency, the statements each cluster ran per request
   (``pg_stat_statements``: exact, so it shows where the reads went) and the replay lag the
   primary reported meanwhile (``pg_stat_replication``, sampled twice a second).
5. The fault run: wrk on the replica-routed server, the replica stopped (``pg_ctl stop -m
   fast``) after ``--fault-at`` seconds; every answer counted by status class per 100 ms, split
   into before the stop, within the lag bound after it, and past the bound.

Prints the table and writes ``var/bench/topology-<time>.json``. All of it runs on one machine:
the replica shares the cores with the primary, the servers and wrk, so this shows what the
routing costs and that a stopped replica costs no errors, not the capacity a second machine
would add.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg

from bench import topology
from bench.run.server import Server, worker_count
from bench.run.wrk import WrkResult, wrk_output

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench" / "topology"
SERVERS = ("primary", "replica")  # primary alone; reads routed to the replica
SCENARIOS = ("track_api", "track_page", "figures")
SAMPLE_SECONDS = 0.5


@dataclass(frozen=True)
class Options:
    duration: float = 20.0
    repeats: int = 3
    warmup: float = 5.0
    connections: int = 16
    wrk_threads: int = 2
    workers: int = 5
    max_lag: float = 5.0
    fault_seconds: float = 30.0
    fault_at: float = 10.0
    scenarios: tuple[str, ...] = SCENARIOS
    fault_scenario: str = "track_api"
    settings: str = "bench.benchsite.settings"
    env: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Measured:
    """One wrk run on one server, with what the clusters did meanwhile."""

    scenario: str
    server: str
    result: WrkResult
    primary_statements: int | None
    replica_statements: int | None
    replay_lag_max: float | None  # seconds
    behind_bytes_max: int | None

    def per_request(self, statements: int | None) -> float | None:
        return None if statements is None else statements / max(self.result.requests, 1)


@dataclass(frozen=True)
class Phase:
    name: str
    seconds: float
    answers: int
    ok: int
    server_errors: int  # 5xx
    other: int  # neither 2xx nor 5xx


@dataclass(frozen=True)
class Fault:
    scenario: str
    stopped_after: float  # seconds from the start of the load
    stop_seconds: float  # pg_ctl stop, issued to returned
    bound: float
    phases: list[Phase]
    result: WrkResult
    replay_lag_max: float | None


class LagSampler(threading.Thread):
    """Samples the primary's view of the replica until stopped: (monotonic, lag s, bytes)."""

    def __init__(self, stack: topology.Topology) -> None:
        super().__init__(daemon=True)
        self.stack, self.samples, self.halt = stack, [], threading.Event()

    def run(self) -> None:
        while not self.halt.wait(SAMPLE_SECONDS):
            try:
                lag, behind = self.stack.replication_sample()
            except psycopg.Error:
                continue  # a missed sample is no reason to stop the run
            self.samples.append((time.monotonic(), lag, behind))

    def worst(self, start: float, end: float) -> tuple[float | None, int | None]:
        inside = [s for s in self.samples if start <= s[0] <= end]
        lags = [s[1] for s in inside if s[1] is not None]
        behind = [s[2] for s in inside if s[2] is not None]
        return (max(lags) if lags else None, max(behind) if behind else None)


def files_prepare(directory: Path) -> dict[str, Path]:
    """The request files of the look-up and the figures page, from the database Django uses."""
    from bench.run import prepare
    from bench.run.harness import last_day

    files = prepare.track_files(directory, prepare.track_codes())
    files.update(prepare.figures_file(directory, last_day()))
    return files


def servers_make(stack: topology.Topology, options: Options, log_dir: Path) -> dict[str, Server]:
    """The primary-only server and the replica-routed one (not started)."""
    env = {
        "DJANGO_SETTINGS_MODULE": options.settings,
        "EGOV_REPLICA_MAX_LAG": f"{options.max_lag:g}",
        "EGOV_REPLICA_READ_YOUR_WRITES_SECONDS": str(int(options.max_lag) + 10),
        **options.env,
    }
    routed = {"DATABASE_REPLICA_URL": stack.replica.url()}
    return {
        name: Server(
            database_url=stack.primary.url(),
            port=topology.free_port(),
            workers=options.workers,
            worker_class="sync",
            threads=1,
            log=log_dir / f"gunicorn-{name}.log",
            env={**env, **(routed if name == "replica" else {})},
        )
        for name in SERVERS
    }


def _connections(scenario: str, options: Options) -> int:
    from bench.run.scenarios import BY_NAME

    return BY_NAME[scenario].connections or options.connections


def _wrk(server: Server, scenario: str, files: dict, options: Options, seconds: float) -> str:
    """wrk on ``scenario``'s requests; ``"fault"``: the fault scenario's, timed per answer."""
    name = options.fault_scenario if scenario == "fault" else scenario
    connections = _connections(name, options)
    return wrk_output(
        url=server.url,
        script="timeline.lua" if scenario == "fault" else "requests.lua",
        args=[str(files[name])],
        duration=seconds,
        threads=min(options.wrk_threads, connections),
        connections=connections,
    )


def measure(
    stack: topology.Topology,
    servers: dict[str, Server],
    files: dict[str, Path],
    options: Options,
    sampler: LagSampler,
    counted: bool,
) -> list[Measured]:
    """Every scenario on both servers, alternately, ``options.repeats`` times."""
    if options.warmup > 0:
        for scenario in options.scenarios:
            for server in servers.values():
                _wrk(server, scenario, files, options, options.warmup)
                server.wait_idle(options.workers)
        # the last warm-up page may still be served on the replica-routed server: counted in
        # the first measurement, the primary-only server's, it read as replica statements there
        _settle(stack, counted)
    out = []
    for repeat in range(options.repeats):
        order = SERVERS if repeat % 2 == 0 else SERVERS[::-1]
        for scenario in options.scenarios:
            for name in order:
                before = _statements(stack, counted)
                started = time.monotonic()
                result = WrkResult.parse(
                    _wrk(servers[name], scenario, files, options, options.duration)
                )
                ended = time.monotonic()
                after = _statements(stack, counted)
                servers[name].wait_idle(options.workers)
                _settle(stack, counted)
                lag, behind = sampler.worst(started, ended)
                row = Measured(
                    scenario,
                    name,
                    result,
                    *(None if b is None else a - b for a, b in zip(after, before, strict=True)),
                    lag,
                    behind,
                )
                out.append(row)
                _row_print(row, f"[{repeat + 1}/{options.repeats}]")
    return out


def _statements(stack: topology.Topology, counted: bool) -> tuple[int | None, int | None]:
    if not counted:
        return (None, None)
    return (stack.statements(stack.primary), stack.statements(stack.replica))


def _settle(stack: topology.Topology, counted: bool, limit: float = 60.0) -> None:
    """Wait until neither cluster runs a statement for half a second: a slow page still being
    served after wrk stopped (``wait_idle`` asks only some workers) would be counted in the
    next measurement, on the other server."""
    deadline = time.monotonic() + limit
    last = _statements(stack, counted)
    while counted and time.monotonic() < deadline:
        time.sleep(0.5)
        now = _statements(stack, counted)
        if now == last:
            return
        last = now


def fault_run(
    stack: topology.Topology,
    server: Server,
    files: dict[str, Path],
    options: Options,
    sampler: LagSampler,
) -> Fault:
    """Load on the replica-routed server; the replica stopped ``options.fault_at`` seconds in."""
    output: dict[str, str] = {}
    load = threading.Thread(
        target=lambda: output.update(
            text=_wrk(server, "fault", files, options, options.fault_seconds)
        )
    )
    started = time.monotonic()
    load.start()
    time.sleep(options.fault_at)
    stop_issued = time.monotonic()
    stack.replica.stop()
    stopped = time.monotonic()
    load.join()
    ended = time.monotonic()
    text = output["text"]
    line = next(x for x in text.splitlines() if x.startswith("BENCH_TIMELINE "))
    counts = json.loads(line.removeprefix("BENCH_TIMELINE "))
    bound_end = stopped + options.max_lag
    edges = (
        ("before the stop", started, stop_issued),
        ("stop to bound", stop_issued, bound_end),
        ("past the bound", bound_end, ended),
    )
    phases = []
    for name, start, end in edges:
        mine = {key: n for key, n in counts.items() if start <= int(key.split(":")[0]) / 10 < end}
        by_class = {c: sum(n for k, n in mine.items() if k.endswith(c)) for c in ("2xx", "5xx")}
        answers = sum(mine.values())
        phases.append(
            Phase(
                name,
                end - start,
                answers,
                by_class["2xx"],
                by_class["5xx"],
                answers - by_class["2xx"] - by_class["5xx"],
            )
        )
    return Fault(
        options.fault_scenario,
        stop_issued - started,
        stopped - stop_issued,
        options.max_lag,
        phases,
        WrkResult.parse(text),
        sampler.worst(started, stop_issued)[0],
    )


def run(source_url: str, files: dict[str, Path], options: Options, log_dir: Path) -> dict:
    """Copy, replicate, serve, measure side by side, then the fault run; the results."""
    with topology.topology(source_url) as stack:
        counted = stack.statements_count_enable()
        (dossiers,) = stack.primary.execute("SELECT count(*) FROM onestop_dossier")[0]
        if not dossiers:
            raise RuntimeError("the source has no dossiers to look up")
        servers = servers_make(stack, options, log_dir)
        sampler = LagSampler(stack)
        try:
            for server in servers.values():
                server.start()
            for server in servers.values():
                server.wait_ready()
            sampler.start()
            rows = measure(stack, servers, files, options, sampler, counted)
            top = {
                name: stack.statements_top(cluster) if counted else []
                for name, cluster in (("primary", stack.primary), ("replica", stack.replica))
            }
            fault = fault_run(stack, servers["replica"], files, options, sampler)
        finally:
            sampler.halt.set()
            for server in servers.values():
                server.__exit__(None, None, None)
        settings = {
            name: stack.primary.execute(f"SHOW {name}")[0][0]
            for name in ("server_version", "shared_buffers", "fsync", "max_connections")
        }
    return {
        "dossiers": dossiers,
        "clusters": settings,
        "statements_top": top,
        "rows": rows,
        "fault": fault,
    }


def _row_print(row: Measured, prefix: str = "") -> None:
    r = row.result
    primary, replica = (
        row.per_request(row.primary_statements),
        row.per_request(row.replica_statements),
    )
    lag = "—" if row.replay_lag_max is None else f"{row.replay_lag_max * 1000:.1f} ms"
    print(
        f"  {prefix} {row.scenario:10} {row.server:8} {r.rps:8.1f} req/s  p50 {r.p50:7.1f}  "
        f"p95 {r.p95:7.1f}  p99 {r.p99:7.1f} ms  errors {r.errors + r.non_2xx_3xx}  "
        f"statements/request primary {_num(primary)} replica {_num(replica)}  "
        f"replay lag max {lag}",
        flush=True,
    )


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _median(rows: list[Measured], scenario: str, server: str, attr: str) -> float:
    import statistics

    return statistics.median(
        getattr(r.result, attr) for r in rows if r.scenario == scenario and r.server == server
    )


def table_print(results: dict) -> None:
    rows: list[Measured] = results["rows"]
    print("\nSide by side (medians): replica-routed ÷ primary-only")
    for scenario in dict.fromkeys(r.scenario for r in rows):
        rps = [_median(rows, scenario, s, "rps") for s in SERVERS]
        p95 = [_median(rows, scenario, s, "p95") for s in SERVERS]
        print(
            f"  {scenario:10} req/s {rps[0]:8.1f} → {rps[1]:8.1f} ({rps[1] / rps[0]:.2f} ×)  "
            f"p95 {p95[0]:7.1f} → {p95[1]:7.1f} ms ({p95[1] / p95[0]:.2f} ×)"
        )
    for name, top in results.get("statements_top", {}).items():
        print(f"\nStatements run most often on the {name} (calls, text):")
        for calls, text in top[:8]:
            print(f"  {calls:9} {text[:110]}")
    fault: Fault = results["fault"]
    print(
        f"\nFault: {fault.scenario} on the replica-routed server, replica stopped "
        f"{fault.stopped_after:.1f} s in (pg_ctl took {fault.stop_seconds:.1f} s), bound "
        f"{fault.bound:g} s; socket errors {fault.result.errors}"
    )
    for p in fault.phases:
        print(
            f"  {p.name:16} {p.seconds:5.1f} s  answers {p.answers:7}  2xx {p.ok:7}  "
            f"5xx {p.server_errors}  other {p.other}  ({p.answers / max(p.seconds, 0.001):.0f}/s)"
        )


def results_save(results: dict, meta: dict) -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = ROOT / "var" / "bench" / f"topology-{stamp}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {**meta, **{k: v for k, v in results.items() if k not in ("rows", "fault")}}
    data["rows"] = [asdict(r) for r in results["rows"]]
    data["fault"] = asdict(results["fault"])
    path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    return path


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.topology_run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--source-url", required=True, help="an egov database to copy")
    defaults = Options()
    for name, kind in (
        *((n, float) for n in ("duration", "warmup", "max_lag", "fault_seconds", "fault_at")),
        *((n, int) for n in ("repeats", "connections", "wrk_threads")),
    ):
        flag = f"--{name.replace('_', '-')}"
        parser.add_argument(flag, type=kind, default=getattr(defaults, name))
    parser.add_argument("--workers", type=int, default=worker_count(), help="per server")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    from bench.run.wrk import INSTALL_HINT, wrk_path

    args = _arguments(argv)
    if wrk_path() is None:
        print(INSTALL_HINT, file=sys.stderr)
        return 2
    if topology.server_bin() is None:
        print("the PostgreSQL server tools (initdb, pg_basebackup) are absent", file=sys.stderr)
        return 2
    os.environ.pop("DATABASE_REPLICA_URL", None)  # the primary-only server must have none
    os.environ["DATABASE_URL"] = args.source_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.benchsite.settings")
    import django

    django.setup()
    from bench.run.harness import deploy_steps
    from bench.run.report import machine_info

    options = Options(**{k: v for k, v in vars(args).items() if k != "source_url"})
    deploy_steps()
    meta = {"meta": machine_info(), "options": asdict(options)}
    meta["meta"]["command"] = "python -m bench.topology_run " + " ".join(argv or sys.argv[1:])
    files = files_prepare(WORK)
    results = run(args.source_url, files, options, WORK)
    table_print(results)
    print(f"\nResults: {results_save(results, meta)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
