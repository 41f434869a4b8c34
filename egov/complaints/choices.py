"""Choices of complaints, denunciations, petitions and citizen reception (Law on Complaints
02/2011/QH13, Law on Denunciations 25/2018/QH14, Law on Citizen Reception 42/2013/QH13,
TT 05/2021/TT-TTCP on petition handling)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReceptionForm(models.TextChoices):
    """How the citizen was received (Decree 154/2026: online reception between points)."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online (video link between reception points)")


class VisitOutcome(models.TextChoices):
    GUIDED = "guided", _("Guided")
    PETITION = "petition", _("Received as a petition")
    REFUSED = "refused", _("Refused")


class Channel(models.TextChoices):
    """How a petition arrived (spec 5.4: trực tiếp / bưu chính / trực tuyến / chuyển đến)."""

    VISIT = "visit", _("At a reception visit")
    POST = "post", _("By post")
    PORTAL = "portal", _("On the portal")
    TRANSFER = "transfer", _("Transferred by another agency")


class PetitionKind(models.TextChoices):
    """Classification by content (TT 07/2014/TT-TTCP art 6; spec 5.4)."""

    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    REQUEST = "request", _("Request or reflection")
    MIXED = "mixed", _("Several contents")


class Outcome(models.TextChoices):
    """What the law gives for a classified petition (spec 5.4 ket_qua_xu_ly)."""

    ACCEPT = "accept", _("Accept for settlement")
    GUIDE = "guide", _("Guide to the competent body")
    TRANSFER = "transfer", _("Transfer to the competent body")
    KEEP = "keep", _("Keep on file")


class IneligibleReason(models.TextChoices):
    """Why a petition is not eligible (Law on Complaints art 11; Law on Denunciations art 25,
    29; spec 5.4)."""

    TIME_LIMIT = "time_limit", _("The time limit to complain has passed")
    ALREADY_SETTLED = "already_settled", _("Already settled (second-instance decision exists)")
    ANONYMOUS = "anonymous", _("Anonymous or false name")
    UNCLEAR = "unclear", _("Content unclear")
    NO_SIGNATURE = "no_signature", _("No signature or fingerprint")
    IN_COURT = "in_court", _("Already before a court")
    ALREADY_GUIDED = "already_guided", _("Guidance on the same content already given")


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ACCEPTED = "accepted", _("Accepted for settlement")
    VERIFYING = "verifying", _("Being verified")
    DIALOGUE = "dialogue", _("Dialogue held")
    SETTLED = "settled", _("Settled")
    GUIDED = "guided", _("Guided to the competent body")
    TRANSFERRED = "transferred", _("Transferred")
    FILED = "filed", _("Kept on file")


class Verdict(models.TextChoices):
    """A complaint found right / partly right / wrong; a denunciation true / partly / untrue
    (Law on Denunciations art 35.2)."""

    RIGHT = "right", _("Right (true)")
    PARTLY = "partly", _("Partly right (partly true)")
    WRONG = "wrong", _("Wrong (untrue)")


class DayCount(models.TextChoices):
    """How a time limit counts its days: the law says "days" or "working days"."""

    CALENDAR = "calendar", _("Days")
    WORKING = "working", _("Working days")


class ReminderKind(models.TextChoices):
    """What the daily run told the handlers of a petition: a time limit near, or passed; of the
    acceptance (thụ lý) while registered, of the settlement once accepted."""

    ACCEPTANCE_BEFORE = "acceptance_before", _("Acceptance time limit near")
    ACCEPTANCE_OVERDUE = "acceptance_overdue", _("Acceptance time limit passed")
    SETTLEMENT_BEFORE = "settlement_before", _("Settlement time limit near")
    SETTLEMENT_OVERDUE = "settlement_overdue", _("Settlement time limit passed")


class CrowdedStep(models.TextChoices):
    """The city's five steps to settle a crowded or long-running case (Hà Nội 2019 plan:
    review and propose by 30/9, agree the solution by 31/10, dialogue by 30/11, decision by
    15/12, carry out and publish by 31/12), in their order."""

    REVIEW = "review", pgettext_lazy("crowded case step", "Review and propose")
    AGREE = "agree", pgettext_lazy("crowded case step", "Agree the solution")
    DIALOGUE = "dialogue", pgettext_lazy("crowded case step", "Dialogue")
    DECIDE = "decide", pgettext_lazy("crowded case step", "Decision")
    PUBLISH = "publish", pgettext_lazy("crowded case step", "Carry out and publish")


class ComplaintsAuditAction(models.TextChoices):
    """Actions of complaints and citizen reception the audit trail records."""

    RECEPTION_DAY_PUBLISHED = (
        "complaints.reception_day_published",
        pgettext_lazy("audit action", "Citizen reception day published"),
    )
    VISIT_RECORDED = (
        "complaints.visit_recorded",
        pgettext_lazy("audit action", "Citizen visit recorded in the reception book"),
    )
    PETITION_REGISTERED = (
        "complaints.petition_registered",
        pgettext_lazy("audit action", "Petition registered"),
    )
    PETITION_CLASSIFIED = (
        "complaints.petition_classified",
        pgettext_lazy("audit action", "Petition classified"),
    )
    PETITION_STEP = (
        "complaints.petition_step",
        pgettext_lazy("audit action", "Petition handling step recorded"),
    )
    PETITION_EXTENDED = (
        "complaints.petition_extended",
        pgettext_lazy("audit action", "Settlement time limit extended"),
    )
    PETITION_SETTLED = (
        "complaints.petition_settled",
        pgettext_lazy("audit action", "Petition settled with a decision"),
    )
    HANDLER_NAMED = (
        "complaints.handler_named",
        pgettext_lazy("audit action", "Handler named for a petition"),
    )
    APPEAL_REGISTERED = (
        "complaints.appeal_registered",
        pgettext_lazy("audit action", "Second complaint registered on a first-instance case"),
    )
    DECISION_PUBLISHED = (
        "complaints.decision_published",
        pgettext_lazy("audit action", "Decision published with personal data removed"),
    )
    PETITION_OVERDUE = (
        "complaints.petition_overdue",
        pgettext_lazy("audit action", "Petition flagged overdue"),
    )
    PETITION_OVERDUE_CLEARED = (
        "complaints.petition_overdue_cleared",
        pgettext_lazy("audit action", "Petition no longer overdue"),
    )
    VERIFICATION_TEAM_FORMED = (
        "complaints.verification_team_formed",
        pgettext_lazy("audit action", "Verification team formed for a case"),
    )
    IDENTITY_READ = (
        "complaints.identity_read",
        pgettext_lazy("audit action", "Denouncer's identity read"),
    )
    CROWDED_PLAN_SAVED = (
        "complaints.crowded_plan_saved",
        pgettext_lazy("audit action", "Five-step plan of crowded cases saved"),
    )
    CROWDED_CASE_OPENED = (
        "complaints.crowded_case_opened",
        pgettext_lazy("audit action", "Crowded or long-running case put on the five-step plan"),
    )
    CROWDED_MILESTONE_DONE = (
        "complaints.crowded_milestone_done",
        pgettext_lazy("audit action", "Milestone of a crowded case done"),
    )
    CROWDED_TASKS_CREATED = (
        "complaints.crowded_tasks_created",
        pgettext_lazy("audit action", "Milestones of a crowded case made tasks"),
    )
