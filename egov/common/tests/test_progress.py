"""The command progress helper: a bar on a terminal, plain lines in a pipe, nothing when quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class

from egov.common.progress import WRITE, command_progress, counted

SCRIPT = textwrap.dedent(
    """
    import sys
    from egov.common.progress import command_progress, counted
    quiet = "--quiet" in sys.argv
    with command_progress("demo", quiet=quiet, interval=0) as progress:
        for _ in counted(range(40), progress, "write", every=10):
            pass
    print("demo: wrote 40 rows.")
    """
)


def _run_in_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path.cwd(),
        env={**os.environ, "TERM": "dumb", "COLUMNS": "120"},
    )


def test_in_a_pipe_it_writes_plain_lines_with_counts_on_stderr() -> None:
    result = _run_in_pipe()

    lines = result.stderr.splitlines()
    assert lines[0].startswith("demo: write 0/40 (0%)")
    assert lines[-1].startswith("demo: write 40/40 (100%), ")
    assert "/s" in lines[-1]
    assert [line.split(",")[0] for line in lines] == [
        "demo: write 0/40 (0%)",
        "demo: write 10/40 (25%)",
        "demo: write 20/40 (50%)",
        "demo: write 30/40 (75%)",
        "demo: write 40/40 (100%)",
    ]
    assert "\x1b[" not in result.stderr
    assert result.stdout == "demo: wrote 40 rows.\n"


def test_quiet_shows_nothing() -> None:
    result = _run_in_pipe("--quiet")

    assert result.stderr == ""
    assert result.stdout == "demo: wrote 40 rows.\n"


def test_in_a_terminal_it_draws_a_bar_with_counts_and_time() -> None:
    leader, follower = pty.openpty()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", SCRIPT],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=Path.cwd(),
        env={**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"},
    )
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the child exits
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=30) == 0
    text = output.decode()

    assert "\x1b[" in text  # drawn with terminal control codes
    assert "━" in text  # the bar
    assert "demo: write" in text
    assert "40/40" in text
    assert "0:00:00" in text  # elapsed and time left
    assert "demo: wrote 40 rows." in text


def test_a_run_shorter_than_the_interval_writes_no_line() -> None:
    stream = io.StringIO()

    with command_progress("load", stream=stream, interval=3600) as progress:
        for _ in counted(range(1000), progress, WRITE):
            pass

    assert stream.getvalue() == ""


def test_lines_come_at_most_once_per_interval_and_at_the_end(monkeypatch) -> None:
    clock = iter([0.0, 0.0, 1.0, 6.0, 7.0, 12.5, 13.0])
    monkeypatch.setattr("egov.common.progress.time.monotonic", lambda: next(clock))
    stream = io.StringIO()

    with command_progress("load", stream=stream, interval=5) as progress:
        for done in (0, 100, 200, 300, 400, 500):
            progress(WRITE, done, 500)

    assert stream.getvalue().splitlines() == [
        "load: write 200/500 (40%), 33/s, 9s left, 6s elapsed",
        "load: write 400/500 (80%), 32/s, 3s left, 12s elapsed",
        "load: write 500/500 (100%), 38/s, 13s elapsed",
    ]


SLOW_COMMANDS = [
    "import_dossiers",
    "load_orgs",
    "scoreboard_rebuild",
    "scoreboard_settle",
    "figures_refresh",
    "import_processes",
    "load_procedures",
]


@pytest.mark.parametrize("name", SLOW_COMMANDS)
def test_every_slow_command_takes_quiet(name: str) -> None:
    app = get_commands()[name]
    parser = load_command_class(app, name).create_parser("egov", name)

    assert "--quiet" in parser.format_help()


@pytest.mark.django_db
def test_a_command_in_a_pipe_writes_its_summary_and_no_bar() -> None:
    out, err = io.StringIO(), io.StringIO()

    call_command("scoreboard_rebuild", stdout=out, stderr=err)

    assert out.getvalue() == "Scoreboard rebuilt: 0 tallies, 0 rows.\n"
    assert err.getvalue() == ""
