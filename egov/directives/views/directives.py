"""Directive pages: the list, registering a paper-signed directive, a directive with its task
table, and adding a task to it."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.directives import services
from egov.directives.access import is_office
from egov.directives.forms import DirectiveRegisterForm, TaskForm
from egov.directives.models import TaskGroup, TaskImport
from egov.directives.selectors import directive_get_for_user, directive_list_for_user
from egov.directives.selectors.lists import task_list_for_user
from egov.documents.services import FileIn
from egov.orgs.choices import Role
from egov.orgs.decorators import officer_required
from egov.orgs.forms import UnitChoiceField
from egov.orgs.levels import administrative_unit
from egov.orgs.models import Membership, OrgUnit

PAGE_SIZE = 30
REGISTRARS = (Role.CLERK, Role.UNIT_HEAD)


@require_GET
@officer_required
def directive_list(request: HttpRequest) -> HttpResponse:
    """Directives the officer sees: of their units, or assigning them a task."""
    query = request.GET.get("q", "")[:100]
    page = Paginator(directive_list_for_user(request.user, query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "directives/directive_list.html", {"page": page, "q": query})


def _registrar_units(user: Any) -> Any:
    ids = Membership.objects.current().filter(user=user, role__in=REGISTRARS).values("unit_id")
    return OrgUnit.objects.active().filter(pk__in=ids)


@require_http_methods(["GET", "POST"])
@officer_required
def directive_register(request: HttpRequest) -> HttpResponse:
    """Enter a directive signed on paper (the registry checks number and notation)."""
    units = _registrar_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = DirectiveRegisterForm(request.POST or None, request.FILES or None)
    form.fields["unit"] = _unit_field(units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.pop("file", None)
        files = [FileIn(name=upload.name, content=upload.read(), kind="signed")] if upload else []
        try:
            document = services.directive_register(actor=request.user, files=files, **data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The directive was registered."))
            return redirect("directives:directive-detail", pk=document.pk)
    status = 400 if form.errors else 200
    return render(request, "directives/directive_register.html", {"form": form}, status=status)


def _unit_field(units: Any) -> forms.ModelChoiceField:
    return UnitChoiceField(
        label=_("Issuing unit"),
        queryset=units,
        initial=units.first() if units.count() == 1 else None,
    )


def _grouped(document: Any, lines: list) -> list[tuple[list[TaskGroup], list]]:
    """Task lines in table order under their group path (area → component)."""
    groups = {g.pk: g for g in TaskGroup.objects.filter(document=document)}
    by_group: dict[int | None, list] = defaultdict(list)
    for line in lines:
        by_group[line.task.group_id].append(line)
    sections = []
    for key, items in by_group.items():
        path: list[TaskGroup] = []
        group = groups.get(key) if key else None
        while group is not None:
            path.insert(0, group)
            group = groups.get(group.parent_id) if group.parent_id else None
        sections.append((path, sorted(items, key=lambda ln: (ln.task.order, ln.task.pk))))
    sections.sort(key=lambda entry: [g.order for g in entry[0]])
    return sections


@require_GET
@officer_required
def directive_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A directive with the tasks it assigns (those the officer sees), in table order."""
    document = directive_get_for_user(request.user, pk)
    lines = task_list_for_user(request.user, document=document, today=timezone.localdate())
    office = is_office(request.user, document.unit)
    imports = (
        TaskImport.objects.filter(document=document, is_applied=False)
        if office
        else TaskImport.objects.none()
    )
    top = [line for line in lines if not line.task.parent_id]
    return render(
        request,
        "directives/directive_detail.html",
        {
            "document": document,
            "groups": _grouped(document, top),
            "is_office": office,
            "imports": imports,
        },
    )


def task_data(data: dict[str, Any]) -> services.TaskData:
    """The service input from a valid TaskForm's cleaned data."""
    return services.TaskData(
        content=data["content"],
        lead_unit=data["lead_unit"],
        cooperating=list(data["cooperating"]),
        implementing=list(data["implementing"]),
        expected_result=data["expected_result"],
        target_value=data["target_value"],
        target_unit=data["target_unit"],
        recurrence=data["recurrence"],
        deadline_on=data["deadline_on"],
        period_day=data["period_day"],
        period_month=data["period_month"],
        report_by_on=data["report_by_on"],
        index_code=data.get("index_code") or "",
        index_dimension=data.get("index_dimension") or "",
    )


def scope_units(document: Any) -> Any:
    return (
        OrgUnit.objects.active()
        .subtree_of(administrative_unit(document.unit))
        .select_related("parent")
        .order_by("path")
    )


def _serving_initial(request: HttpRequest, units: Any) -> dict[str, Any]:
    """A task made from a governance-index dimension (the standings page's link): the
    dimension served, a first wording and the dimension's responsible unit as the lead."""
    from egov.surveys.models import DimensionOwner
    from egov.surveys.standings import INDEXES

    index = INDEXES.get(request.GET.get("index", ""))
    dimension = index.dimension(request.GET.get("dimension", "")) if index else None
    if dimension is None:
        return {}
    owner = (
        DimensionOwner.objects.filter(index=index.code, dimension=dimension.code)
        .values_list("unit_id", flat=True)
        .first()
    )
    return {
        "index_code": index.code,
        "index_dimension": dimension.code,
        "content": _("Improve %(index)s, dimension “%(dimension)s”: ")
        % {"index": index.name, "dimension": dimension.name_vi},
        "lead_unit": units.filter(pk=owner).first() if owner else None,
    }


@require_GET
@officer_required
def dimension_serve(request: HttpRequest, index: str, dimension: str) -> HttpResponse:
    """A governance-index dimension: the tasks serving it and the directives the officer may
    add a task to (each opening the task form with the dimension filled in)."""
    from egov.directives.serving import directives_to_add_to, serving_tasks
    from egov.surveys.standings import INDEXES

    found = INDEXES.get(index)
    if found is None or found.dimension(dimension) is None:
        raise Http404
    return render(
        request,
        "directives/dimension_serve.html",
        {
            "index": found,
            "dimension": found.dimension(dimension),
            "tasks": serving_tasks(request.user, index, dimension)[:100],
            "directives": directives_to_add_to(request.user)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@officer_required
def task_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a task to a directive (its assigning office)."""
    document = directive_get_for_user(request.user, pk)
    if not is_office(request.user, document.unit):
        raise PermissionDenied
    units = scope_units(document)
    form = TaskForm(units, request.POST or None, initial=_serving_initial(request, units))
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_create(
                actor=request.user, document=document, data=task_data(form.cleaned_data)
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The task was added."))
            return redirect("directives:task-detail", pk=task.pk)
    return render(
        request,
        "directives/task_form.html",
        {"form": form, "document": document, "task": None},
        status=400 if form.errors else 200,
    )
