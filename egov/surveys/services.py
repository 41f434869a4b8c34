"""Every write of satisfaction surveys: building (from the SIPAS template, sections,
questions), publishing and versioning, invitations after a service (sampled, signed, expiring)
and answers (anonymous, one per invitation). One transaction and one audit entry each."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.accounts.services_notify import notification_send
from egov.audit.context import RequestOrigin, current_origin
from egov.audit.services import event_record
from egov.common.exceptions import PermissionDenied
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.surveys.choices import AnswerSource, QuestionKind, SurveyAuditAction, SurveyStatus
from egov.surveys.exceptions import (
    AnswerInvalid,
    InvitationUsed,
    SurveyNotOpen,
    SurveyRefused,
)
from egov.surveys.models import Invitation, Question, Response, Section, Survey
from egov.surveys.rules import answers_check, response_score
from egov.surveys.selectors import question_specs, section_weights
from egov.surveys.sipas import SIPAS_TEMPLATE

logger = logging.getLogger(__name__)
INVITATION_SALT = "egov.surveys.invitation"
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def _require_unit(actor: Any, unit: OrgUnit) -> None:
    if not can_act_for_unit(actor, unit):
        raise PermissionDenied(_("You do not act for this unit."))


def _require_draft(survey: Survey) -> None:
    if survey.is_frozen:
        raise SurveyRefused(
            _("A published survey is frozen: make a new version to change it."),
            code="survey_frozen",
        )


def _next_family() -> int:
    return (Survey.objects.aggregate(top=Max("family"))["top"] or 0) + 1


def _choices(items: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    return [{"value": i["value"], "vi": i["vi"], "en": i.get("en", "")} for i in items]


def _build(survey: Survey, template: Mapping[str, Any]) -> None:
    for s_order, section_data in enumerate(template["sections"], start=1):
        section = Section.objects.create(
            survey=survey,
            order=s_order,
            code=section_data["code"],
            title_vi=section_data["vi"],
            title_en=section_data.get("en", ""),
        )
        for q_order, q in enumerate(section_data["questions"], start=1):
            Question.objects.create(
                section=section,
                order=q_order,
                code=q["code"],
                kind=q["kind"],
                text_vi=q["vi"],
                text_en=q.get("en", ""),
                is_required=q.get("required", False),
                is_scored=q.get("scored", False),
                options=_choices(q.get("options", [])),
                rows=[
                    {"code": r["code"], "vi": r["vi"], "en": r.get("en", "")}
                    for r in q.get("rows", [])
                ],
                min_value=q.get("min"),
                max_value=q.get("max"),
                show_if=q.get("show_if", {}),
            )


def survey_create_from_template(*, actor: Any, unit: OrgUnit) -> Survey:
    """A draft survey of ``unit`` copied from the SIPAS template (five factors)."""
    _require_unit(actor, unit)
    with transaction.atomic():
        survey = Survey.objects.create(
            unit=unit,
            family=_next_family(),
            title_vi=SIPAS_TEMPLATE["title_vi"],
            title_en=SIPAS_TEMPLATE["title_en"],
            intro_vi=SIPAS_TEMPLATE["intro_vi"],
            intro_en=SIPAS_TEMPLATE["intro_en"],
        )
        _build(survey, SIPAS_TEMPLATE)
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CREATED,
            obj=survey,
            changes={"template": "sipas", "unit": unit.pk},
        )
    return survey


def survey_create_blank(*, actor: Any, unit: OrgUnit, title_vi: str, title_en: str = "") -> Survey:
    """An empty draft survey of ``unit`` with one section."""
    _require_unit(actor, unit)
    with transaction.atomic():
        survey = Survey.objects.create(
            unit=unit, family=_next_family(), title_vi=title_vi.strip(), title_en=title_en.strip()
        )
        Section.objects.create(survey=survey, order=1, code="main", title_vi=title_vi.strip())
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CREATED,
            obj=survey,
            changes={"template": "", "unit": unit.pk},
        )
    return survey


SETTINGS_ALWAYS = ("is_for_invitations", "sample_every", "monthly_quota", "invitation_days")
SETTINGS_DRAFT = (
    "title_vi",
    "title_en",
    "intro_vi",
    "intro_en",
    "satisfied_from",
    "respondent_threshold",
    "min_answers",
)


def survey_update(*, actor: Any, survey: Survey, **fields: Any) -> Survey:
    """Change a survey's settings: the sampling at any time; texts and scoring in a draft."""
    _require_unit(actor, survey.unit)
    unknown = set(fields) - set(SETTINGS_ALWAYS) - set(SETTINGS_DRAFT)
    if unknown:
        raise SurveyRefused(_("These settings cannot be changed."))
    if set(fields) & set(SETTINGS_DRAFT):
        changed = {k for k in fields if k in SETTINGS_DRAFT and getattr(survey, k) != fields[k]}
        if changed:
            _require_draft(survey)
    if fields.get("sample_every") is not None and fields["sample_every"] < 1:
        raise SurveyRefused(
            _("Invite at least every dossier (1) or fewer."),
            fields={"sample_every": _("At least 1.")},
        )
    with transaction.atomic():
        before = {k: getattr(survey, k) for k in fields}
        for key, value in fields.items():
            setattr(survey, key, value)
        survey.save(update_fields=list(fields))
        diff = {k: [str(before[k]), str(v)] for k, v in fields.items() if before[k] != v}
        if diff:
            event_record(
                actor=actor, action=SurveyAuditAction.SURVEY_CHANGED, obj=survey, changes=diff
            )
    return survey


def section_weight_set(*, actor: Any, section: Section, weight: Decimal) -> Section:
    """Set a factor's weight in the overall index (a draft only)."""
    _require_unit(actor, section.survey.unit)
    _require_draft(section.survey)
    if weight < 0 or weight > 100:
        raise SurveyRefused(_("A weight is from 0 to 100."), fields={"weight": _("From 0 to 100.")})
    with transaction.atomic():
        before = section.weight
        section.weight = weight
        section.save(update_fields=["weight"])
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=section.survey,
            changes={f"weight.{section.code}": [str(before), str(weight)]},
        )
    return section


def _lines(text: str) -> list[tuple[str, str, str]]:
    """``value | Vietnamese | English`` lines (or just the Vietnamese text)."""
    out = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = [p.strip() for p in line.split("|")]
        if not parts[0]:
            continue
        if len(parts) == 1:
            parts = [str(number), parts[0], ""]
        elif len(parts) == 2:
            parts = [parts[0], parts[1], ""]
        out.append((parts[0], parts[1], parts[2]))
    return out


def question_add(
    *,
    actor: Any,
    section: Section,
    code: str,
    kind: str,
    text_vi: str,
    text_en: str = "",
    is_required: bool = False,
    options_text: str = "",
    min_value: int | None = None,
    max_value: int | None = None,
    show_if_question: str = "",
    show_if_values: str = "",
) -> Question:
    """Add a question to a draft's section. Choices and matrix rows come as lines
    ``value | Vietnamese | English``; a Likert or matrix question counts in the index."""
    survey = section.survey
    _require_unit(actor, survey.unit)
    _require_draft(survey)
    problems = {}
    if not CODE.match(code or ""):
        problems["code"] = _("Lower-case letters, digits and _, starting with a letter.")
    elif Question.objects.filter(section__survey=survey, code=code).exists():
        problems["code"] = _("Another question of this survey has this code.")
    if kind not in QuestionKind.values:
        problems["kind"] = _("Pick a kind of question.")
    if not text_vi.strip():
        problems["text_vi"] = _("Write the question in Vietnamese.")
    items = _lines(options_text)
    if kind in ("single", "multiple", "matrix") and len(items) < (1 if kind == "matrix" else 2):
        problems["options_text"] = _("List the options (or matrix rows), one per line.")
    if min_value is not None and max_value is not None and min_value > max_value:
        problems["max_value"] = _("The largest number is below the smallest.")
    show_if = {}
    if show_if_question:
        if not Question.objects.filter(section__survey=survey, code=show_if_question).exists():
            problems["show_if_question"] = _("There is no question with this code.")
        values = [v.strip() for v in show_if_values.split(",") if v.strip()]
        if not values:
            problems["show_if_values"] = _("Name the answers that show this question.")
        show_if = {"question": show_if_question, "values": values}
    if problems:
        raise SurveyRefused(_("The question was not added."), fields=problems)
    with transaction.atomic():
        order = (section.questions.aggregate(top=Max("order"))["top"] or 0) + 1
        question = Question.objects.create(
            section=section,
            order=order,
            code=code,
            kind=kind,
            text_vi=text_vi.strip(),
            text_en=text_en.strip(),
            is_required=is_required,
            is_scored=kind in ("likert", "matrix"),
            options=[{"value": v, "vi": vi, "en": en} for v, vi, en in items]
            if kind in ("single", "multiple")
            else [],
            rows=[{"code": v, "vi": vi, "en": en} for v, vi, en in items]
            if kind == "matrix"
            else [],
            min_value=min_value,
            max_value=max_value,
            show_if=show_if,
        )
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"question_added": code, "kind": kind},
        )
    return question


def question_remove(*, actor: Any, question: Question) -> None:
    """Remove a question from a draft (refused while another question depends on it)."""
    survey = question.section.survey
    _require_unit(actor, survey.unit)
    _require_draft(survey)
    dependent = [
        q.code
        for q in Question.objects.filter(section__survey=survey)
        if q.show_if.get("question") == question.code
    ]
    if dependent:
        raise SurveyRefused(
            _("Other questions are shown depending on this one: %(codes)s.")
            % {"codes": ", ".join(dependent)}
        )
    with transaction.atomic():
        code = question.code
        question.delete()
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_CHANGED,
            obj=survey,
            changes={"question_removed": code},
        )


def _transition(actor: Any, survey: Survey, to: str, action: str, **extra: Any) -> Survey:
    with transaction.atomic():
        locked = Survey.objects.select_for_update().get(pk=survey.pk)
        before = locked.status
        locked.status = to
        for key, value in extra.items():
            setattr(locked, key, value)
        locked.save(update_fields=["status", *extra])
        event_record(actor=actor, action=action, obj=locked, changes={"status": [before, to]})
    return locked


def survey_publish(*, actor: Any, survey: Survey) -> Survey:
    """Publish a draft: it is frozen from now on and takes answers. An earlier published
    version of the same survey is closed."""
    _require_unit(actor, survey.unit)
    if survey.status != SurveyStatus.DRAFT:
        raise SurveyRefused(_("Only a draft can be published."))
    if not Question.objects.filter(section__survey=survey).exists():
        raise SurveyRefused(_("A survey needs at least one question."))
    with transaction.atomic():
        for older in Survey.objects.filter(
            family=survey.family, status=SurveyStatus.PUBLISHED
        ).exclude(pk=survey.pk):
            _transition(actor, older, SurveyStatus.CLOSED, SurveyAuditAction.SURVEY_CLOSED)
        return _transition(
            actor,
            survey,
            SurveyStatus.PUBLISHED,
            SurveyAuditAction.SURVEY_PUBLISHED,
            published_at=timezone.now(),
        )


def survey_close(*, actor: Any, survey: Survey) -> Survey:
    """Close a published survey: it takes no more answers."""
    _require_unit(actor, survey.unit)
    if survey.status != SurveyStatus.PUBLISHED:
        raise SurveyRefused(_("Only a published survey can be closed."))
    return _transition(actor, survey, SurveyStatus.CLOSED, SurveyAuditAction.SURVEY_CLOSED)


def survey_new_version(*, actor: Any, survey: Survey) -> Survey:
    """A draft copy of a frozen survey, the next version of the same family."""
    _require_unit(actor, survey.unit)
    if not survey.is_frozen:
        raise SurveyRefused(_("This version is still a draft: change it directly."))
    if Survey.objects.filter(family=survey.family, status=SurveyStatus.DRAFT).exists():
        raise SurveyRefused(_("A draft of the next version exists already."))
    copied = [
        "unit",
        "family",
        "title_vi",
        "title_en",
        "intro_vi",
        "intro_en",
        "satisfied_from",
        "respondent_threshold",
        "min_answers",
        "is_for_invitations",
        "sample_every",
        "monthly_quota",
        "invitation_days",
    ]
    with transaction.atomic():
        top = Survey.objects.filter(family=survey.family).aggregate(v=Max("version"))["v"]
        draft = Survey.objects.create(
            version=top + 1, **{name: getattr(survey, name) for name in copied}
        )
        for section in survey.sections.prefetch_related("questions"):
            questions = list(section.questions.all())
            section.pk = None
            section.survey = draft
            section.save()
            for question in questions:
                question.pk = None
                question.section = section
                question.save()
        event_record(
            actor=actor,
            action=SurveyAuditAction.SURVEY_VERSIONED,
            obj=draft,
            changes={"from_version": survey.version, "version": draft.version},
        )
    return draft


def survey_results_publish(*, actor: Any, survey: Survey, published: bool = True) -> Survey:
    """Show (or withdraw) the survey's figures on the agency's public page."""
    _require_unit(actor, survey.unit)
    if published and survey.status == SurveyStatus.DRAFT:
        raise SurveyRefused(_("A draft has no results to publish."))
    with transaction.atomic():
        survey.results_published = published
        survey.save(update_fields=["results_published"])
        event_record(
            actor=actor,
            action=SurveyAuditAction.RESULTS_PUBLISHED,
            obj=survey,
            changes={"results_published": published},
        )
    return survey


def _reference_hash(reference: str) -> str:
    key = f"{settings.SECRET_KEY}:{INVITATION_SALT}".encode()
    return hmac.new(key, reference.strip().encode(), hashlib.sha256).hexdigest()


def _invitation_survey(unit: OrgUnit) -> Survey | None:
    """The published invitation survey of ``unit`` or of the nearest unit above it."""
    candidates = Survey.objects.filter(
        status=SurveyStatus.PUBLISHED, is_for_invitations=True, unit__status="active"
    ).select_related("unit")
    best = None
    for survey in candidates:
        if unit.path.startswith(survey.unit.path) and (
            best is None or len(survey.unit.path) > len(best.unit.path)
        ):
            best = survey
    return best


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation:
    """The invitation of a signed link; refused when forged, expired or answered already."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature as error:
        raise InvitationUsed(_("This survey link is not valid.")) from error
    invitation = (
        Invitation.objects.select_related("survey", "unit").filter(pk=data.get("i")).first()
    )
    if invitation is None:
        raise InvitationUsed(_("This survey link is not valid."))
    if invitation.is_answered:
        raise InvitationUsed(
            _("This survey link was used already: one answer per dossier."), code="link_used"
        )
    if invitation.expires_at < timezone.now():
        raise InvitationUsed(_("This survey link has expired."), code="link_expired")
    return invitation


def survey_invite_for_service(
    *,
    unit: OrgUnit,
    procedure_code: str,
    channel: str,
    reference: str,
    recipient_user: Any = None,
    contact: str = "",
) -> Invitation | None:
    """After a service is completed (a dossier returned): invite its applicant to the unit's
    invitation survey, if the unit's sampling picks this one (every n-th, at most the monthly
    quota). The same ``reference`` (dossier code) is never invited twice. The applicant gets a
    signed, expiring link by e-mail or SMS; the link is sent, not stored. None when not sent."""
    channel_to, address = _contact_of(recipient_user, contact)
    if not reference or unit is None or not address:
        return None
    with transaction.atomic():
        survey = _invitation_survey(unit)
        if survey is None:
            return None
        survey = Survey.objects.select_for_update().get(pk=survey.pk)
        reference_hash = _reference_hash(reference)
        if Invitation.objects.filter(reference_hash=reference_hash).exists():
            return None
        survey.dossiers_seen += 1
        survey.save(update_fields=["dossiers_seen"])
        if (survey.dossiers_seen - 1) % survey.sample_every:
            return None
        today = timezone.localdate()
        if survey.monthly_quota is not None:
            sent = Invitation.objects.filter(
                survey__family=survey.family, sent_on__gte=today.replace(day=1)
            ).count()
            if sent >= survey.monthly_quota:
                return None
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    survey=survey,
                    unit=unit,
                    procedure_code=procedure_code[:60],
                    channel=channel[:10],
                    reference_hash=reference_hash,
                    sent_on=today,
                    expires_at=timezone.now() + datetime.timedelta(days=survey.invitation_days),
                )
        except IntegrityError:
            return None
        _invitation_send(
            invitation, recipient_user=recipient_user, channel=channel_to, address=address
        )
        event_record(
            actor=None,
            action=SurveyAuditAction.INVITATION_SENT,
            obj=invitation,
            changes={"unit": unit.pk, "procedure": procedure_code, "channel": channel},
        )
    logger.info("surveys.invitation_sent", extra={"survey": survey.pk, "unit": unit.pk})
    return invitation


def _contact_of(user: Any, contact: str) -> tuple[str, str]:
    """The channel and address to invite through: the given contact (an e-mail address or a
    phone number), else the account's e-mail address, else its phone number."""
    contact = (contact or "").strip()
    if contact:
        return ("email" if "@" in contact else "sms"), contact
    if user is not None and getattr(user, "email", ""):
        return "email", user.email
    if user is not None and getattr(user, "phone", ""):
        return "sms", user.phone
    return "", ""


def _invitation_send(
    invitation: Invitation, *, recipient_user: Any, channel: str, address: str
) -> None:
    token = invitation_token(invitation)
    link = reverse("surveys:invitation-answer", args=[token])
    url = f"{settings.SITE_URL.rstrip('/')}{link}"
    notification_send(
        recipient=recipient_user,
        channel=channel,
        subject=_("How satisfied are you with our service?"),
        body=_(
            "Thank you for using our service. Please tell us how satisfied you are (anonymous, "
            "two minutes): %(url)s . The link is valid for %(days)s days."
        )
        % {"url": url, "days": invitation.survey.invitation_days},
        address=address,
        secret=token,
    )


def response_submit(
    *,
    survey: Survey,
    answers: Mapping[str, Any],
    source: str = AnswerSource.PUBLIC_LINK,
    invitation: Invitation | None = None,
    procedure_code: str = "",
    channel: str = "",
) -> Response:
    """Record one anonymous answer. Refused for a survey that is not published, for answers
    that break a question's rule (422, per question) and for a used invitation. With an
    invitation the unit, procedure and channel are the invitation's; nothing names a person."""
    if survey.status != SurveyStatus.PUBLISHED:
        raise SurveyNotOpen(_("This survey is not open for answers."))
    specs = question_specs(survey)
    clean, problems = answers_check(specs, answers)
    if problems:
        raise AnswerInvalid(_("Some answers need attention."), fields=problems)
    score = response_score(
        specs,
        clean,
        weights=section_weights(survey),
        satisfied_from=survey.satisfied_from,
        respondent_threshold=survey.respondent_threshold,
    )
    unit = survey.unit
    with transaction.atomic():
        if invitation is not None:
            if invitation.survey.family != survey.family:
                raise InvitationUsed(_("This survey link is not valid."))
            claimed = Invitation.objects.filter(pk=invitation.pk, is_answered=False).update(
                is_answered=True
            )
            if not claimed:
                raise InvitationUsed(
                    _("This survey link was used already: one answer per dossier."),
                    code="link_used",
                )
            unit, source = invitation.unit, AnswerSource.INVITATION
            procedure_code, channel = invitation.procedure_code, invitation.channel
        response = Response.objects.create(
            survey=survey,
            unit=unit,
            procedure_code=procedure_code[:60],
            channel=channel[:10],
            source=source,
            submitted_on=timezone.localdate(),
            answers=clean,
            overall_score=score.overall,
            is_satisfied=score.is_satisfied,
            is_dissatisfied=score.is_dissatisfied,
        )
        # Anonymous by construction: the entry keeps neither the address nor the browser.
        origin = current_origin.set(RequestOrigin(channel=current_origin.get().channel))
        try:
            event_record(
                actor=None,
                action=SurveyAuditAction.RESPONSE_RECORDED,
                obj=response,
                changes={"survey": survey.pk, "source": source},
            )
        finally:
            current_origin.reset(origin)
    return response
