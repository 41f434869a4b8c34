"""Starting and stopping the app under gunicorn on loopback, with the benchmark settings."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# gunicorn imports the whole project before it answers: slow on a busy machine.
START_SECONDS = 180


def worker_count(cores: int | None = None) -> int:
    """Gunicorn's rule of thumb for sync workers: 2 × cores + 1."""
    return 2 * (cores or os.cpu_count() or 1) + 1


class Server:
    """``gunicorn config.wsgi`` with ``bench.benchsite.settings``; a context manager."""

    def __init__(
        self,
        *,
        database_url: str,
        port: int,
        workers: int,
        worker_class: str,
        threads: int,
        log: Path,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.port, self.log = port, log
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.command = [
            str(gunicorn),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--pythonpath",
            str(ROOT),
            "--chdir",
            str(ROOT),
            "--log-level",
            "warning",
            "--timeout",
            "120",
            "--backlog",
            "2048",
        ]
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "bench.benchsite.settings",
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        self.start()
        return self.wait_ready()

    def start(self) -> None:
        """Start gunicorn without waiting for it (several servers start side by side)."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        handle = self.log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            self.command,
            env=self.env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self) -> Server:
        """Wait until it answers."""
        assert self.process is not None
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/bench/hello/", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"gunicorn did not answer within {START_SECONDS} s; see {self.log}")

    def wait_idle(self, workers: int, limit: float = 180.0) -> float:
        """Wait until requests still queued from the last load are done: ``workers`` parallel
        hello requests all answered within half a second. Returns the seconds waited."""
        from concurrent.futures import ThreadPoolExecutor

        def hello() -> float:
            started = time.monotonic()
            with urllib.request.urlopen(f"{self.url}/bench/hello/", timeout=limit) as answer:  # noqa: S310
                answer.read()
            return time.monotonic() - started

        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            while time.monotonic() - started < limit:
                if max(pool.map(lambda _: hello(), range(workers))) < 0.5:
                    break
        return time.monotonic() - started

    def __exit__(self, *exc: object) -> None:
        if self.process is None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
