"""The consultation a registry document belongs to, on that document's page: the draft put to
comments, the synthesis of the comments and the adopted version each link back to it (the
officer's page of the consultation where the officer reaches it, else its public page)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from egov.disclosure.models import Consultation
from egov.documents.models import Document
from egov.documents.panels import Panel, PanelRow
from egov.orgs.access import scope_to_units


def consultation_panel(user: Any, document: Document) -> Panel | None:
    """The consultations ``document`` is the draft, the synthesis or the adopted version of."""
    roles = (("draft", _("the draft consulted on")), ("synthesis", _("its synthesis")))
    roles += (("adopted", _("the version adopted after it")),)
    found = Q(draft=document) | Q(synthesis=document) | Q(adopted=document)
    consultations = list(Consultation.objects.filter(found).select_related("unit")[:10])
    if not consultations:
        return None
    reached = set(
        scope_to_units(Consultation.objects.filter(found), user, unit_field="unit").values_list(
            "pk", flat=True
        )
    )
    rows = []
    for consultation in consultations:
        role = next(
            label for field, label in roles if getattr(consultation, f"{field}_id") == document.pk
        )
        name = "disclosure_officer" if consultation.pk in reached else "disclosure"
        rows.append(
            PanelRow(
                label=consultation.title,
                url=reverse(f"{name}:consultation-detail", args=[consultation.pk]),
                note=_("This document is %(role)s · %(status)s")
                % {"role": role, "status": consultation.get_status_display()},
            )
        )
    return Panel(title=_("Consultation of the public"), rows=tuple(rows))
