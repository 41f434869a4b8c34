"""Crash of the database: ``python -m bench.crash [--clients N] [--seconds S] [--kills K]``.

Starts a scratch PostgreSQL cluster of its own (``initdb``/``pg_ctl`` from
``/usr/lib/postgresql/*/bin``, in a temporary directory, on another port, as the ``postgres``
user when run as root), migrates the app onto it and seeds a small world (a district with its
one-stop desk and a division, an online procedure, citizens, the officers who draft, approve
and sign). Then client processes stream work through the app's own services, the code the
views call, each in its own transactions:

- *submitters* each loop: save a draft with its form and a PDF, then submit it online with an
  idempotency key (the dossier gets its code from the desk's locked daily counter);
- *issuers* each loop: draft an outgoing document, send it for review, approve it, then sign
  and issue it (it gets the next number of the unit's locked register; the signed PDF is a
  fixed sample, signing is not what is tested).

A client writes an acknowledgement (fsync'd) only when a service call returned. When the
database goes away mid-call the client does what a browser's retry does: it reconnects and
calls again with the same key (a submission) or looks at the document again and signs it if it
is still approved (an issue), so work committed just before the crash is found rather than
done twice. During the run the postmaster is killed with ``kill -9`` ``--kills`` times (its
backends with it, as a power cut would), and restarted (crash recovery from the WAL).

At the end the rows are compared with the acknowledgements: acknowledged but missing, the
same key twice, dossier codes of each desk and day 1..n without gap or repeat and equal to the
counter, document numbers of each register 1..n without gap or repeat and equal to the
register, and ``egov audit verify``. Exit status 0 only if all hold. Figures: docs/security.md.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATABASE = "egov_crash"
PASSWORD = "Crash@2026-egov-bench"  # noqa: S105 - scratch cluster, deleted after the run
AGENCY = "000.00.00.H26"


# -- the scratch cluster ----------------------------------------------------------------------
def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not found:
        sys.exit("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin")
    return found[-1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Cluster:
    """A throw-away cluster; as root, its files belong to ``postgres`` and it runs as that user."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.dir = Path(tempfile.mkdtemp(prefix="egov-crash-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    def init(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")

    def start(self, tries: int = 5) -> None:
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=on"
        for attempt in range(tries):
            try:
                self._run(
                    "pg_ctl",
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.log),
                    "-o",
                    options,
                    "-w",
                    "start",
                )
                return
            except subprocess.CalledProcessError:
                if attempt == tries - 1:
                    print((self.log.read_text())[-2000:], file=sys.stderr)
                    raise
                time.sleep(1)

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def crash(self) -> int:
        """``kill -9`` the postmaster, then its backends and helpers (as a power cut would:
        nothing is flushed that was not already). Returns the pid killed."""
        pid = self.postmaster_pid()
        os.kill(pid, signal.SIGSTOP)  # no new backend forks between the listing and the kill
        children = _children(pid)
        os.kill(pid, signal.SIGKILL)
        for child in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        for _ in range(100):
            if not any(_alive(p) for p in [pid, *children]):
                break
            time.sleep(0.05)
        return pid

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# -- inside Django (subprocesses) ------------------------------------------------------------
def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.crash_settings")
    import django

    django.setup()


def _seed(out: Path, clients: int) -> None:
    """Migrate and build the world the clients work in; its ids go to ``out``."""
    _django()
    import datetime

    from django.core.management import call_command

    from egov.accounts.services import officer_account_create, public_account_register
    from egov.onestop.tests.online_helpers import online_procedure
    from egov.orgs.models import OrgUnit
    from egov.orgs.services import membership_grant, orgunit_create

    call_command("migrate", interactive=False, verbosity=0)

    def unit(name: str, kind: str, parent: OrgUnit | None = None, **kw: object) -> OrgUnit:
        return orgunit_create(actor=None, name=name, kind=kind, parent=parent, **kw)

    city = unit("Thành phố Hà Nội", "province", admin_code="01", admin_code_scheme="bench")
    OrgUnit.objects.filter(pk=city.pk).update(agency_code=AGENCY)
    district = unit("Quận Ba Đình", "district", city, admin_code="001", admin_code_scheme="bench")
    OrgUnit.objects.filter(pk=district.pk).update(short_name="UBND")
    division = unit("Phòng Văn hóa và Thông tin", "division", district, short_name="VHTT")
    unit("Bộ phận một cửa quận Ba Đình", "one_stop_desk", district)

    def officer(email: str, where: OrgUnit, role: str, subtree: bool = False) -> int:
        user = officer_account_create(
            actor=None, full_name=email.split("@")[0].title(), email=email, password=PASSWORD
        )
        membership_grant(
            actor=None,
            user=user,
            unit=where,
            role=role,
            includes_subtree=subtree,
            started_on=datetime.date(2020, 1, 1),
        )
        return user.pk

    procedure = online_procedure(level="district")
    citizens = [
        public_account_register(
            full_name=f"Công dân {n}",
            password=PASSWORD,
            phone=f"091{n:07d}",
            citizen_id=f"0010850{n:05d}",
        ).pk
        for n in range(1, clients + 1)
    ]
    world = {
        "district": district.pk,
        "division": division.pk,
        "procedure": procedure.pk,
        "citizens": citizens,
        "drafter": officer("chuyenvien@bench.vn", division, "specialist"),
        "reviewer": officer("truongphong@bench.vn", division, "division_head"),
        "signer": officer("chutich@bench.vn", district, "unit_head", subtree=True),
    }
    out.write_text(json.dumps(world))


RETRYABLE_NAMES = ("OperationalError", "InterfaceError")


def _retry(action, deadline: float, stats: Counter):  # type: ignore[no-untyped-def]
    """Call ``action`` until it returns, reconnecting while the database is away."""
    from django.db import DatabaseError, connection

    interrupted = False
    while True:
        try:
            return action()
        except DatabaseError as error:
            if type(error).__name__ not in RETRYABLE_NAMES or time.monotonic() > deadline:
                raise
            stats["database_errors"] += 1
            if not interrupted:
                stats["calls_interrupted"] += 1
                interrupted = True
            with contextlib.suppress(Exception):
                connection.close()
            time.sleep(0.2 + random.random() * 0.3)


def _ack(handle, record: dict) -> None:  # type: ignore[no-untyped-def]
    handle.write(json.dumps(record) + "\n")
    handle.flush()
    os.fsync(handle.fileno())


def _client(kind: str, index: int, world_file: Path, acks: Path, seconds: float) -> None:
    _django()
    from egov.accounts.models import User
    from egov.common.testing import files as samples
    from egov.documents.services import issuing

    world = json.loads(world_file.read_text())
    stats: Counter = Counter()
    # The signed PDF is a fixed sample: numbering and its transaction are what is tested.
    issuing._signed_pdf = lambda document: samples.pdf()
    step = _submit_one if kind == "submit" else _issue_one
    roles = {"citizen": world["citizens"][index]} | {
        role: world[role] for role in ("drafter", "reviewer", "signer")
    }
    users = {role: User.objects.get(pk=pk) for role, pk in roles.items()}
    acks.with_suffix(".ready").touch()
    while not acks.with_suffix(".go").exists():
        time.sleep(0.05)
    stop_at = time.monotonic() + seconds
    deadline = stop_at + 120  # retries go on after the end until the database answers
    with acks.open("a") as handle:
        while time.monotonic() < stop_at:
            _ack(handle, step(world, users, deadline, stats))
        _ack(handle, {"stats": dict(stats)})


def _submit_one(world: dict, users: dict, deadline: float, stats: Counter) -> dict:
    from egov.onestop.models import Dossier, Procedure
    from egov.onestop.services.online import dossier_submit
    from egov.onestop.tests.online_helpers import draft_for
    from egov.orgs.models import OrgUnit

    citizen = users["citizen"]
    procedure = _retry(lambda: Procedure.objects.get(pk=world["procedure"]), deadline, stats)
    district = _retry(lambda: OrgUnit.objects.get(pk=world["district"]), deadline, stats)
    draft = _retry(lambda: draft_for(citizen, procedure), deadline, stats)
    key = uuid.uuid4().hex
    attempts = []

    def submit() -> Dossier:
        if attempts and Dossier.objects.filter(applicant=citizen, idempotency_key=key).exists():
            stats["submitted_before_the_crash"] += 1  # the retry must return it, not a second
        attempts.append(1)
        return dossier_submit(
            declared=True, actor=citizen, dossier=draft, idempotency_key=key, unit=district
        )

    dossier = _retry(submit, deadline, stats)
    return {"submit": key, "dossier": dossier.pk, "code": dossier.code}


def _issue_one(world: dict, users: dict, deadline: float, stats: Counter) -> dict:
    from egov.documents.exceptions import DocumentError
    from egov.documents.models import Document
    from egov.documents.services import document_sign_and_issue
    from egov.documents.tests.factories import approved
    from egov.orgs.models import OrgUnit

    division = _retry(lambda: OrgUnit.objects.get(pk=world["division"]), deadline, stats)
    document = _retry(
        lambda: approved(users["drafter"], users["reviewer"], division), deadline, stats
    )

    def issue() -> Document:
        current = Document.objects.get(pk=document.pk)
        if current.number is not None:
            stats["issued_before_the_crash"] += 1
            return current  # committed, but the answer was lost with the connection
        try:
            return document_sign_and_issue(
                actor=users["signer"], document=current, expected_version=current.version
            )
        except DocumentError:
            stats["domain_refusals"] += 1
            raise

    issued = _retry(issue, deadline, stats)
    return {"issue": issued.pk, "number": issued.number, "notation": issued.number_notation}


def _verify(world_file: Path, ack_dir: Path, out: Path) -> None:
    """Compare the acknowledgements with the rows; the figures go to ``out``."""
    _django()
    import re

    from django.db.models import Count

    from egov.documents.models import Document, NumberRegister
    from egov.onestop.models import Dossier, DossierCodeCounter

    submits, issues, stats = [], [], Counter()
    for path in sorted(ack_dir.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            record = json.loads(line)
            if "submit" in record:
                submits.append(record)
            elif "issue" in record:
                issues.append(record)
            else:
                stats.update(record["stats"])
    figures: dict[str, object] = {"acknowledged_submissions": len(submits)}
    figures["acknowledged_issues"] = len(issues)
    rows = {d.pk: d for d in Dossier.objects.filter(pk__in=[r["dossier"] for r in submits])}
    figures["submissions_missing"] = sum(
        1
        for r in submits
        if r["dossier"] not in rows
        or rows[r["dossier"]].code != r["code"]
        or rows[r["dossier"]].idempotency_key != r["submit"]
        or rows[r["dossier"]].submitted_at is None
    )
    submitted = Dossier.objects.exclude(submitted_at=None)
    figures["dossiers_submitted"] = submitted.count()
    figures["submitted_without_acknowledgement"] = submitted.exclude(
        pk__in=[r["dossier"] for r in submits]
    ).count()
    figures["duplicate_keys"] = (
        Dossier.objects.filter(idempotency_key__isnull=False)
        .values("applicant", "idempotency_key")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    figures["acknowledged_twice"] = sum(
        n - 1 for n in Counter(r["submit"] for r in submits).values() if n > 1
    )
    code_problems = 0
    for counter in DossierCodeCounter.objects.all():
        day = counter.day.strftime("%y%m%d")
        sequences = sorted(
            int(re.findall(r"(\d+)$", code)[0])
            for code in submitted.filter(code__contains=day).values_list("code", flat=True)
        )
        if sequences != list(range(1, counter.last_sequence + 1)):
            code_problems += 1
    figures["dossier_code_gaps_or_repeats"] = code_problems
    documents = {d.pk: d for d in Document.objects.filter(pk__in=[r["issue"] for r in issues])}
    figures["issues_missing"] = sum(
        1
        for r in issues
        if r["issue"] not in documents or documents[r["issue"]].number != r["number"]
    )
    numbered = Document.objects.exclude(number=None)
    figures["documents_issued"] = numbered.count()
    register_problems = 0
    for register in NumberRegister.objects.all():
        numbers = sorted(
            numbered.filter(
                unit=register.unit_id, series=register.series, year=register.year
            ).values_list("number", flat=True)
        )
        if numbers != list(range(1, register.last_number + 1)):
            register_problems += 1
    figures["number_gaps_or_repeats"] = register_problems
    figures["client_database_errors"] = stats["database_errors"]
    figures["service_calls_interrupted"] = stats["calls_interrupted"]
    figures["submissions_found_committed_on_retry"] = stats["submitted_before_the_crash"]
    figures["issues_found_committed_on_retry"] = stats["issued_before_the_crash"]
    out.write_text(json.dumps(figures))


# -- the run -----------------------------------------------------------------------------------
def _env(cluster: Cluster) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": cluster.url(),
        "DJANGO_SETTINGS_MODULE": "bench.crash_settings",
        "EGOV_DB_CONN_MAX_AGE": "0",
    }


def _child(cluster: Cluster, *args: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "bench.crash", *args]
    return subprocess.Popen(command, cwd=ROOT, env=_env(cluster))  # noqa: S603


def _wait(process: subprocess.Popen, what: str) -> None:
    if process.wait() != 0:
        raise SystemExit(f"{what} failed with status {process.returncode}")


def _all_ready(work: Path, count: int) -> None:
    """Wait until every client has started Django, then let them go at once."""
    for _ in range(6000):
        if len(list(work.glob("*.ready"))) == count:
            break
        time.sleep(0.05)
    for n in range(count):
        (work / f"acks-{n}.go").touch()


def run(args: argparse.Namespace) -> int:
    cluster = Cluster()
    work = cluster.dir / "run"
    work.mkdir()
    if cluster.as_root:
        cluster.dir.chmod(0o755)
    print(f"scratch cluster {cluster.bin.parent.name} in {cluster.dir}, port {cluster.port}")
    try:
        cluster.init()
        cluster.start()
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={cluster.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f"CREATE DATABASE {DATABASE}")
        started = time.monotonic()
        _wait(_child(cluster, "seed", str(work / "world.json"), str(args.clients)), "seed")
        print(f"migrated and seeded in {time.monotonic() - started:.0f} s")
        submitters = max(1, args.clients - args.issuers)
        clients = [
            _child(
                cluster,
                "client",
                "submit" if n < submitters else "issue",
                str(n if n < submitters else n - submitters),
                str(work / "world.json"),
                str(work / f"acks-{n}.jsonl"),
                str(args.seconds),
            )
            for n in range(args.clients)
        ]
        _all_ready(work, args.clients)
        begin = time.monotonic()
        kills = []
        for k in range(1, args.kills + 1):
            at = begin + args.seconds * k / (args.kills + 1)
            time.sleep(max(0.0, at - time.monotonic()))
            pid = cluster.crash()
            down = time.monotonic()
            time.sleep(args.down)
            cluster.start()
            kills.append({"at_s": round(down - begin, 1), "pid": pid})
            print(f"kill -9 postmaster {pid} at {down - begin:.1f} s; restarted")
        for n, client in enumerate(clients):
            _wait(client, f"client {n}")
        elapsed = time.monotonic() - begin
        _wait(_child(cluster, "verify", str(work / "world.json"), str(work)), "verify")
        figures = json.loads((work / "figures.json").read_text())
        audit = subprocess.run(
            [sys.executable, "-m", "egov.cli", "audit", "verify"],
            cwd=ROOT,
            env=_env(cluster),
            capture_output=True,
            text=True,
        )
        figures["audit_verify"] = (audit.stdout + audit.stderr).strip().splitlines()[-1:]
        figures["audit_verify_status"] = audit.returncode
        figures["kills"] = kills
        figures["seconds"] = round(elapsed, 1)
        figures["clients"] = {"submitters": submitters, "issuers": args.clients - submitters}
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False))
        bad = [
            figures["submissions_missing"],
            figures["duplicate_keys"],
            figures["acknowledged_twice"],
            figures["dossier_code_gaps_or_repeats"],
            figures["issues_missing"],
            figures["number_gaps_or_repeats"],
            audit.returncode,
            len(kills) != args.kills,
        ]
        return 0 if not any(bad) else 1
    finally:
        cluster.stop()
        if not args.keep:
            shutil.rmtree(cluster.dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "seed":
        _seed(Path(argv[1]), int(argv[2]))
        return 0
    if argv and argv[0] == "client":
        kind, index, world, acks, seconds = argv[1:6]
        _client(kind, int(index), Path(world), Path(acks), float(seconds))
        return 0
    if argv and argv[0] == "verify":
        _verify(Path(argv[1]), Path(argv[2]), Path(argv[2]) / "figures.json")
        return 0
    parser = argparse.ArgumentParser(prog="python -m bench.crash", description=__doc__)
    parser.add_argument("--clients", type=int, default=5, help="client processes (default 5)")
    parser.add_argument("--issuers", type=int, default=2, help="of which issue documents")
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the run")
    parser.add_argument("--kills", type=int, default=3, help="kill -9 of the postmaster")
    parser.add_argument("--down", type=float, default=1.0, help="seconds down after a kill")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the cluster directory")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
