"""Progress of long work, one helper for every operator command (issue 25).

A service that can run for minutes takes an optional ``progress`` callback and calls it as it
goes: ``progress(phase, done, total)``: the phase (``READ``, ``CHECK``, ``WRITE`` or a word of
its own), how many items of that phase are done, and how many there are (``None`` when
unknown). The callback must be cheap to call on every row; the consumers throttle.

Two consumers exist:

- ``command_progress`` (here) for management commands and scripts: a ``rich`` progress bar
  with counts, rate and time left on a terminal; plain periodic lines when the output is a
  pipe or a log file (CI, cron); nothing with ``--quiet``.
- ``egov.jobs.services.job_progress`` for web jobs: the counts land on the job's row, which
  the job page polls.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import IO, Any, Protocol, TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

READ = "read"
CHECK = "check"
WRITE = "write"

T = TypeVar("T")


class ProgressCallback(Protocol):
    def __call__(self, phase: str, done: int, total: int | None = None) -> None: ...


def progress_none(phase: str, done: int, total: int | None = None) -> None:
    """The callback of a caller that does not watch."""


def counted(
    items: Iterable[T],
    progress: ProgressCallback | None,
    phase: str,
    total: int | None = None,
    *,
    every: int = 1,
) -> Iterator[T]:
    """Yield ``items`` and report every ``every``-th one (and the last) under ``phase``."""
    if progress is None:
        yield from items
        return
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    done = 0
    progress(phase, 0, total)
    for item in items:
        yield item
        done += 1
        if done % every == 0:
            progress(phase, done, total)
    if done % every:
        progress(phase, done, total)


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class _Lines:
    """Plain progress lines for a log, at most one every ``interval`` seconds: a run shorter
    than ``interval`` writes nothing; a longer one also writes the line of each phase's end."""

    def __init__(self, label: str, stream: IO[str], interval: float) -> None:
        self.label, self.stream, self.interval = label, stream, interval
        self.phase = ""
        self.started = self.last = time.monotonic()
        self.last_done = -1
        self.has_spoken = False

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        now = time.monotonic()
        if phase != self.phase:
            self.phase, self.started, self.last_done = phase, now, -1
        finished = self.has_spoken and total is not None and done >= total
        if done == self.last_done or not (finished or now - self.last >= self.interval):
            return
        self.last, self.last_done, self.has_spoken = now, done, True
        self.stream.write(self._line(done, total, now - self.started) + "\n")
        self.stream.flush()

    def _line(self, done: int, total: int | None, elapsed: float) -> str:
        rate = done / elapsed if elapsed > 0 else 0.0
        parts = [f"{self.label}: {self.phase} {done:,}"]
        if total:
            parts[0] += f"/{total:,} ({100 * done // total}%)"
        if done and elapsed > 0:
            parts.append(f"{rate:,.0f}/s")
        if total and rate > 0 and done < total:
            parts.append(f"{_duration((total - done) / rate)} left")
        parts.append(f"{_duration(elapsed)} elapsed")
        return ", ".join(parts)


class _Rate(ProgressColumn):
    """Items per second."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed:,.0f}/s" if task.speed else "", style="progress.data.speed")


class _Bar:
    """A ``rich`` bar per phase: description, bar, done/total, rate, elapsed, time left."""

    def __init__(self, label: str, stream: IO[str]) -> None:
        self.label = label
        self.bars = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rate(),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=Console(file=stream),
        )
        self.tasks: dict[str, Any] = {}

    def __call__(self, phase: str, done: int, total: int | None = None) -> None:
        task = self.tasks.get(phase)
        if task is None:
            task = self.tasks[phase] = self.bars.add_task(f"{self.label}: {phase}", total=total)
        self.bars.update(task, completed=done, total=total)


@contextmanager
def command_progress(
    label: str,
    *,
    quiet: bool = False,
    stream: IO[str] | None = None,
    interval: float = 5.0,
    allow_bar: bool = True,
) -> Iterator[ProgressCallback]:
    """Show the progress of ``label`` on ``stream`` (default: standard error, so a command's
    own output stays clean): a bar on a terminal (unless not ``allow_bar``), a line every
    ``interval`` seconds otherwise, nothing when ``quiet``. Yields the callback to hand to the
    service."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        yield progress_none
        return
    if allow_bar and stream.isatty():
        bar = _Bar(label, stream)
        with bar.bars:
            yield bar
        return
    yield _Lines(label, stream, interval)


def add_quiet_argument(parser: Any) -> None:
    """The ``--quiet`` option of every command that shows progress."""
    parser.add_argument("--quiet", action="store_true", help="Do not show progress.")


def is_quiet(options: dict[str, Any]) -> bool:
    """``--quiet`` or ``--verbosity 0``."""
    return bool(options.get("quiet")) or options.get("verbosity", 1) == 0


def progress_for_command(
    command: Any, options: dict[str, Any], label: str
) -> AbstractContextManager[ProgressCallback]:
    """``command_progress`` for a Django management command, on its standard error (the
    stream under its ``OutputWrapper``, which would end each of the bar's redraws with a new
    line)."""
    return command_progress(label, quiet=is_quiet(options), stream=command.stderr._out)


__all__ = [
    "CHECK",
    "READ",
    "WRITE",
    "ProgressCallback",
    "add_quiet_argument",
    "command_progress",
    "counted",
    "is_quiet",
    "progress_for_command",
    "progress_none",
]
