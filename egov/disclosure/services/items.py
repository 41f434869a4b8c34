"""Publishing a disclosure item (Law on Grassroots Democracy 10/2022/QH15 arts 11-12): the
registry document (given, or drafted here from the uploaded file), the period, the places and
the display period, checked for personal data first; then each physical posting confirmed with
its day and a photo. Nothing is half-published: every check runs before the first write."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.files import JPEG, PNG, XLSX, accepting, file_check
from egov.common.personal_data import personal_data_found, personal_data_warning
from egov.common.tables import xlsx_open
from egov.common.text import fold
from egov.common.validation import day_problem, require_text
from egov.disclosure import rules
from egov.disclosure.choices import PHYSICAL_PLACES, DisclosureAuditAction, Place
from egov.disclosure.models import Duty, Item, Posting
from egov.disclosure.services._common import invalid, require_publisher
from egov.documents.models import Document, DocumentType
from egov.documents.services import FileIn, document_draft_create
from egov.orgs.models import OrgUnit

NOTICE_TYPE = "thong-bao"
MAX_CELLS = 200_000
_OTHER_KINDS = ("pdf", "docx", JPEG, PNG)


def _cells_text(content: bytes) -> str:
    """The text of every cell of a workbook (the list published), for the personal-data check."""
    book = xlsx_open(content)
    try:
        parts: list[str] = []
        for sheet in book.worksheets:
            for row in sheet.iter_rows(values_only=True):
                parts.extend(str(v) for v in row if v is not None)
                if len(parts) > MAX_CELLS:
                    return "\n".join(parts)
        return "\n".join(parts)
    finally:
        book.close()


def _file_text(duty: Duty, upload: FileIn | None) -> str:
    if upload is None:
        return ""
    found = file_check(upload.content, field="file", accept=accepting({XLSX, *_OTHER_KINDS}))
    if found.kind == XLSX:
        return _cells_text(upload.content)
    if duty.is_list_of_people:
        message = _("Publish a list of people as an Excel table (xlsx), so that it can be checked.")
        raise invalid("file", message, "list_not_a_table")
    return ""


def _personal_data_check(texts: Sequence[str], confirmed: bool) -> bool:
    """Refuse ID numbers always (no disclosure duty allows them); phone numbers and e-mail
    addresses only when the officer has not confirmed them. True when something was confirmed."""
    found = personal_data_found(*texts)
    if not found:
        return False
    warning = personal_data_warning(*texts)
    if any(kind == "id_number" for kind, _value in found):
        message = _("ID numbers are never published. %(warning)s") % {"warning": warning}
        raise invalid("file", message, "personal_data")
    if not confirmed:
        raise invalid("summary", warning, "personal_data")
    return True


def _values_check(
    duty: Duty,
    unit: OrgUnit,
    places: Sequence[str],
    display: tuple[datetime.date, datetime.date],
) -> None:
    if not duty.is_active or unit.kind not in duty.unit_kinds:
        raise invalid("duty", _("This duty does not apply to this unit."), "wrong_duty")
    if not places or any(p not in Place.values for p in places):
        raise invalid("places", _("Choose where the item is published."))
    problem = rules.display_problem(
        first=display[0], last=display[1], minimum_days=duty.min_display_days
    )
    if problem:
        raise invalid(*problem, "display_too_short")


def _period(duty: Duty, day: datetime.date, today: datetime.date) -> tuple[datetime.date, ...]:
    period = rules.duty_period(duty.frequency, day)
    return (today, today) if period is None else (period.first, period.last)


def item_publish(
    *,
    actor: Any,
    unit: OrgUnit,
    duty: Duty,
    period_day: datetime.date,
    title: str,
    places: Sequence[str],
    display_from: datetime.date,
    display_until: datetime.date,
    summary: str = "",
    document: Document | None = None,
    upload: FileIn | None = None,
    personal_data_confirmed: bool = False,
) -> Item:
    """Publish ``duty``'s item of ``unit`` for the period containing ``period_day``: the
    registry ``document`` the actor may see, or a notice drafted in the registry from
    ``upload``. The personal-data check reads the title, the summary, the document's text and
    every cell of an Excel list."""
    require_publisher(actor, unit)
    title = require_text(title, "title")
    _values_check(duty, unit, places, (display_from, display_until))
    if (document is None) == (upload is None):
        raise invalid("file", _("Give the document: a file, or a document of the registry."))
    if document is not None and document.is_secret:
        raise invalid("document_id", _("A secret document is never published."), "secret")
    texts = [title, summary, _file_text(duty, upload)]
    if document is not None:
        texts += [document.subject, document.body]
    confirmed = _personal_data_check(texts, personal_data_confirmed)
    now = timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        if document is None:
            document = document_draft_create(
                actor=actor,
                drafting_unit=unit,
                unit=unit,
                doc_type=DocumentType.objects.get(code=NOTICE_TYPE),
                subject=title,
                body=summary,
                files=[upload],
            )
        first, last = _period(duty, period_day, today)
        item = Item.objects.create(
            duty=duty,
            unit=unit,
            document=document,
            title=title,
            summary=summary.strip(),
            period_first=first,
            period_last=last,
            places=list(dict.fromkeys(places)),
            display_from=display_from,
            display_until=display_until,
            published_on=today,
            published_at=now,
            published_by=actor,
            search_text=fold(f"{title} {summary} {duty.name} {unit.name}"),
        )
        event_record(
            actor=actor,
            action=DisclosureAuditAction.ITEM_PUBLISHED,
            obj=item,
            changes={
                "duty": duty.code,
                "unit": unit.pk,
                "period": f"{first.isoformat()}/{last.isoformat()}",
                "document": document.pk,
                "personal_data_confirmed": confirmed,
            },
        )
    return item


def posting_confirm(
    *, actor: Any, item: Item, place: str, posted_on: datetime.date, photo: FileIn
) -> Posting:
    """Confirm that ``item`` was physically posted at ``place`` on ``posted_on``, with a photo
    (JPEG or PNG, checked by content)."""
    require_publisher(actor, item.unit)
    if place not in PHYSICAL_PLACES or place not in item.places:
        raise invalid("place", _("Choose one of the item's physical places."))
    problem = day_problem(posted_on, latest=timezone.localdate())
    if problem:
        raise invalid("posted_on", problem)
    found = file_check(
        photo.content,
        accept=accepting({JPEG, PNG}, _("Send the photo as a JPEG or PNG image.")),
        field="photo",
    )
    with transaction.atomic():
        posting = Posting(
            item=item,
            place=place,
            posted_on=posted_on,
            content_type=found.content_type,
            sha256=found.sha256,
            confirmed_by=actor,
        )
        posting.photo.save(f"niem-yet.{found.extension}", ContentFile(photo.content), save=False)
        posting.save()
        event_record(
            actor=actor,
            action=DisclosureAuditAction.POSTING_CONFIRMED,
            obj=item,
            changes={"place": place, "posted_on": posted_on.isoformat(), "sha256": found.sha256},
        )
    return posting
