"""Pages of crowded and long-running cases on the city's five-step plan: the city list (every
case within reach, late milestones marked), a case with its milestones, putting an accepted
petition on the plan, and the year's plan (read by officers, set by the city inspectorate).
A refusal re-renders the page with the reason (400), never a 500."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.complaints import services_crowded
from egov.complaints.forms import CrowdedOpenForm, CrowdedPlanForm, MilestoneDoneForm
from egov.complaints.models import CrowdedCase, CrowdedPlan
from egov.complaints.selectors import petition_get_for_user
from egov.complaints.selectors_crowded import (
    case_rows,
    crowded_case_get_for_user,
    crowded_cases_for_user,
    may_edit_plans,
    plan_years,
)
from egov.complaints.services_crowded_tasks import crowded_case_tasks_create, may_make_tasks
from egov.orgs.decorators import officer_required

STEPS = services_crowded.STEPS


def _refused(error: DomainError) -> None:
    if error.status == 403:
        raise PermissionDenied from error


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return timezone.localdate().year


@require_GET
@officer_required
def crowded_list(request: HttpRequest) -> HttpResponse:
    """The city list of crowded and long-running cases of a year, late milestones marked."""
    year = _year(request)
    rows = case_rows(crowded_cases_for_user(request.user, year=year))
    plan = CrowdedPlan.objects.filter(year=year).first()
    days = services_crowded.default_days(year) if plan is None else None
    context = {
        "year": year,
        "rows": rows,
        "plan": plan,
        "days": [plan.due(step) for step in STEPS] if plan else [days[s] for s in STEPS],
        "steps": services_crowded.STEP_LABELS,
        "years": sorted({*plan_years(), year}, reverse=True),
        "late_cases": sum(1 for row in rows if row.late_count),
        "may_edit": may_edit_plans(request.user),
    }
    return render(request, "complaints/crowded_list.html", context)


def _plan_initial(year: int) -> dict:
    plan = CrowdedPlan.objects.filter(year=year).first()
    if plan is None:
        days = services_crowded.default_days(year)
        return {f"{step}_by": day for step, day in days.items()} | {
            "basis": services_crowded.DEFAULT_BASIS
        }
    return {f"{step}_by": plan.due(step) for step in STEPS} | {
        "basis": plan.basis,
        "version": plan.version,
        "document": plan.document_id,
    }


@require_http_methods(["GET", "POST"])
@officer_required
def crowded_plan(request: HttpRequest) -> HttpResponse:
    """The five-step plan of the year asked (``?year=``, this year by default): every officer
    reads it, the city inspectorate sets it."""
    year = _year(request)
    may_edit = may_edit_plans(request.user)
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = CrowdedPlanForm(request.POST or None, initial=_plan_initial(year), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services_crowded.crowded_plan_save(
                actor=request.user,
                year=year,
                days={step: data[f"{step}_by"] for step in STEPS},
                basis=data["basis"],
                expected_version=data["version"],
                document=data["document"],
            )
        except DomainError as error:
            _refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(
                request, _("The five-step plan of %(year)s was saved.") % {"year": year}
            )
            return redirect(f"{reverse('complaints:crowded-list')}?{urlencode({'year': year})}")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "year": year, "may_edit": may_edit, "initial": _plan_initial(year)}
    context["days"] = [
        (services_crowded.STEP_LABELS[i], context["initial"][f"{s}_by"])
        for i, s in enumerate(STEPS)
    ]
    return render(request, "complaints/crowded_plan.html", context, status=status)


@require_http_methods(["GET", "POST"])
@officer_required
def crowded_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an accepted petition on the five-step plan."""
    petition = petition_get_for_user(request.user, pk)
    initial = {"year": timezone.localdate().year, "people": 1, "is_crowded": True}
    form = CrowdedOpenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services_crowded.crowded_case_open(
                actor=request.user, petition=petition, **form.cleaned_data
            )
        except DomainError as error:
            _refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The case was put on the five-step plan."))
            return redirect("complaints:crowded-detail", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    title = _("Put petition %(number)s on the five-step plan") % {"number": petition.number}
    return render(request, "complaints/form.html", {"form": form, "title": title}, status=status)


def _detail(
    request: HttpRequest,
    case: CrowdedCase,
    *,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    row = case_rows([case])[0]
    next_step = next((m.milestone.step for m in row.milestones if m.milestone.done_on is None), "")
    form = bound[1] if bound else MilestoneDoneForm(initial={"done_on": timezone.localdate()})
    context = {
        "case": case,
        "row": row,
        "next_step": next_step,
        "form": form,
        "handler": services_crowded.may_handle(request.user, case),
        "may_make_tasks": may_make_tasks(request.user, case.plan)
        and any(
            m.milestone.task_id is None and m.milestone.done_on is None for m in row.milestones
        ),
    }
    return render(request, "complaints/crowded_detail.html", context, status=status)


@require_GET
@officer_required
def crowded_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, crowded_case_get_for_user(request.user, pk))


@require_POST
@officer_required
def crowded_milestone(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Record a milestone of the case done."""
    case = crowded_case_get_for_user(request.user, pk)
    if step not in STEPS:
        raise Http404
    form = MilestoneDoneForm(request.POST)
    if not form.is_valid():
        return _detail(request, case, bound=(step, form), status=400)
    try:
        services_crowded.crowded_milestone_done(
            actor=request.user, case=case, step=step, **form.cleaned_data
        )
    except DomainError as error:
        _refused(error)
        form_add_domain_error(form, error)
        return _detail(
            request, crowded_case_get_for_user(request.user, pk), bound=(step, form), status=400
        )
    messages.success(request, _("The step was recorded as done."))
    return redirect("complaints:crowded-detail", pk=case.pk)


@require_POST
@officer_required
def crowded_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the case's milestones tasks of the plan's document (its office)."""
    case = crowded_case_get_for_user(request.user, pk)
    try:
        made = crowded_case_tasks_create(actor=request.user, case=case)
    except DomainError as error:
        _refused(error)
        messages.error(request, error.message)
        return redirect("complaints:crowded-detail", pk=case.pk)
    messages.success(
        request,
        _("%(count)s milestones are now tasks in the task tracker.") % {"count": len(made)},
    )
    return redirect("complaints:crowded-detail", pk=case.pk)
