"""The command progress helper: a bar on a terminal, plain lines in a pipe, nothing when quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
import textwrap

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
        cwd=os.getcwd(),
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
        cwd=os.getcwd(),
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


def test_lines_are_throttled_by_interval() -> None:
    stream = io.StringIO()

    with command_progress("load", stream=stream, interval=3600) as progress:
        for _ in counted(range(1000), progress, WRITE):
            pass

    assert stream.getvalue().splitlines()[0].startswith("load: write 0/1,000 (0%)")
    assert stream.getvalue().splitlines()[1].startswith("load: write 1,000/1,000 (100%)")
    assert len(stream.getvalue().splitlines()) == 2
