"""Rules of traceability, pure (no ORM): GS1 identifiers (GTIN, GLN, lot), GS1 Digital Link
URIs, the CBV business-step vocabulary and the integrity hash of an event chain.

The mod-10 check digit is written here by hand: no GS1 library is installed (python-stdnum is
not a dependency) and the algorithm is six lines (GS1 General Specifications §7.9.1)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from urllib.parse import quote, unquote, urlsplit

from django.utils.translation import gettext_lazy as _

from egov.common.transitions import Transition, TransitionTable
from egov.traceability.choices import ApprovalStatus, BizStep, UnitOfMeasure
from egov.traceability.exceptions import TraceError

GTIN_LENGTHS = (8, 12, 13, 14)
# GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1)
LOT_PATTERN = re.compile(r"^[!\"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$")
CBV_PREFIXES = ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-")
GENESIS = "0" * 64

APPROVAL_TRANSITIONS = TransitionTable(
    Transition(
        "approve", [ApprovalStatus.PENDING, ApprovalStatus.REFUSED], ApprovalStatus.APPROVED
    ),
    Transition("refuse", [ApprovalStatus.PENDING], ApprovalStatus.REFUSED),
    label=lambda state: str(ApprovalStatus(state).label),
    message=_("This is not possible while the registration is %(status)s."),
    error=TraceError,
)


# Each UN/ECE rec 20 unit the platform takes, with its dimension and its size in the
# dimension's base unit (kg, litre, piece): quantities convert within a dimension only.
UOM_SIZES: dict[str, tuple[str, Decimal]] = {
    UnitOfMeasure.KILOGRAM: ("mass", Decimal(1)),
    UnitOfMeasure.GRAM: ("mass", Decimal("0.001")),
    UnitOfMeasure.TONNE: ("mass", Decimal(1000)),
    UnitOfMeasure.LITRE: ("volume", Decimal(1)),
    UnitOfMeasure.MILLILITRE: ("volume", Decimal("0.001")),
    UnitOfMeasure.PIECE: ("count", Decimal(1)),
}
QUANTUM = Decimal("0.001")


def uom_convert(amount: Decimal, source: str, target: str) -> Decimal | None:
    """``amount`` of ``source`` units in ``target`` units (to the thousandth the batch columns
    keep), or None when the two measure different things (kg and pieces) or are unknown."""
    if source not in UOM_SIZES or target not in UOM_SIZES:
        return None
    (dimension, size), (target_dimension, target_size) = UOM_SIZES[source], UOM_SIZES[target]
    if dimension != target_dimension:
        return None
    return (amount * size / target_size).quantize(QUANTUM)


def quantity_text(amount: Decimal) -> str:
    """The canonical text of a quantity (three decimals) in hashed content: the same before
    and after the database's decimal column read it back."""
    return format(amount.quantize(QUANTUM), "f")


def quantity_trim(amount: Decimal) -> Decimal:
    """A quantity without the zeros the three-decimal columns pad it with (``120.500`` →
    ``120.5``, ``1000.000`` → ``1000``), for showing."""
    if amount == amount.to_integral_value():
        return amount.quantize(Decimal(1))
    return amount.normalize()


def check_digit(digits: str) -> int:
    """The GS1 mod-10 check digit of ``digits`` (the body without its check digit)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def gtin_valid(gtin: str) -> bool:
    """A GTIN-8/12/13/14 with its check digit right."""
    if not gtin.isdigit() or len(gtin) not in GTIN_LENGTHS:
        return False
    return check_digit(gtin[:-1]) == int(gtin[-1])


def gtin14(gtin: str) -> str:
    """The GTIN padded to 14 digits, the form a Digital Link URI carries."""
    return gtin.zfill(14)


def gln_valid(gln: str) -> bool:
    """A 13-digit GLN with its check digit right."""
    return gln.isdigit() and len(gln) == 13 and check_digit(gln[:-1]) == int(gln[-1])


def lot_valid(lot: str) -> bool:
    """A batch/lot number of AI (10): 1–20 characters of the GS1 82-character set."""
    return bool(LOT_PATTERN.match(lot))


def digital_link(base: str, *, gtin: str, lot: str) -> str:
    """The GS1 Digital Link URI of a batch: ``{base}/01/{GTIN-14}/10/{lot}`` with the lot
    percent-encoded (GS1 Digital Link URI Syntax 1.2)."""
    return f"{base.rstrip('/')}/01/{gtin14(gtin)}/10/{quote(lot, safe='')}"


def digital_link_parse(uri: str) -> tuple[str, str] | None:
    """(GTIN-14, lot) of a Digital Link URI (any domain, any path before ``/01/``), or None."""
    path = urlsplit(uri).path
    match = re.search(r"/01/(\d{8,14})/10/([^/?#]+)$", path)
    if match is None:
        return None
    return gtin14(match.group(1)), unquote(match.group(2))


def biz_step_of(value: str) -> str | None:
    """The bare CBV business step of ``value`` (bare, URN or GS1 Web URI), if the platform
    records it."""
    for prefix in CBV_PREFIXES:
        if value.startswith(prefix):
            value = value[len(prefix) :]
            break
    return value if value in BizStep.values else None


def canonical(content: Mapping[str, object]) -> bytes:
    """JSON with sorted keys and no spaces: the same bytes for the same content."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(previous: str, content: Mapping[str, object]) -> str:
    """SHA-256 of the previous event's hash and this event's content: each event seals the one
    before it, so changing or removing any event breaks every hash after it."""
    return hashlib.sha256(previous.encode() + b"\n" + canonical(content)).hexdigest()


def event_id(content: Mapping[str, object]) -> str:
    """An EPCIS 2.0 ``eventID`` as a named-information URI of the event's content (the shape of
    the CBV 2.0 event hash ID; the exact canonicalisation is the platform's own)."""
    digest = hashlib.sha256(canonical(content)).hexdigest()
    return f"ni:///sha-256;{digest}?ver=CBV2.0"


def chain_break(rows: list[tuple[str, str, Mapping[str, object]]]) -> int | None:
    """The index of the first event whose stored hashes do not match its content and its
    predecessor (rows in order: stored previous hash, stored hash, content); None if intact."""
    previous = GENESIS
    for index, (stored_previous, stored_hash, content) in enumerate(rows):
        if stored_previous != previous or event_hash(previous, content) != stored_hash:
            return index
        previous = stored_hash
    return None


# What a person's scan is not: a prefetch or prerender the browser did on its own
# (``Sec-Purpose``/``Purpose``, Firefox's ``X-Moz``), or a robot fetching the link: crawlers and
# the link previews chat apps make when a QR link is pasted (Zalo, Facebook, Telegram...).
PREFETCH_WORDS = ("prefetch", "prerender", "preview")
ROBOT_WORDS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "preview",
    "curl/",
    "wget/",
    "python-requests",
)


def is_person_scan(method: str, headers: Mapping[str, str]) -> bool:
    """Whether a request for a batch page counts as a consumer scan: only a GET (a HEAD is a
    link checker asking whether the page exists, and reads nothing), not prefetched by the
    browser ahead of a click, and not from a robot. The count is an oversight indicator, so a
    missed odd scan is better than counting machines."""
    if method != "GET":
        return False
    purpose = " ".join(headers.get(h, "") for h in ("Sec-Purpose", "Purpose", "X-Moz")).lower()
    if any(word in purpose for word in PREFETCH_WORDS):
        return False
    agent = headers.get("User-Agent", "").lower()
    return bool(agent) and not any(word in agent for word in ROBOT_WORDS)


def stars_text(stars: int | None) -> str:
    return "★" * (stars or 0)
