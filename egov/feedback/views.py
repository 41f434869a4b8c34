"""Public and citizen pages of feedback: published answers and their search (with suggestions
while typing), answered reports, each unit's public page; asking a question, sending a report,
one's own items with rating and reopening. Refusals re-render the form (400), never a 500."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.pagination import CappedPaginator
from egov.common.replica import replica_reads
from egov.feedback import selectors, services
from egov.feedback.forms import (
    FiguresForm,
    QuestionForm,
    RateForm,
    ReasonForm,
    RegulationForm,
    ReportFilterForm,
    ReportForm,
    SearchForm,
    SupplementForm,
    request_key_new,
)
from egov.feedback.models import ReportPhoto
from egov.feedback.rules import REPORT_TRANSITIONS
from egov.orgs.access import can_act_for_unit
from egov.orgs.models import OrgUnit

View = Callable[..., HttpResponse]
PAGE_SIZE = 20
# The public lists offer "previous" and "next" over the first 100 pages (a filter narrows them):
# counting a million answered reports on every page would cost more than the page itself.
PAGE_CAP = PAGE_SIZE * 100


def citizen_required(view: View) -> View:
    """Anonymous visitors go to the login page; officers are refused (403)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_public:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _unit_param(request: HttpRequest) -> OrgUnit | None:
    value = request.GET.get("unit", "")
    return OrgUnit.objects.active().filter(pk=value).first() if value.isdigit() else None


@require_GET
def answer_list(request: HttpRequest) -> HttpResponse:
    """Published answers, searched accent-insensitively, optionally of one unit."""
    form = SearchForm(request.GET)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    unit = _unit_param(request)
    page = CappedPaginator(
        selectors.answer_search(text=text, unit=unit), PAGE_SIZE, cap=PAGE_CAP
    ).get_page(request.GET.get("page"))
    return render(
        request, "feedback/answer_list.html", {"form": form, "page": page, "unit": unit, "q": text}
    )


@require_GET
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "feedback/answer_detail.html", {"question": selectors.answer_get_public(pk)}
    )


@require_GET
def answer_suggest(request: HttpRequest) -> HttpResponse:
    """Published answers like the question being typed (HTMX partial)."""
    text = (request.GET.get("title", "") + " " + request.GET.get("body", ""))[:1000]
    return render(
        request, "feedback/_suggestions.html", {"suggestions": selectors.answer_suggest(text=text)}
    )


@require_http_methods(["GET", "POST"])
@citizen_required
def question_ask(request: HttpRequest) -> HttpResponse:
    """Ask a question; from a procedure page the unit and the procedure come in the link."""
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.question_ask(actor=request.user, **data)
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your question %(code)s was sent to %(unit)s.")
                    % {"code": question.code, "unit": question.unit.name},
                )
                return redirect("feedback:question-mine", pk=question.pk)
        return render(request, "feedback/question_form.html", {"form": form}, status=400)
    initial = {
        "request_key": request_key_new(),
        "procedure_code": request.GET.get("procedure_code", "")[:50],
        "procedure_name": request.GET.get("procedure_name", "")[:300],
        "unit": _unit_param(request),
    }
    return render(request, "feedback/question_form.html", {"form": QuestionForm(initial=initial)})


@require_GET
@citizen_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "feedback/mine.html",
        {
            "questions": selectors.question_list_for_asker(request.user)[:100],
            "reports": selectors.report_list_for_reporter(request.user)[:100],
        },
    )


@require_GET
@citizen_required
def question_mine(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get_for_asker(request.user, pk)
    return render(request, "feedback/question_mine.html", {"question": question})


@require_http_methods(["GET", "POST"])
@citizen_required
def report_create(request: HttpRequest) -> HttpResponse:
    """Report a local problem, or (``?kind=regulation``) give feedback on an administrative
    regulation (Decree 20/2008/NĐ-CP)."""
    form_class = RegulationForm if request.GET.get("kind") == "regulation" else ReportForm
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("photos", None)
            try:
                report = services.report_submit(
                    actor=request.user, photos=request.FILES.getlist("photos"), **data
                )
            except DomainError as error:
                form_add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    _("Your report %(code)s was sent to %(unit)s.")
                    % {"code": report.code, "unit": report.unit.name},
                )
                return redirect("feedback:report-mine", pk=report.pk)
        return render(request, "feedback/report_form.html", _report_form_context(form), status=400)
    form = form_class(initial={"request_key": request_key_new()})
    return render(request, "feedback/report_form.html", _report_form_context(form))


def map_settings() -> dict[str, str]:
    """What a map needs (static/js/feedback-map.js): the tile URL, its attribution and the
    province's box."""
    return {
        "tiles": settings.EGOV_MAP_TILE_URL,
        "attribution": settings.EGOV_MAP_TILE_ATTRIBUTION,
        "bounds": ",".join(str(value) for value in settings.EGOV_FEEDBACK_BOUNDS),
    }


def _report_form_context(form: ReportForm | RegulationForm) -> dict[str, object]:
    on_regulation = isinstance(form, RegulationForm)
    return {"form": form, "map": None if on_regulation else map_settings()}


def _report_mine_page(request: HttpRequest, pk: int, *, status: int = 200, **forms: object):
    report = selectors.report_get_for_reporter(request.user, pk)
    context = {
        "report": report,
        "photos": list(report.photos.all()),
        "can": REPORT_TRANSITIONS.available(report.status),
        "rate_form": forms.get("rate_form") or RateForm(),
        "reopen_form": forms.get("reopen_form") or ReasonForm(),
        "supplement_form": forms.get("supplement_form") or SupplementForm(),
    }
    return render(request, "feedback/report_mine.html", context, status=status)


@require_GET
@citizen_required
def report_mine(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_mine_page(request, pk)


@require_POST
@citizen_required
def report_rate(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_reporter(request.user, pk)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.report_rate(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Thank you for rating the answer."))
            return redirect("feedback:report-mine", pk=pk)
    return _report_mine_page(request, pk, status=400, rate_form=form)


@require_POST
@citizen_required
def report_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_reporter(request.user, pk)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.report_reopen(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Your report was reopened."))
            return redirect("feedback:report-mine", pk=pk)
    return _report_mine_page(request, pk, status=400, reopen_form=form)


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    """Answered and closed reports, by unit and category, as a list and on a map (nothing
    personal is shown). A filter that is not valid is shown with its message and left out."""
    form = ReportFilterForm(request.GET)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    text, unit, category = data.get("q", ""), data.get("unit"), data.get("category")
    reports = selectors.report_list_public(unit=unit, category=category, text=text)
    page = CappedPaginator(reports, PAGE_SIZE, cap=PAGE_CAP).get_page(request.GET.get("page"))
    pins = [
        {
            "lat": pin.latitude,
            "lng": pin.longitude,
            "title": pin.title,
            "url": reverse("feedback:report-detail", args=[pin.pk]),
            "meta": f"{pin.category} · {pin.unit} · {pin.status}",
        }
        for pin in selectors.report_map_pins(reports)
    ]
    query = {"q": text, "unit": unit.pk if unit else "", "category": getattr(category, "code", "")}
    return render(
        request,
        "feedback/report_list.html",
        {
            "form": form,
            "page": page,
            "unit": unit,
            "category": category,
            "pins": pins,
            "map": map_settings(),
            "query": urlencode({k: v for k, v in query.items() if v}),
        },
        status=200 if form.is_valid() else 400,
    )


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_public(pk)
    return render(
        request,
        "feedback/report_detail.html",
        {"report": report, "photos": list(report.photos.all())},
    )


@require_GET
def photo(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's photo (its copy without EXIF): public once the report is answered, else for
    the reporter and the officers of its unit."""
    found = ReportPhoto.objects.select_related("report__unit").filter(pk=pk).first()
    if found is None:
        raise Http404
    report, user = found.report, request.user
    visible = (
        report.status in selectors.PUBLIC_REPORT_STATES
        or (user.is_authenticated and report.reporter_id == user.pk)
        or (user.is_authenticated and can_act_for_unit(user, report.unit))
    )
    if not visible:
        raise Http404
    return FileResponse(found.file.open("rb"), content_type=found.content_type)


@require_GET
@replica_reads
def figures(request: HttpRequest) -> HttpResponse:
    """Each unit's public figures (or the city's): questions and reports received, answered,
    share answered on time, late, average working days to answer; from the figures registry."""
    form = FiguresForm(request.GET or None)
    today = timezone.localdate()
    first, last, status = today.replace(month=1, day=1), today, 200
    if form.is_bound:
        if form.is_valid():
            first = form.cleaned_data["first"] or first
            last = form.cleaned_data["last"] or last
        else:
            status = 400
    if last < first:
        first = last.replace(month=1, day=1)
    unit = _unit_param(request)
    page = selectors.public_figures_get(unit=unit, first=first, last=last)
    return render(request, "feedback/figures.html", {"form": form, "page": page}, status=status)


@require_POST
@citizen_required
def report_supplement(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_get_for_reporter(request.user, pk)
    form = SupplementForm(request.POST)
    if form.is_valid():
        try:
            services.report_supplement(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Your supplement was sent; the unit goes on with it."))
            return redirect("feedback:report-mine", pk=pk)
    return _report_mine_page(request, pk, status=400, supplement_form=form)
