"""Pure rules of the official layout (Decree 30/2020/NĐ-CP Appendix I): the lines printed in
the header, the date, the number, the grounds, the authority block and the recipients.

No ORM here: ``layout.py`` reads the document and calls these with plain values.
The Vietnamese words are data of the legal format and stay literal (never translated).
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from egov.common.text import fold
from egov.orgs.levels import ADMINISTRATIVE_KINDS

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
PEOPLES_COMMITTEE_SHORT = "UBND"
ARCHIVE_CLERK = "VT"  # Văn thư: the archive copy line "- Lưu: VT, <unit>."
ADDRESSEE_LABEL = "Kính gửi:"
RECIPIENTS_LABEL = "Nơi nhận:"
LETTER_PREFIX = "V/v"
NUMBER_LABEL = "Số:"


# Độ khẩn / độ mật marks (Decree 30/2020 Appendix I box 10; the state-secrets law).
URGENCY_MARKS = {
    "urgent": "KHẨN",
    "very_urgent": "THƯỢNG KHẨN",
    "express": "HỎA TỐC",
    "express_timed": "HỎA TỐC HẸN GIỜ",
}
SECRECY_MARKS = {
    "confidential": "MẬT",
    "secret": "TỐI MẬT",
    "top_secret": "TUYỆT MẬT",
}

# Prefixes dropped from an administrative unit's name to give the place name ("địa danh"):
# "Thành phố Hà Nội" → "Hà Nội", "Quận Ba Đình" → "Ba Đình"; a numbered unit keeps its
# prefix ("Quận 1").
_PLACE_PREFIXES = (
    "thành phố",
    "tỉnh",
    "quận",
    "huyện",
    "thị xã",
    "phường",
    "xã",
    "thị trấn",
    "đặc khu",
)
_BLANK = "\u00a0" * 6  # a gap left for the hand-written number/day on an unnumbered draft
_TRAILING_PUNCTUATION = re.compile(r"[\s;:,.]+$")
_LEADING_DASH = re.compile(r"^[\s\-–—•+]+")


def caps(text: str) -> str:
    """Upper case with single spaces: issuing bodies, type names and positions are printed in
    capitals (Decree 30/2020 Appendix I boxes 2, 5a, 7a)."""
    return " ".join(text.split()).upper()


def issuing_body_lines(name: str, kind: str) -> tuple[str, ...]:
    """The issuing body in capitals; an administrative unit issues as its People's Committee,
    printed on two lines ("ỦY BAN NHÂN DÂN" / "QUẬN BA ĐÌNH")."""
    if kind in ADMINISTRATIVE_KINDS:
        return (PEOPLES_COMMITTEE, caps(name))
    return (caps(name),)


def superior_body_line(parent_name: str, parent_kind: str) -> str:
    """The direct superior body above the issuing body (box 2, upright capitals), e.g.
    "UBND QUẬN BA ĐÌNH" over a district division."""
    if not parent_name:
        return ""
    if parent_kind in ADMINISTRATIVE_KINDS:
        return f"{PEOPLES_COMMITTEE_SHORT} {caps(parent_name)}"
    return caps(parent_name)


def place_name(unit_name: str) -> str:
    """The place name printed before the date: the administrative unit's name without its
    kind ("Hà Nội", "Ba Đình"), keeping the prefix of a numbered unit ("Quận 1")."""
    name = unicodedata.normalize("NFC", " ".join(unit_name.split()))
    folded = fold(name)
    for prefix in _PLACE_PREFIXES:
        folded_prefix = fold(prefix) + " "
        if folded.startswith(folded_prefix):
            rest = name[len(folded_prefix) :].strip()
            return name if rest.isdigit() else rest
    return name


def date_line(place: str, day: datetime.date | None, *, year: int) -> str:
    """ "Hà Nội, ngày 05 tháng 01 năm 2020": days below 10 and the months January and February
    take a leading zero (Decree 30/2020 Appendix I box 4). Without a date (an unsigned draft)
    the day and month are left blank for the signing date."""
    if day is None:
        return f"{place}, ngày{_BLANK}tháng{_BLANK}năm {year}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def notation_predict(
    *, type_abbreviation: str, issuer_abbreviation: str, drafting_abbreviation: str
) -> str:
    """The notation a document will get: "QĐ-UBND" for a type with an abbreviation, and
    "UBND-VHTT" (issuer, then drafting unit) for a công văn (Decree 30/2020 Appendix I box 3)."""
    if type_abbreviation:
        return "-".join(part for part in (type_abbreviation, issuer_abbreviation) if part)
    return "-".join(part for part in (issuer_abbreviation, drafting_abbreviation) if part)


def number_line(*, number_notation: str, number: int | None, notation: str) -> str:
    """ "Số: 05/QĐ-UBND" (numbers below 10 zero-padded); an unnumbered draft keeps a blank
    before the slash."""
    if number_notation:
        return f"{NUMBER_LABEL} {number_notation}"
    if number is not None:
        return f"{NUMBER_LABEL} {number:02d}/{notation}"
    return f"{NUMBER_LABEL}{_BLANK}/{notation}"


def letter_subject_line(subject: str) -> str:
    """A công văn's summary under its number: "V/v …" (box 5b)."""
    text = " ".join(subject.split())
    if fold(text).startswith(fold(LETTER_PREFIX)):
        return text
    return f"{LETTER_PREFIX} {text}"


def text_lines(text: str) -> tuple[str, ...]:
    """Non-empty lines of a multi-line field, spaces tidied."""
    return tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _strip_end(line: str) -> str:
    return _TRAILING_PUNCTUATION.sub("", line)


def list_punctuated(lines: tuple[str, ...], *, dash: bool) -> tuple[str, ...]:
    """Items of a printed list: each ends with ";" and the last with "." (grounds, addressees,
    recipients). With ``dash`` each item starts with "- "."""
    items = [_strip_end(_LEADING_DASH.sub("", line) if dash else line) for line in lines]
    items = [item for item in items if item]
    out = []
    for index, item in enumerate(items):
        end = "." if index == len(items) - 1 else ";"
        out.append(f"- {item}{end}" if dash else f"{item}{end}")
    return tuple(out)


def grounds_lines(text: str) -> tuple[str, ...]:
    """Legal grounds (căn cứ): one per line, each ending ";" and the last "." (Appendix I)."""
    return list_punctuated(text_lines(text), dash=False)


def addressee_lines(text: str) -> tuple[str, ...]:
    """ "Kính gửi:" items: one addressee stands alone ("Sở Tài chính."); several are listed
    with dashes."""
    lines = text_lines(text)
    return list_punctuated(lines, dash=len(lines) > 1)


def recipient_lines(text: str, *, archive_unit: str) -> tuple[str, ...]:
    """The "Nơi nhận:" list, always closed by the archive line "- Lưu: VT, <drafting unit>."
    (box 9b). A "Lưu" line already typed by the drafter is kept and moved to the end."""
    lines = [_strip_end(_LEADING_DASH.sub("", line)) for line in text_lines(text)]
    archive = [line for line in lines if fold(line).startswith("luu")]
    others = [line for line in lines if line and line not in archive]
    keepers = ", ".join(part for part in (ARCHIVE_CLERK, archive_unit) if part)
    closing = archive[0] if archive else f"Lưu: {keepers}"
    return list_punctuated((*others, closing), dash=True)


def authority_lines(signing_authority: str, authority_line: str) -> tuple[str, ...]:
    """The authority lines above the signer's position (box 7a), in capitals: "TM. ỦY BAN NHÂN
    DÂN", "KT. CHỦ TỊCH". ``authority_line`` may hold several lines; when the signing authority
    (TM./KT./Q./TL./TUQ.) is not written in them it is put before the last one."""
    lines = [caps(line) for line in text_lines(authority_line)]
    prefix = signing_authority.strip().upper()
    if prefix and lines and not any(line.startswith(prefix) for line in lines):
        lines[-1] = f"{prefix} {lines[-1]}"
    return tuple(lines)
