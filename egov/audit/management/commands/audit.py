"""`egov audit verify`: recompute every entry's hash and seal, compare the chain with the
exported checkpoints and name the first entry affected.
`egov audit checkpoint [--enqueue]`: seal what is pending and export the chain head to the
checkpoint file (cron). `egov audit seal`: seal the entries committed and not yet sealed into
the chain (the sweep; ADR 0030)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from egov.audit.checkpoints import CheckpointFileError, checkpoint_file
from egov.audit.keys import DEV_KEY_ID
from egov.audit.selectors import audit_chain_verify
from egov.audit.services import CheckpointRefused, audit_seal_pending
from egov.audit.tasks import audit_checkpoint_run


class Command(BaseCommand):
    help = (
        "Audit trail tools. `verify` checks the hash chain, the seals and the exported "
        "checkpoints; `checkpoint` seals what is pending and exports the chain head (run it "
        "from cron, or with --enqueue hand it to the job workers); `seal` seals the entries "
        "waiting to be chained."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "checkpoint", "seal"])
        parser.add_argument(
            "--enqueue", action="store_true", help="checkpoint: enqueue the job instead."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            self._checkpoint(enqueue=options["enqueue"])
        elif options["action"] == "seal":
            sealed = audit_seal_pending()
            self.stdout.write(f"Sealed {sealed} audit entries into the chain.")
        else:
            self._verify()

    def _checkpoint(self, *, enqueue: bool) -> None:
        if enqueue:
            result = audit_checkpoint_run.enqueue()
            self.stdout.write(f"Enqueued audit checkpoint ({result.id}).")
            return
        try:
            recorded = audit_checkpoint_run.call()
        except (CheckpointRefused, CheckpointFileError) as exc:
            raise CommandError(f"Checkpoint refused: {exc}. Run `egov audit verify`.") from exc
        self.stdout.write(
            f"Checkpoint of entry #{recorded['sequence']} appended to {checkpoint_file()}."
        )

    def _verify(self) -> None:
        report = audit_chain_verify()
        if not report.is_intact:
            if report.first_bad_id is not None:
                raise CommandError(
                    f"Audit entry id {report.first_bad_id} ({report.problem}): {report.detail}; "
                    f"{report.checked} sealed entries verified."
                )
            if report.first_bad_sequence is None:
                raise CommandError(f"Audit checkpoints cannot be trusted: {report.detail}.")
            raise CommandError(
                f"Audit chain broken at entry #{report.first_bad_sequence} ({report.problem}): "
                f"{report.detail}; {report.checked} entries before it verified."
            )
        oldest = report.oldest_pending_at
        keys = ", ".join(f"{key_id}: {count}" for key_id, count in sorted(report.by_key.items()))
        self.stdout.write(
            f"Audit chain intact: {report.checked} entries verified"
            f"{f' (by key {keys})' if keys else ''}, "
            f"{report.checkpoints} checkpoints compared, {report.pending} waiting to be sealed"
            f"{f' (oldest written {report.oldest_pending_at:%Y-%m-%d %H:%M})' if oldest else ''}."
        )
        if not report.checkpoints:
            self.stderr.write(
                "No checkpoint exported yet: a deleted tail cannot be detected. "
                "Schedule `egov audit checkpoint`."
            )
        if DEV_KEY_ID in report.by_key and len(report.by_key) > 1:
            self.stderr.write(
                f"{report.by_key[DEV_KEY_ID]} entries are sealed with the development key."
            )
