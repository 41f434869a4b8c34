"""Matching the unit names of a task table to org units, accent-insensitively and with the
abbreviations officials write (Sở TT&TT, UBND, VP UBND TP), and expanding collective
assignments ("các sở, ngành", "UBND các quận, huyện, thị xã", "UBND cấp xã").

Pure: the directory is built from plain rows the caller reads from ``orgs.OrgUnit``. Only an
exact match of the normalised name (or of a unit's abbreviation) resolves a name; anything
else is unmatched or ambiguous and goes to the user with the closest candidates, ranked by
similarity (``difflib`` of the standard library) above ``SIMILARITY_THRESHOLD`` (never an
unrelated one). Names that are no org unit at all (an outside body, a village) are recognised
by ``name_kind`` so the user is offered the right answer first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from egov.common.text import fold
from egov.orgs.choices import UnitKind
from egov.orgs.levels import ADMINISTRATIVE_KINDS

# Joined abbreviations: "TT&TT", "TT-TT", "TT và TT", "TTTT".
_J = r"\s*(?:&|-|\bva\b)?\s*"


def _pair(first: str, second: str) -> str:
    return rf"\b{first}{_J}{second}\b"


# (folded pattern, expansion), applied in order on folded text
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bvp\b", "van phong"),
    (r"\btp\b", "thanh pho"),
    (_pair("tt", "tt"), "thong tin va truyen thong"),
    (_pair("kh", "dt"), "ke hoach va dau tu"),
    (_pair("gd", "dt"), "giao duc va dao tao"),
    (_pair("tn", "mt"), "tai nguyen va moi truong"),
    (_pair("nn", "ptnt"), "nong nghiep va phat trien nong thon"),
    (rf"\bld{_J}tb{_J}xh\b", "lao dong - thuong binh va xa hoi"),
    (_pair("kh", "cn"), "khoa hoc va cong nghe"),
    (_pair("gt", "vt"), "giao thong van tai"),
    (_pair("qh", "kt"), "quy hoach - kien truc"),
    (r"\bbhxh\b", "bao hiem xa hoi"),
    (r"\bttpvhcc\b", "trung tam phuc vu hanh chinh cong"),
    (r"&", " va "),
)
_COMPILED = tuple((re.compile(p), r) for p, r in ABBREVIATIONS)
_PARENS = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[^\w\s-]")
_DASH = re.compile(r"\s*-\s*")
PLACE_SUFFIXES = (" thanh pho ha noi", " thanh pho", " ha noi")
COMMITTEE = "uy ban nhan dan "

# collective assignments: code -> (unit kind, name prefixes when listed)
DISTRICT_WORDS = ("quan", "huyen", "thi xa")
COMMUNE_WORDS = ("xa", "phuong", "thi tran")
_LIST = r"(?:\s*[,/]?\s*(?:va\s+)?(?:{words}))*"


def _kinds_re(words: Sequence[str]) -> str:
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    return rf"(?:{alternatives}){_LIST.format(words=alternatives)}"


_END = r"(?P<rest>\s+(?:co\s+)?lien quan|\s+tren dia ban(?:\s+thanh pho)?|\s+thanh pho)?\s*$"
_COMMITTEE_OF = r"^(?:uy ban nhan dan\s+)?"
COLLECTIVE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("departments", re.compile(rf"^(?:cac\s+)?so(?:\s*,?\s*ban)?\s*,?\s*nganh{_END}")),
    ("departments", re.compile(rf"^cac\s+so{_END}")),
    ("divisions", re.compile(rf"^cac\s+phong(?:\s*,?\s*ban)?(?:\s*,?\s*nganh)?{_END}")),
    ("districts", re.compile(rf"{_COMMITTEE_OF}(?:cac\s+)?(?:don vi\s+)?cap huyen{_END}")),
    (
        "districts",
        re.compile(
            rf"{_COMMITTEE_OF}(?:(?P<many>cac)\s+)?(?P<kinds>{_kinds_re(DISTRICT_WORDS)}){_END}"
        ),
    ),
    ("communes", re.compile(rf"{_COMMITTEE_OF}(?:cac\s+)?(?:don vi\s+)?cap xa{_END}")),
    (
        "communes",
        re.compile(
            rf"{_COMMITTEE_OF}(?:(?P<many>cac)\s+)?(?P<kinds>{_kinds_re(COMMUNE_WORDS)}){_END}"
        ),
    ),
)
COLLECTIVE_KINDS = {
    "departments": UnitKind.DEPARTMENT,
    "divisions": UnitKind.DIVISION,
    "districts": UnitKind.DISTRICT,
    "communes": UnitKind.COMMUNE,
}


def normalize(name: str) -> str:
    """The comparable form of a unit name: folded, abbreviations expanded, punctuation and
    bracketed remarks removed ("Sở TT&TT (chủ trì)" → "so thong tin va truyen thong")."""
    text = fold(unicodedata.normalize("NFC", _PARENS.sub(" ", name or "")))
    for pattern, replacement in _COMPILED:
        text = pattern.sub(replacement, text)
    text = _DASH.sub(" - ", _PUNCT.sub(" ", text))
    return " ".join(text.split()).strip(" -")


@dataclass(frozen=True)
class UnitRow:
    """What the matcher needs of an org unit."""

    id: int
    name: str
    kind: str
    short_name: str = ""
    parent_id: int | None = None


@dataclass(frozen=True)
class Collective:
    """A collective assignment: every unit of ``kind`` under the scope, optionally only those
    whose name starts with one of ``words`` (UBND các huyện → only the huyện)."""

    code: str
    words: tuple[str, ...] = ()
    is_relevant_only: bool = False


def collective_of(text: str) -> Collective | None:
    """The collective a name denotes, if any. "các sở, ngành liên quan" is recognised with
    ``is_relevant_only`` (only the relevant ones: the user must name them)."""
    norm = normalize(text)
    for code, pattern in COLLECTIVE_PATTERNS:
        match = pattern.match(norm)
        if not match:
            continue
        kinds = match.groupdict().get("kinds")
        words: tuple[str, ...] = ()
        if kinds:
            listed = re.findall("|".join(DISTRICT_WORDS + COMMUNE_WORDS), kinds)
            if not match.groupdict().get("many") and len(set(listed)) < 2:
                continue  # "UBND quận" alone names no collective
            words = tuple(sorted(set(listed)))
        rest = (match.groupdict().get("rest") or "").strip()
        return Collective(code, words, is_relevant_only="lien quan" in rest)
    return None


MATCHED, COLLECTIVE, AMBIGUOUS, UNMATCHED = "matched", "collective", "ambiguous", "unmatched"
SUGGESTIONS = 8
SIMILARITY_THRESHOLD = 0.75
K = TypeVar("K")
BELOW_COMMUNE, OUTSIDE = "below_commune", "outside"
# Groups below the commune (thôn, tổ dân phố: Circular 04/2012/TT-BNV), no administrative unit.
_BELOW_COMMUNE = re.compile(
    r"^(?:cac\s+)?(?:thon|to dan pho|to dan cu|xom|ap|khu dan cu|khu pho|cum dan cu|lang)\b"
)
# Bodies outside a province's tree: central and vertically run agencies, companies, schools.
_OUTSIDE = re.compile(
    r"^(?:cong an|bo chi huy quan su|bo tu lenh|bao hiem xa hoi|kho bac|cuc thue|chi cuc thue|"
    r"cuc hai quan|ngan hang|bo |vien |hoc vien|truong dai hoc|dai hoc|tong cong ty|cong ty|"
    r"tap doan|toa an|vien kiem sat|mat tran to quoc|uy ban mat tran|lien doan lao dong|"
    r"hoi |doan thanh nien|thanh doan|bao |dai phat thanh|dien luc|cuc )"
)


def name_kind(name: str) -> str:
    """``BELOW_COMMUNE`` for a group below the commune (thôn, tổ dân phố), ``OUTSIDE`` for a
    name that reads like a body outside the org tree (Công an Thành phố, Bộ Y tế, Tổng công
    ty …), else ``""``."""
    norm = normalize(name)
    if _BELOW_COMMUNE.match(norm):
        return BELOW_COMMUNE
    if _OUTSIDE.match(norm):
        return OUTSIDE
    return ""


def comparable(name: str) -> str:
    """The part of a name that tells bodies apart: normalised, without "Ủy ban nhân dân" in
    front or the city's name behind."""
    key = normalize(name)
    if key.startswith(COMMITTEE):
        key = key[len(COMMITTEE) :]
    for suffix in PLACE_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    return key


def similarity(first: str, second: str) -> float:
    """How alike two names are, 0 to 1: 1 for the same comparable name, 0.9 when one holds
    the other as whole words (at least two), else ``difflib``'s ratio."""
    a, b = comparable(first), comparable(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    if " " in short and f" {short} " in f" {long} ":
        return 0.9
    return difflib.SequenceMatcher(None, a, b).ratio()


def similar_ranked(
    name: str,
    options: Iterable[tuple[K, Sequence[str]]],
    *,
    limit: int = SUGGESTIONS,
    threshold: float = SIMILARITY_THRESHOLD,
) -> list[K]:
    """The keys of ``options`` (key, names) most like ``name``, best first, none below
    ``threshold``."""
    scored = []
    for key, names in options:
        score = max((similarity(name, n) for n in names if n), default=0.0)
        if score >= threshold:
            scored.append((-score, fold(names[0]), key))
    scored.sort(key=lambda item: item[:2])
    return [key for _score, _name, key in scored[:limit]]


@dataclass
class Match:
    """How one name was matched: ``unit_ids`` (one unit, or every unit of a collective), or
    the ``candidates`` to offer when it is ambiguous or unmatched."""

    name: str
    status: str
    unit_ids: list[int] = field(default_factory=list)
    collective: Collective | None = None
    candidates: list[UnitRow] = field(default_factory=list)

    @property
    def is_resolved(self) -> bool:
        return self.status in (MATCHED, COLLECTIVE)


class UnitDirectory:
    """The active units a document may assign to (the subtree of its issuing authority),
    indexed by normalised name, committee name ("uy ban nhan dan quan ba dinh") and
    abbreviation."""

    def __init__(self, units: Iterable[UnitRow], *, scope_root_id: int) -> None:
        self.units = {u.id: u for u in units}
        self.scope_root_id = scope_root_id
        self._index: dict[str, list[UnitRow]] = defaultdict(list)
        for unit in self.units.values():
            for key in self._keys(unit):
                if unit not in self._index[key]:
                    self._index[key].append(unit)

    @staticmethod
    def _keys(unit: UnitRow) -> list[str]:
        name = normalize(unit.name)
        keys = [name]
        if unit.short_name:
            keys.append("abbr:" + fold(unit.short_name).replace(" ", ""))
        if unit.kind in ADMINISTRATIVE_KINDS:
            keys.append(COMMITTEE + name)
        if unit.kind == UnitKind.PROVINCE and name.startswith("thanh pho"):
            keys += [COMMITTEE + "thanh pho", "thanh pho"]
        return keys

    def expand(self, collective: Collective) -> list[int]:
        """Every unit a collective covers, in name order."""
        kind = COLLECTIVE_KINDS[collective.code]
        direct = collective.code in ("departments", "divisions")
        chosen = [
            u
            for u in self.units.values()
            if u.kind == kind
            and (not direct or u.parent_id == self.scope_root_id)
            and (
                not collective.words
                or any(fold(u.name).startswith(w + " ") for w in collective.words)
            )
        ]
        return [u.id for u in sorted(chosen, key=lambda u: fold(u.name))]

    def _lookup(self, name: str) -> list[UnitRow]:
        key = normalize(name)
        hits = self._index.get(key, [])
        for suffix in PLACE_SUFFIXES:
            if hits:
                break
            if key.endswith(suffix) and len(key) > len(suffix):
                hits = self._index.get(key[: -len(suffix)], [])
        if not hits and " " not in name.strip():
            hits = self._index.get("abbr:" + fold(name).replace(" ", ""), [])
        return hits

    def _suggest(self, name: str) -> list[UnitRow]:
        if len(comparable(name)) < 3:
            return []
        return similar_ranked(name, ((u, (u.name, u.short_name)) for u in self.units.values()))

    def match(self, name: str) -> Match:
        """Match one name: a collective, exactly one unit, or a problem for the user."""
        collective = collective_of(name)
        if collective is not None:
            ids = self.expand(collective)
            if ids and not collective.is_relevant_only:
                return Match(name, COLLECTIVE, ids, collective)
            suggestions = [self.units[i] for i in ids[:SUGGESTIONS]]
            return Match(name, UNMATCHED, [], collective, suggestions)
        hits = self._lookup(name)
        if len(hits) == 1:
            return Match(name, MATCHED, [hits[0].id])
        if hits:
            ordered = sorted(hits, key=lambda u: fold(u.name))
            return Match(name, AMBIGUOUS, [], None, ordered[: SUGGESTIONS * 4])
        return Match(name, UNMATCHED, [], None, self._suggest(name))


_SEPARATORS = re.compile(r"[;,\n]")
# Words that begin a unit's name: " và " before one of them separates two names.
_NAME_STARTS = (
    "so ",
    "uy ban ",
    "ubnd ",
    "phong ",
    "van phong ",
    "cong an ",
    "ban ",
    "thanh tra ",
    "trung tam ",
    "bao hiem ",
    "quan ",
    "huyen ",
    "thi xa ",
    "cuc ",
    "chi cuc ",
    "vp ",
    "bo ",
    "cac so",
    "cac phong",
)


def _fold_aligned(text: str) -> str:
    """``fold`` character by character, so positions in the result are positions in ``text``
    (which must be NFC)."""
    out = []
    for char in text:
        folded = fold(char) if not char.isspace() else " "
        out.append(folded if len(folded) == 1 else char.lower()[:1] or " ")
    return "".join(out)


def names_split(cell: str) -> list[str]:
    """The unit names in one item of a cell: split on commas, semicolons and " và " before a
    unit's name, keeping collective phrases ("UBND các quận, huyện, thị xã") whole."""
    text = unicodedata.normalize("NFC", " ".join((cell or "").split()))
    folded = _fold_aligned(text)
    names: list[str] = []
    start = 0
    while start < len(text):
        rest = text[start:]
        collective = _longest_collective(rest)
        if collective:
            names.append(rest[:collective].strip(" .;,"))
            start += collective
            continue
        cut = _next_cut(folded, start)
        names.append(text[start:cut].strip(" .;,"))
        start = cut
        while start < len(text) and text[start] in " ,;.":
            start += 1
        if folded.startswith("va ", start):
            start += 3
    return [n for n in names if n]


def _longest_collective(text: str) -> int:
    """Length of the longest prefix of ``text`` that is a collective name (0 if none), ending
    at a separator or the end."""
    best = 0
    for end in [m.start() for m in _SEPARATORS.finditer(text)] + [len(text)]:
        if collective_of(text[:end]) is not None:
            best = end
    return best


def _next_cut(folded: str, start: int) -> int:
    separator = _SEPARATORS.search(folded, start)
    cut = separator.start() if separator else len(folded)
    for word in _NAME_STARTS:
        found = folded.find(f" va {word}", start, cut + 1)
        if found != -1:
            cut = min(cut, found)
    return cut
