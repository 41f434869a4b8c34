"""More than one machine, on one machine (issue 24 §2): a PostgreSQL primary and a streaming
replica made with ``pg_basebackup -R``, each its own cluster on its own port, and app servers
(gunicorn) reading the public pages from the replica through ``egov.common.replica``.

Both clusters are throw-away ones made here (``initdb``), not the machine's PostgreSQL: a base
backup copies a whole cluster, and the shared one holds every benchmark database (gigabytes),
while a fresh one is a few tens of megabytes and needs no change to the machine's
``pg_hba.conf`` (``initdb -A trust`` allows replication connections from 127.0.0.1). The
PostgreSQL server refuses to run as root, so as root the clusters run as the ``postgres`` OS
user (``runuser``). The app's schema comes from a dump of an existing egov database.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SERVER_TOOLS = ("initdb", "pg_ctl", "pg_basebackup", "postgres")
DATABASE = "egov"


def server_bin() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` holding the server tools, or None."""
    for directory in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if all((directory / tool).exists() for tool in SERVER_TOOLS):
            return directory
    return None


def free_port() -> int:
    """A free TCP port from 5433 + a random offset (the machine's own cluster has 5432)."""
    for _ in range(200):
        port = 5433 + random.randrange(3000)
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


def has_statement_counts(bin_dir: Path) -> bool:
    """Whether the ``pg_stat_statements`` extension is installed beside these server tools."""
    share = Path("/usr/share/postgresql") / bin_dir.parent.name / "extension"
    return (share / "pg_stat_statements.control").exists()


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class Cluster:
    """One PostgreSQL cluster in ``data`` listening on 127.0.0.1:``port``."""

    bin: Path
    data: Path
    port: int

    def _run(self, *command: str) -> None:
        subprocess.run(  # noqa: S603 - the PostgreSQL tools with our own arguments
            _as_server_user([str(self.bin / command[0]), *command[1:]]),
            check=True,
            capture_output=True,
            timeout=180,
        )

    def url(self, database: str = DATABASE) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _configure(self, path: Path, lines: list[str]) -> None:
        with path.open("a") as handle:
            handle.write("\n" + "\n".join(lines) + "\n")

    def init_primary(self) -> None:
        """A new cluster: small, quick, unsafe on power loss (fsync off), for this run only."""
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self._configure(self.data / "postgresql.conf", self._settings())

    def init_replica_of(self, primary: Cluster) -> None:
        """A base backup of ``primary`` streaming from it (``-R``: standby.signal and the
        primary's connection written into postgresql.auto.conf)."""
        self._run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(primary.port),
            "-U",
            "postgres",
            "-D",
            str(self.data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync",
        )
        self._configure(self.data / "postgresql.auto.conf", [f"port = {self.port}"])

    def _settings(self) -> list[str]:
        statements = []
        if has_statement_counts(self.bin):
            # exact statement counts per cluster, read at once (bench.topology_run)
            statements = ["shared_preload_libraries = 'pg_stat_statements'"]
        return [
            *statements,
            f"port = {self.port}",
            "listen_addresses = '127.0.0.1'",
            f"unix_socket_directories = '{self.data.parent}'",
            "fsync = off",
            "shared_buffers = 32MB",
            "max_connections = 40",
            "wal_level = replica",
            "hot_standby = on",
        ]

    def start(self) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.data.parent / f"{self.port}.log"),
            "-w",
            "-t",
            "120",
            "start",
        )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "120", "stop")

    def execute(self, sql: str, params: tuple = (), database: str = DATABASE) -> list[tuple]:
        url = self.url(database)
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
            cursor = connection.execute(sql, params)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []


@dataclass
class Topology:
    primary: Cluster
    replica: Cluster
    directory: Path

    def replay_pause(self) -> None:
        self.replica.execute("SELECT pg_wal_replay_pause()")

    def replay_resume(self) -> None:
        self.replica.execute("SELECT pg_wal_replay_resume()")

    def statements_count_enable(self) -> bool:
        """Count the statements each cluster runs (``pg_stat_statements``, created on the
        primary, replayed on the replica); False when the extension is not installed."""
        if not has_statement_counts(self.primary.bin):
            return False
        create = "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
        self.primary.execute(create, database="postgres")
        self.wait_replayed()
        return True

    def statements(self, cluster: Cluster) -> int:
        """Statements run so far on ``cluster`` in the app's database (exact, not sampled;
        read from the ``postgres`` database, so the reading itself is not counted)."""
        sql = (
            "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements"
            " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = %s)"
        )
        return cluster.execute(sql, (DATABASE,), database="postgres")[0][0]

    def statements_top(self, cluster: Cluster, limit: int = 12) -> list[tuple[int, str]]:
        """The statements ``cluster`` ran most often in the app's database: (calls, text)."""
        sql = (
            "SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)"
            " FROM pg_stat_statements"
            " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = %s)"
            " ORDER BY calls DESC LIMIT %s"
        )
        return [tuple(row) for row in cluster.execute(sql, (DATABASE, limit), database="postgres")]

    def replication_sample(self) -> tuple[float | None, int | None]:
        """The replica's replay lag as the primary reports it (``pg_stat_replication``: seconds,
        None while nothing waits to be replayed) and the WAL bytes not yet replayed."""
        rows = self.primary.execute(
            "SELECT EXTRACT(EPOCH FROM replay_lag)::float,"
            " pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::bigint FROM pg_stat_replication",
            database="postgres",
        )
        return rows[0] if rows else (None, None)

    def wait_replayed(self, limit: float = 30.0) -> float:
        """Wait until the replica has replayed all the primary has flushed; the seconds taken."""
        (flushed,) = self.primary.execute("SELECT pg_current_wal_flush_lsn()::text")[0]
        started = time.monotonic()
        while time.monotonic() - started < limit:
            sql = "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn"
            if self.replica.execute(sql, (flushed,))[0][0]:
                return time.monotonic() - started
            time.sleep(0.05)
        raise RuntimeError(f"the replica did not catch up within {limit} s")


def _load(source_url: str, primary: Cluster, bin_dir: Path) -> None:
    """Copy an egov database, schema and rows, into the primary's ``egov`` database: ``pg_dump``
    piped into ``psql`` (a benchmark database is gigabytes: not held in memory)."""
    primary.execute(f"CREATE DATABASE {DATABASE}", database="postgres")
    dump = subprocess.Popen(  # noqa: S603 - the PostgreSQL tools with our own arguments
        [str(bin_dir / "pg_dump"), "--no-owner", "--no-privileges", "-d", source_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    load = subprocess.Popen(  # noqa: S603
        [str(bin_dir / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", primary.url()],
        stdin=dump.stdout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert dump.stdout is not None
    dump.stdout.close()  # psql holds the pipe: pg_dump stops if psql fails
    _, load_error = load.communicate()
    _, dump_error = dump.communicate()
    if dump.returncode != 0 or load.returncode != 0:
        raise RuntimeError(f"copying the source failed: {dump_error!r} {load_error!r}")


@contextlib.contextmanager
def topology(source_url: str) -> Iterator[Topology]:
    """A primary holding a copy of ``source_url`` and a streaming replica of it; both stopped
    and removed at the end."""
    bin_dir = server_bin()
    if bin_dir is None:
        raise RuntimeError("the PostgreSQL server tools are not installed")
    directory = Path(tempfile.mkdtemp(prefix="egov-topology-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    primary = Cluster(bin_dir, directory / "primary", free_port())
    replica = Cluster(bin_dir, directory / "replica", 0)
    try:
        primary.init_primary()
        primary.start()
        replica.port = free_port()  # chosen once the primary holds its own
        _load(source_url, primary, bin_dir)
        replica.init_replica_of(primary)
        replica.start()
        yield Topology(primary, replica, directory)
    finally:
        for cluster in (replica, primary):
            with contextlib.suppress(subprocess.SubprocessError):
                cluster.stop()
        shutil.rmtree(directory, ignore_errors=True)


def db_worker_start(*, env: dict[str, str], worker_id: str, log: Path) -> subprocess.Popen:
    """``egov db_worker`` as its own process, polling the queue every 0.1 s until SIGTERM."""
    handle = log.open("w")
    return subprocess.Popen(  # noqa: S603 - our own command line
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
            "--worker-id",
            worker_id,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=handle,
        stderr=subprocess.STDOUT,
    )
