"""Writes of the agency public pages (Decree 43/2011/NĐ-CP art. 10): a unit's profile and its
announcements, plans and programmes, by the unit's own officers. Rich text is sanitised here,
whatever the form or editor sent (``common.html.html_sanitize``)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov.audit.services import event_record
from egov.common.exceptions import DomainError, PermissionDenied
from egov.common.html import html_sanitize, html_text
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit
from egov.portal.choices import PortalAuditAction, PostKind
from egov.portal.models import UnitPost, UnitProfile

Actor = AbstractBaseUser | AnonymousUser

TITLE_MAX = 300
#: The stored (sanitised) HTML of a body: an announcement of some pages, not a document.
BODY_MAX = 50_000
FIELD_MAX = {"address": 300, "phone": 30, "email": 254, "office_hours": 200}


class PageError(DomainError):
    """Input the agency pages refuse (empty, too long, unknown kind)."""

    code = "invalid"
    status = 400


def _refuse(field: str, message: str, code: str = "invalid") -> None:
    raise PageError(message, code=code, fields={field: message})


def _editor_check(actor: Actor, unit: OrgUnit) -> None:
    if not actor.is_authenticated or not can_act_for_unit(actor, unit):
        raise PermissionDenied(_("Only the unit's officers edit its public page."))


def _rich_text(value: str, field: str, *, required: bool) -> str:
    """Sanitised HTML of ``value``; refused when nothing readable is left (a body of only a
    script is empty) or when it is too long."""
    html = html_sanitize(value)
    if required and not html_text(html):
        _refuse(field, _("This field is required."), "required")
    if len(html) > BODY_MAX:
        _refuse(
            field,
            _("The text is too long: at most %(count)s characters with its formatting.")
            % {"count": BODY_MAX},
            "too_long",
        )
    return html if html_text(html) else ""


def _plain(value: str, field: str, max_length: int, *, required: bool = False) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        _refuse(field, _("This field is required."), "required")
    if len(value) > max_length:
        _refuse(field, _("At most %(count)s characters.") % {"count": max_length}, "too_long")
    return value


def unit_profile_update(
    *,
    actor: Actor,
    unit: OrgUnit,
    functions: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    office_hours: str = "",
) -> UnitProfile:
    """An officer of ``unit`` writes its functions and duties and its contacts; audited with the
    fields that changed. Saving the same text again changes nothing and records nothing."""
    _editor_check(actor, unit)
    values = {
        "functions": _rich_text(functions, "functions", required=False),
        **{
            name: _plain(value, name, FIELD_MAX[name])
            for name, value in (
                ("address", address),
                ("phone", phone),
                ("email", email),
                ("office_hours", office_hours),
            )
        },
    }
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            _refuse("email", _("Enter a valid e-mail address."))
    with transaction.atomic():
        profile, _created = UnitProfile.objects.select_for_update().get_or_create(unit=unit)
        changed = [name for name, value in values.items() if getattr(profile, name) != value]
        if not changed:
            return profile
        for name in changed:
            setattr(profile, name, values[name])
        profile.updated_at = timezone.now()
        profile.updated_by = actor
        profile.version += 1
        profile.save(update_fields=[*changed, "updated_at", "updated_by", "version"])
        event_record(
            actor=actor,
            action=PortalAuditAction.UNIT_PROFILE_UPDATED,
            obj=profile,
            changes={"unit": unit.pk, "fields": changed},
        )
    return profile


def _post_values(kind: str, title: str, body: str) -> dict[str, str]:
    if kind not in PostKind.values:
        _refuse("kind", _("Choose what you publish: announcement, plan or programme."))
    return {
        "kind": kind,
        "title": _plain(title, "title", TITLE_MAX, required=True),
        "body": _rich_text(body, "body", required=True),
    }


def unit_post_create(
    *,
    actor: Actor,
    unit: OrgUnit,
    kind: str,
    title: str,
    body: str,
    publish: bool,
    request_key: str = "",
) -> UnitPost:
    """An officer of ``unit`` writes an announcement, plan or programme, published at once or
    kept as a draft; the same ``request_key`` again (a double click) returns the first one."""
    _editor_check(actor, unit)
    if request_key:
        found = UnitPost.objects.filter(unit=unit, request_key=request_key).first()
        if found is not None:
            return found
    values = _post_values(kind, title, body)
    now = timezone.now()
    try:
        with transaction.atomic():
            post = UnitPost.objects.create(
                unit=unit,
                created_by=actor,
                is_published=publish,
                published_at=now if publish else None,
                request_key=request_key,
                **values,
            )
            event_record(
                actor=actor,
                action=PortalAuditAction.UNIT_POST_CREATED,
                obj=post,
                changes={"unit": unit.pk, "kind": kind, "published": publish},
            )
    except IntegrityError:
        # The same key committed meanwhile by a concurrent request: that one is the post.
        return UnitPost.objects.get(unit=unit, request_key=request_key)
    return post


def unit_post_update(
    *, actor: Actor, post: UnitPost, kind: str, title: str, body: str, publish: bool
) -> UnitPost:
    """An officer of the post's unit changes it, publishes it or takes it back to a draft;
    audited with the fields that changed. The first publication time is kept."""
    _editor_check(actor, post.unit)
    values = {**_post_values(kind, title, body), "is_published": publish}
    with transaction.atomic():
        post = UnitPost.objects.select_for_update().get(pk=post.pk)
        changed = [name for name, value in values.items() if getattr(post, name) != value]
        if not changed:
            return post
        for name in changed:
            setattr(post, name, values[name])
        if publish and post.published_at is None:
            post.published_at = timezone.now()
            changed.append("published_at")
        post.version += 1
        post.save(update_fields=[*changed, "version", "updated_at"])
        event_record(
            actor=actor,
            action=PortalAuditAction.UNIT_POST_UPDATED,
            obj=post,
            changes={"unit": post.unit_id, "fields": changed, "published": publish},
        )
    return post
