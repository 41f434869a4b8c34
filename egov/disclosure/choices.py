"""Choices of public disclosure (công khai) and consultation (lấy ý kiến) under the Law on
Grassroots Democracy 10/2022/QH15 (arts 11-12 publicity, arts 25-26 consultation)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Frequency(models.TextChoices):
    """How often a duty comes back (its period); ``event`` duties follow a decision or a
    project and have no period to be late for."""

    MONTH = "month", _("Every month")
    QUARTER = "quarter", _("Every quarter")
    YEAR = "year", _("Every year")
    EVENT = "event", _("On each event")


class CountsFrom(models.TextChoices):
    START = "start", _("the first day of the period")
    END = "end", _("the last day of the period")


class Place(models.TextChoices):
    """Where an item is published (Law on Grassroots Democracy 2022 art 12)."""

    PORTAL = "portal", _("The city's portal")
    UNIT_PAGE = "unit_page", _("The unit's page")
    NOTICE_BOARD = "notice_board", _("Notice board at the unit's office")
    LOUDSPEAKER = "loudspeaker", _("Loudspeaker system")
    VILLAGE_BOARD = "village_board", _("Notice boards of villages and residential groups")


PHYSICAL_PLACES = (Place.NOTICE_BOARD, Place.LOUDSPEAKER, Place.VILLAGE_BOARD)


class Confidence(models.TextChoices):
    """How sure the catalog is of a duty's figures (see shared/domain: [C] and [U])."""

    CONFIRMED = "confirmed", _("Confirmed from the gazette")
    UNCONFIRMED = "unconfirmed", _("Unconfirmed (to check and set)")


class DutyStatus(models.TextChoices):
    ON_TIME = "on_time", _("Published on time")
    LATE = "late", _("Published late")
    MISSING = "missing", _("Missing (overdue)")
    DUE = "due", _("Not yet due")


class Audience(models.TextChoices):
    """Whom a consultation asks, and so who may comment online: everyone; the residents of the
    unit's area (who name the commune or ward they live in, within it); business accounts (of
    the sector named); or agencies (officers, in the name of their unit). Comments entered
    from a meeting's record are the unit's own and always accepted."""

    AREA = "area", _("Residents of the unit's area")
    CITY = "city", _("The whole city")
    BUSINESSES = "businesses", _("Businesses of a sector")
    AGENCIES = "agencies", _("Agencies and organisations")


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed, synthesis drafted or issued")
    ADOPTED = "adopted", _("Adopted")


class CommentChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    MEETING = "meeting", _("At a meeting (entered by an officer)")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the code sent to its author")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by the moderator")
    EXPIRED = "expired", _("Never confirmed, expired")


# The comments a consultation received: published or hidden (shown with the reason); never
# those still waiting for their author's code, nor those whose code was never typed back.
RECEIVED = (CommentStatus.PUBLISHED, CommentStatus.HIDDEN)


class SupportStatus(models.TextChoices):
    """A support by an account counts at once; one without an account waits for the code sent
    to the contact given, and expires if it never comes back."""

    PENDING = "pending", _("Waiting for the code sent to its author")
    CONFIRMED = "confirmed", _("Counted")
    EXPIRED = "expired", _("Never confirmed, expired")


class HideReason(models.TextChoices):
    """Why a comment is hidden; the comment is kept and the reason shown in its place."""

    OFFENSIVE = "offensive", _("Offensive or abusive language")
    PERSONAL_DATA = "personal_data", _("Personal data of others")
    OFF_TOPIC = "off_topic", _("Not about the draft")
    SPAM = "spam", _("Advertising or repeated text")


class DisclosureAuditAction(models.TextChoices):
    """Actions of disclosure and consultation the audit trail records."""

    DUTY_CHANGED = (
        "disclosure.duty_changed",
        pgettext_lazy("audit action", "Disclosure duty of the catalog changed"),
    )
    ITEM_PUBLISHED = (
        "disclosure.item_published",
        pgettext_lazy("audit action", "Disclosure item published"),
    )
    POSTING_CONFIRMED = (
        "disclosure.posting_confirmed",
        pgettext_lazy("audit action", "Physical posting of a disclosure item confirmed"),
    )
    CONSULTATION_OPENED = (
        "disclosure.consultation_opened",
        pgettext_lazy("audit action", "Consultation on a draft opened"),
    )
    COMMENT_SENT = (
        "disclosure.comment_sent",
        pgettext_lazy("audit action", "Comment on a draft sent"),
    )
    COMMENT_CONFIRMED = (
        "disclosure.comment_confirmed",
        pgettext_lazy("audit action", "Comment on a draft confirmed with the code sent"),
    )
    COMMENT_SUPPORTED = (
        "disclosure.comment_supported",
        pgettext_lazy("audit action", "Comment on a draft supported"),
    )
    SUPPORT_SENT = (
        "disclosure.support_sent",
        pgettext_lazy("audit action", "Support of a comment sent without an account"),
    )
    CODE_RESENT = (
        "disclosure.code_resent",
        pgettext_lazy("audit action", "Code for a comment or a support sent again"),
    )
    UNCONFIRMED_EXPIRED = (
        "disclosure.unconfirmed_expired",
        pgettext_lazy("audit action", "Comment or support never confirmed expired"),
    )
    COMMENT_HIDDEN = (
        "disclosure.comment_hidden",
        pgettext_lazy("audit action", "Comment on a draft hidden with a reason"),
    )
    COMMENT_ANSWERED = (
        "disclosure.comment_answered",
        pgettext_lazy("audit action", "Comment on a draft answered"),
    )
    CONSULTATION_CLOSED = (
        "disclosure.consultation_closed",
        pgettext_lazy("audit action", "Consultation closed with its synthesis"),
    )
    SYNTHESIS_ISSUED = (
        "disclosure.synthesis_issued",
        pgettext_lazy("audit action", "Synthesis of comments on a draft signed and issued"),
    )
    CONSULTATION_ADOPTED = (
        "disclosure.consultation_adopted",
        pgettext_lazy("audit action", "Adopted version of a consulted draft recorded"),
    )
