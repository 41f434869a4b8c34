"""The city office's form editor: the regimes list, a new draft regime, a draft's fields and
indicators (add, move, remove), publishing, and a new version of a published regime."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.orgs.access import reach_of
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit
from egov.reporting import editing, selectors
from egov.reporting.choices import RegimeStatus
from egov.reporting.forms import IndicatorForm, RegimeForm
from egov.reporting.models import Regime


def _regime_form(request: HttpRequest, *args: Any, **kwargs: Any) -> RegimeForm:
    receivers = OrgUnit.objects.active().filter(
        reach_of(request.user, roles=editing.EDITORS).q("self")
    )
    return RegimeForm(*args, roots=OrgUnit.objects.active(), receivers=receivers, **kwargs)


def _fields(data: dict) -> dict:
    fields = {name: data[name] for name in editing.REGIME_FIELDS}
    return {**fields, "level_kind": data["level_kind"], "level_days": data["level_days"]}


@require_http_methods(["GET", "POST"])
@officer_required
def regime_create(request: HttpRequest) -> HttpResponse:
    """A new draft regime (its form filled next)."""
    form = _regime_form(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            regime = editing.regime_draft_create(
                actor=request.user, code=form.cleaned_data["code"], **_fields(form.cleaned_data)
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The draft regime was created; add its indicators."))
            return redirect("reporting:regime-form", pk=regime.pk)
    status = 400 if form.errors else 200
    return render(request, "reporting/regime_create.html", {"form": form}, status=status)


def _regime(request: HttpRequest, pk: int) -> Regime:
    regime = selectors.regime_get_for_user(request.user, pk)
    if not editing.may_edit(request.user, regime):
        raise Http404
    return regime


def _initial(regime: Regime) -> dict:
    level = regime.levels.first()
    return {
        **{name: getattr(regime, name) for name in editing.REGIME_FIELDS},
        "code": regime.code,
        "level_kind": level.unit_kind if level else "",
        "level_days": level.deadline_days if level else None,
    }


def _form_page(
    request: HttpRequest,
    regime: Regime,
    *,
    form: RegimeForm | None = None,
    indicator_form: IndicatorForm | None = None,
    error: DomainError | None = None,
    status: int = 200,
) -> HttpResponse:
    form = form or _regime_form(request, initial=_initial(regime))
    form.fields["code"].disabled = True
    context = {
        "regime": regime,
        "draft": regime.status == RegimeStatus.DRAFT,
        "form": form,
        "indicator_form": indicator_form
        or IndicatorForm(initial={"required": True}, auto_id="ind_%s"),
        "indicators": list(regime.indicators.all()),
        "error": error,
    }
    return render(request, "reporting/regime_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_required
def regime_form(request: HttpRequest, pk: int) -> HttpResponse:
    """A regime and its form; a draft's fields are changed here."""
    regime = _regime(request, pk)
    if request.method == "GET":
        return _form_page(request, regime)
    form = _regime_form(request, request.POST, initial=_initial(regime))
    form.fields["code"].disabled = True
    if form.is_valid():
        try:
            editing.regime_update(actor=request.user, regime=regime, **_fields(form.cleaned_data))
        except DomainError as error:
            form_add_domain_error(form, error)
            return _form_page(request, regime, form=form, status=error.status)
        messages.success(request, _("The regime was saved."))
        return redirect("reporting:regime-form", pk=pk)
    return _form_page(request, regime, form=form, status=400)


@require_POST
@officer_required
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    regime = _regime(request, pk)
    form = IndicatorForm(request.POST, auto_id="ind_%s")
    if not form.is_valid():
        return _form_page(request, regime, indicator_form=form, status=400)
    try:
        editing.indicator_add(actor=request.user, regime=regime, data=form.cleaned_data)
    except DomainError as error:
        form_add_domain_error(form, error)
        return _form_page(request, regime, indicator_form=form, status=error.status)
    messages.success(request, _("The indicator was added."))
    return redirect("reporting:regime-form", pk=pk)


def _indicator_id(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("indicator", ""))
    except ValueError:
        return None


@require_POST
@officer_required
def indicator_change(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Move an indicator up or down, or remove it (a draft's form)."""
    regime = _regime(request, pk)
    indicator_id = _indicator_id(request)
    if indicator_id is None:
        return _form_page(request, regime, status=400)
    try:
        if action == "remove":
            editing.indicator_remove(actor=request.user, regime=regime, indicator_id=indicator_id)
        else:
            editing.indicator_move(
                actor=request.user, regime=regime, indicator_id=indicator_id, up=action == "up"
            )
    except DomainError as error:
        return _form_page(request, regime, error=error, status=error.status)
    return redirect("reporting:regime-form", pk=pk)


@require_POST
@officer_required
def regime_publish(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish a draft, or draft a new version of a published regime."""
    regime = _regime(request, pk)
    try:
        if action == "revise":
            draft = editing.regime_revise(actor=request.user, regime=regime)
            messages.success(request, _("A new version was drafted from the published form."))
            return redirect("reporting:regime-form", pk=draft.pk)
        editing.regime_publish(actor=request.user, regime=regime)
    except DomainError as error:
        return _form_page(request, regime, error=error, status=error.status)
    messages.success(request, _("The regime was published; its form is now frozen."))
    return redirect("reporting:regime-form", pk=pk)
