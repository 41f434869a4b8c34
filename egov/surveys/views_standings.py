"""The province's governance-index standings (officers): PAPI, PCI, SIPAS, PAR INDEX and DTI
over the years, the targets of the plans, the weak dimensions and their responsible units;
the city office enters the scores and names the units (the forms show to those who act for the
province)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.panels import panels_for
from egov.orgs.access import can_act_for_unit
from egov.orgs.choices import UnitKind
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit
from egov.surveys import services
from egov.surveys.forms import DimensionOwnerForm, StandingForm
from egov.surveys.selectors_standings import provinces, standings_table
from egov.surveys.standings import DIMENSIONS_PLACE, INDEXES


def _page(
    request: HttpRequest, province: OrgUnit | None, index_code: str, status: int = 200, **forms: Any
) -> HttpResponse:
    index = INDEXES[index_code]
    context: dict[str, Any] = {
        "provinces": provinces(),
        "province": province,
        "index": index,
        "indexes": list(INDEXES.values()),
    }
    if province is not None:
        context["table"] = standings_table(province, index_code)
        context["dimension_panels"] = _dimension_panels(request.user, province, index)
        if can_act_for_unit(request.user, province):
            units = OrgUnit.objects.active().filter(path__startswith=province.path)
            context["standing_form"] = forms.get("standing_form") or StandingForm(index)
            context["owner_form"] = forms.get("owner_form") or DimensionOwnerForm(index, units)
    return render(request, "surveys/standings.html", context, status=status)


def _dimension_panels(user: Any, province: OrgUnit, index: Any) -> list[tuple[Any, list]]:
    """Each dimension with what upper apps show under it (the directive tasks serving it)."""
    found = panels_for(DIMENSIONS_PLACE, user, province, index.code)
    return [
        (dimension, [by_code[dimension.code] for by_code in found if dimension.code in by_code])
        for dimension in index.dimensions
        if any(dimension.code in by_code for by_code in found)
    ]


@require_GET
@officer_required
def standing_list(request: HttpRequest) -> HttpResponse:
    choices = provinces()
    wanted = request.GET.get("province", "")
    province = next((p for p in choices if str(p.pk) == wanted), None)
    if province is None:
        acting = [p for p in choices if can_act_for_unit(request.user, p)]
        province = (acting or choices or [None])[0]
    index_code = request.GET.get("index", "papi")
    if index_code not in INDEXES:
        index_code = "papi"
    return _page(request, province, index_code)


def _province(request: HttpRequest, province_id: int, index_code: str) -> OrgUnit:
    """The province whose standings are changed; refused (403) before reading the form to who
    does not act for it (the service checks it again)."""
    if index_code not in INDEXES:
        raise Http404
    province = get_object_or_404(OrgUnit, pk=province_id, kind=UnitKind.PROVINCE)
    if not can_act_for_unit(request.user, province):
        raise PermissionDenied
    return province


def _back(province: OrgUnit, index_code: str) -> HttpResponse:
    query = urlencode({"province": province.pk, "index": index_code})
    return redirect(f"{reverse('surveys:standing-list')}?{query}")


def _refused(request: HttpRequest, error: DomainError, form: Any) -> int:
    if error.status == 403:
        raise PermissionDenied from error
    form_add_domain_error(form, error)
    return error.status


@require_POST
@officer_required
def standing_record(request: HttpRequest, province_id: int, index: str) -> HttpResponse:
    province = _province(request, province_id, index)
    form = StandingForm(INDEXES[index], request.POST)
    if form.is_valid():
        try:
            services.standing_record(
                actor=request.user, province=province, index=index, **form.cleaned_data
            )
        except DomainError as error:
            status = _refused(request, error, form)
        else:
            messages.success(request, _("The standing was recorded."))
            return _back(province, index)
    else:
        status = 400
    return _page(request, province, index, status=status, standing_form=form)


@require_POST
@officer_required
def dimension_owner(request: HttpRequest, province_id: int, index: str) -> HttpResponse:
    province = _province(request, province_id, index)
    units = OrgUnit.objects.active().filter(path__startswith=province.path)
    form = DimensionOwnerForm(INDEXES[index], units, request.POST)
    if form.is_valid():
        try:
            services.dimension_owner_set(
                actor=request.user, province=province, index=index, **form.cleaned_data
            )
        except DomainError as error:
            status = _refused(request, error, form)
        else:
            messages.success(request, _("The responsible unit was set."))
            return _back(province, index)
    else:
        status = 400
    return _page(request, province, index, status=status, owner_form=form)
