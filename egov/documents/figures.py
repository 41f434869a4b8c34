"""The registry's figures the dashboards read (``egov.common.figures``), per issuing unit and
period: outgoing documents sent and those sent electronically (the plans: 90 % of documents
between agencies electronic), documents signed in the system and those signed from a phone
through a remote-signing service (the plans' mobile digital signatures), work files closed and
those handled online (80 % / 30 %, then 90 % / 60 %, department / commune). Counted as the
registry's own figures pages count them (``selectors/figures.py``,
``selectors/workfile_figures.py``)."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, figures_register, unit_filter
from egov.documents.choices import Channel, SigningMethod
from egov.documents.models import Document, DocumentRecipient, WorkFile


def _sent(first, last, unit_ids):
    recipients = DocumentRecipient.objects.filter(document=OuterRef("pk"))
    return (
        Document.objects.issued()
        .filter(issued_on__range=(first, last), **unit_filter("unit_id", unit_ids))
        .filter(Exists(recipients))
        .annotate(has_paper=Exists(recipients.filter(channel=Channel.PAPER)))
    )


def _by_unit(qs, **extra) -> dict[int, int]:
    rows = qs.values("unit_id").annotate(n=Count("pk", **extra)).order_by()
    return {row["unit_id"]: row["n"] for row in rows if row["n"]}


def sent(*, first, last, unit_ids):
    """Outgoing documents issued in the period and sent to at least one recipient."""
    return _by_unit(_sent(first, last, unit_ids))


def sent_electronic(*, first, last, unit_ids):
    """Of :func:`sent`, those sent to no recipient on paper."""
    return _by_unit(_sent(first, last, unit_ids).filter(has_paper=False))


def _closed(first, last, unit_ids):
    return WorkFile.objects.filter(
        closed_on__range=(first, last), **unit_filter("unit_id", unit_ids)
    )


def workfiles(*, first, last, unit_ids):
    """Work files closed in the period."""
    return _by_unit(_closed(first, last, unit_ids))


def workfiles_online(*, first, last, unit_ids):
    """Work files closed in the period that were handled online."""
    return _by_unit(_closed(first, last, unit_ids), filter=Q(handled_online=True))


def _issued_electronically(first, last, unit_ids):
    """Documents the system signed and issued in the period (a number it gave, a signing
    method recorded; documents entered from paper have none)."""
    return Document.objects.issued().filter(
        issued_on__range=(first, last),
        signer__isnull=False,
        **unit_filter("unit_id", unit_ids),
    )


def signed_electronically(*, first, last, unit_ids):
    """Documents signed and issued in the system in the period."""
    return _by_unit(_issued_electronically(first, last, unit_ids))


def signed_remotely(*, first, last, unit_ids):
    """Of :func:`signed_electronically`, those the signer signed from their phone through a
    certification authority's remote-signing service."""
    return _by_unit(
        _issued_electronically(first, last, unit_ids), filter=Q(signing_method=SigningMethod.REMOTE)
    )


FIGURES = (
    Figure(
        "documents.signed_electronically",
        _("Documents signed in the system"),
        _("Outgoing documents signed and issued in the system in the period."),
        Measure.COUNT,
        signed_electronically,
    ),
    Figure(
        "documents.signed_remotely",
        _("Documents signed from a phone"),
        _(
            "Of the documents signed in the system in the period, those the signer signed from "
            "their phone through a certification authority's remote-signing service."
        ),
        Measure.COUNT,
        signed_remotely,
    ),
    Figure(
        "documents.sent",
        _("Documents sent"),
        _("Outgoing documents issued in the period and sent to at least one recipient."),
        Measure.COUNT,
        sent,
    ),
    Figure(
        "documents.sent_electronic",
        _("Documents sent electronically"),
        _("Documents sent in the period with no recipient reached on paper."),
        Measure.COUNT,
        sent_electronic,
    ),
    Figure(
        "documents.workfiles",
        _("Work files closed"),
        _("Work files closed in the period."),
        Measure.COUNT,
        workfiles,
    ),
    Figure(
        "documents.workfiles_online",
        _("Work files handled online"),
        _("Work files closed in the period that were handled online."),
        Measure.COUNT,
        workfiles_online,
    ),
)


def register() -> None:
    figures_register(*FIGURES)
