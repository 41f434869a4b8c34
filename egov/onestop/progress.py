"""The stages of a dossier as the applicant sees them (the progress stepper of the public status
page and the applicant's dossier page): received → processing → result → returned, with the
pauses (a supplement or a payment asked of the applicant). Pure: no ORM."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from egov.onestop.choices import DossierStatus

_S = DossierStatus
STAGES = (
    ("received", _("Received")),
    ("processing", _("Being processed")),
    ("result", _("Result ready")),
    ("returned", _("Result returned")),
)
# The stage a status is at (index in STAGES); the stages before it are done.
CURRENT = {
    _S.SUBMITTED: 0,
    _S.RECEIVED: 1,
    _S.PROCESSING: 1,
    _S.SUPPLEMENT_REQUESTED: 1,
    _S.PAYMENT_REQUESTED: 1,
    _S.RESULT_READY: 3,
    _S.RETURNED: 4,
}
PAUSES = {
    _S.SUPPLEMENT_REQUESTED: _("Paused: waiting for the documents you were asked to add"),
    _S.PAYMENT_REQUESTED: _("Paused: waiting for the payment"),
}


@dataclass(frozen=True)
class Stage:
    code: str
    label: str
    state: str  # "done", "current" or "todo"
    pause: str = ""


def dossier_stages(status: str, *, is_received: bool) -> list[Stage]:
    """The four stages with their state; empty for a dossier off the path (a draft, one not
    received, withdrawn or stopped), whose status says it all. A supplement asked at the desk
    before receipt pauses the first stage."""
    if status not in CURRENT:
        return []
    current = CURRENT[status] if is_received or status != _S.SUPPLEMENT_REQUESTED else 0
    pause = str(PAUSES.get(status, ""))
    stages = []
    for index, (code, label) in enumerate(STAGES):
        state = "done" if index < current else "current" if index == current else "todo"
        stages.append(
            Stage(code=code, label=str(label), state=state, pause=pause if index == current else "")
        )
    return stages
