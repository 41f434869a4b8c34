"""Checkpoints of the audit chain head, exported outside the database.

One JSON object a line in ``<EGOV_AUDIT_CHECKPOINT_DIR>/audit-checkpoints.jsonl``: the sequence
and hash of the last entry, the time, the key id and an HMAC over them. The file is only ever
opened for appending (``O_APPEND``, an exclusive ``flock`` around the write, ``fsync``); in
production the directory is on another volume than the database, writable by the job worker
and readable by whoever runs ``egov audit verify``.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from egov.audit.rules import checkpoint_payload

FILE_NAME = "audit-checkpoints.jsonl"


@dataclass(frozen=True)
class Checkpoint:
    """One exported line: ``line`` is its number in the file (from 1)."""

    line: int
    sequence: int
    hash: str
    at: datetime
    key_id: str
    mac: str

    def payload(self) -> dict[str, Any]:
        return checkpoint_payload(
            sequence=self.sequence, digest=self.hash, at=self.at, key_id=self.key_id
        )


class CheckpointFileError(ValueError):
    """A line of the checkpoint file that is not a checkpoint."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"checkpoint file line {line}: {reason}")
        self.line = line


def checkpoint_file() -> Path:
    return Path(settings.EGOV_AUDIT_CHECKPOINT_DIR) / FILE_NAME


def checkpoint_append(record: dict[str, Any]) -> Path:
    """Append one checkpoint line; never rewrites what is there."""
    path = checkpoint_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)  # closing releases the lock
    return path


def checkpoints_read() -> list[Checkpoint]:
    """Every checkpoint exported so far, in file order (none when the file does not exist).

    Raises :class:`CheckpointFileError` for a line that does not parse.
    """
    path = checkpoint_file()
    if not path.exists():
        return []
    result = []
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                result.append(
                    Checkpoint(
                        line=number,
                        sequence=int(data["sequence"]),
                        hash=str(data["hash"]),
                        at=datetime.fromisoformat(data["at"]),
                        key_id=str(data["key_id"]),
                        mac=str(data["mac"]),
                    )
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise CheckpointFileError(number, f"not a checkpoint ({exc})") from exc
    return result
