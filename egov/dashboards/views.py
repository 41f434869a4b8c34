"""The leaders' dashboard (every indicator against its target, per unit below, with bands and
ranks), its drill-down through the org tree, the Decision 766 scoreboard (also public, as the
national portal publishes it) and their xlsx exports (``common.tables``). Read-only."""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from egov.common.exceptions import DomainError
from egov.common.pdf import PdfUnavailable
from egov.common.periods import Period
from egov.common.replica import replica_reads
from egov.common.tables import Sheet, table_response, xlsx_write
from egov.dashboards.forms import PeriodForm
from egov.dashboards.render import board_pdf
from egov.dashboards.selectors import (
    Board,
    Scoreboard,
    board_for,
    board_frozen,
    indicator_set_in_force,
    indicators_of,
    may_close_periods,
    may_import_definitions,
    scoreboard_for,
    snapshot_of,
    top_unit_for,
    trend_for,
)
from egov.dashboards.services import snapshot_close
from egov.orgs.decorators import officer_required
from egov.orgs.models import OrgUnit

PUBLIC_CACHE_SECONDS = 300
# The list pages behind an indicator (the records of a figure), by indicator code.
RECORD_PAGES = {
    "settled-on-time": ("onestop:officer-dossier-list", "overdue=on"),
    "online-dossiers": ("onestop:officer-dossier-list", ""),
    "electronic-documents": ("documents:outgoing-list", ""),
    "reports-through-system": ("reporting:inbox", ""),
    "meetings-online": ("meetings:meeting-list", ""),
    "tasks-on-time": ("directives:task-list", ""),
}


def _period(request: HttpRequest) -> tuple[PeriodForm, Period]:
    form = PeriodForm(request.GET or None)
    return form, form.period()


def _board(request: HttpRequest, unit_id: int | None) -> tuple[PeriodForm, Board]:
    """The board of the period asked for; in a closed period, its frozen values (with the
    definitions then in force) and today's beside them where they differ."""
    top = top_unit_for(request.user, unit_id)
    form, period = _period(request)
    snapshot = snapshot_of(period)
    indicator_set = snapshot.indicator_set if snapshot else indicator_set_in_force(period.last)
    indicators = indicators_of(indicator_set, kind="rate")
    board = board_for(top=top, period=period, indicators=indicators, indicator_set=indicator_set)
    if snapshot is not None:
        board = board_frozen(board, snapshot)
    board.snapshot = snapshot
    return form, board


def _records(board: Board) -> dict[str, str]:
    links = {}
    for code, (name, query) in RECORD_PAGES.items():
        links[code] = reverse(name) + (f"?{query}" if query else "")
    return links


def _render_board(request: HttpRequest, unit_id: int | None) -> HttpResponse:
    form, board = _board(request, unit_id)
    ranks = {ind.code: board.rank(ind) for ind in board.indicators}
    city_leader = may_close_periods(request.user)
    # a leader over the top unit holds a city-office role: asked again only of the others
    city_office = city_leader or may_import_definitions(request.user)
    return render(
        request,
        "dashboards/dashboard.html",
        {
            "form": form,
            "board": board,
            "ranks": ranks,
            "records": _records(board),
            "query": request.GET.urlencode(),
            "may_manage": city_office,
            "may_close": city_leader
            and board.snapshot is None
            and board.period.last < timezone.localdate(),
        },
    )


TREND_CACHE_SECONDS = 600


def _require_city_leader(request: HttpRequest) -> None:
    if not may_close_periods(request.user):
        raise PermissionDenied


@require_GET
@officer_required
def dashboard_trends(request: HttpRequest, pk: int) -> HttpResponse:
    """The trend of each indicator of a unit within reach over the last 12 periods (closed
    ones frozen), as a fragment the dashboard loads after it shows, or as a page; computed
    once per unit, period and language every few minutes."""
    top = top_unit_for(request.user, pk)
    _form, period = _period(request)
    indicators = indicators_of(indicator_set_in_force(period.last), kind="rate")
    key = f"dashboards:trend:{top.pk}:{period.kind}:{period.first}:{request.LANGUAGE_CODE}"
    trend = cache.get(key)
    if trend is None:
        trend = trend_for(top=top, period=period, indicators=indicators)
        cache.set(key, trend, TREND_CACHE_SECONDS)
    periods = next(iter(trend.values()), [])
    context = {
        "unit": top,
        "indicators": indicators,
        "trend": trend,
        "periods": periods,
        "query": request.GET.urlencode(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "dashboards/_trends.html", context)
    return render(request, "dashboards/trends.html", context)


@require_POST
@officer_required
def snapshot_close_view(request: HttpRequest) -> HttpResponse:
    """Close the period of the dashboard's form (the city's leaders), then back to it."""
    if not may_close_periods(request.user):
        raise PermissionDenied
    form = PeriodForm(request.POST)
    if not form.is_valid() or not form.cleaned_data.get("on"):
        messages.error(request, _("Choose the period to close: its kind and a day in it."))
        return redirect("dashboards:dashboard")
    period = form.period()
    back = (
        reverse("dashboards:dashboard")
        + "?"
        + urlencode({"kind": period.kind, "on": period.first.isoformat()})
    )
    try:
        snapshot_close(actor=request.user, period=period, today=timezone.localdate())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The period %(period)s is closed: its values are frozen.")
            % {"period": f"{period.first:%d/%m/%Y}–{period.last:%d/%m/%Y}"},
        )
    return redirect(back)


@require_GET
@officer_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The dashboard of the highest unit within the leader's reach."""
    return _render_board(request, None)


@require_GET
@officer_required
def dashboard_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard of one unit within reach (drill-down); another unit is a 404."""
    return _render_board(request, pk)


def _value(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _cell_text(cell: Any) -> Any:
    if not cell.available:
        return _("no data source yet")
    return _value(cell.value)


@require_GET
@officer_required
def dashboard_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard as a workbook: one sheet of indicators for the unit, one of the units."""
    _form, board = _board(request, pk)
    head = [
        _("Indicator"),
        _("Set by"),
        _("Value"),
        _("Target"),
        _("Band"),
        _("Numerator"),
        _("Denominator"),
    ]
    lines = [[board.unit.name, str(board.period.first), str(board.period.last)], head]
    for ind in board.indicators:
        cell = board.top.cells[ind.code]
        lines.append(
            [
                ind.name,
                ind.source,
                _cell_text(cell),
                _value(cell.target),
                cell.band.label if cell.band else "",
                _value(cell.numerator),
                _value(cell.denominator),
            ]
        )
    units = [[_("Unit"), *[ind.name for ind in board.indicators]]]
    units += [
        [row.unit.name, *[_cell_text(row.cells[ind.code]) for ind in board.indicators]]
        for row in board.children
    ]
    content = xlsx_write([Sheet(_("Indicators"), lines), Sheet(_("Units"), units)])
    return table_response(content, filename=f"dashboard-{pk}-{board.period.first:%Y%m%d}.xlsx")


@require_GET
@officer_required
def dashboard_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The dashboard as a report to the leaders in the official layout (A4 PDF); a server
    without PDF support says so (503)."""
    _form, board = _board(request, pk)
    try:
        content = board_pdf(board)
    except PdfUnavailable as error:
        return HttpResponse(error.message, status=503, content_type="text/plain")
    response = HttpResponse(content, content_type="application/pdf")
    name = f"bao-cao-chi-tieu-{pk}-{board.period.first:%Y%m%d}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _scoreboard(request: HttpRequest, top: OrgUnit) -> tuple[PeriodForm, Scoreboard]:
    form, period = _period(request)
    return form, scoreboard_for(
        top=top, period=period, indicator_set=indicator_set_in_force(period.last)
    )


def _render_scoreboard(
    request: HttpRequest, top: OrgUnit, *, public: bool, cached: Scoreboard | None = None
) -> HttpResponse:
    form, board = _scoreboard(request, top) if cached is None else (_period(request)[0], cached)
    return render(
        request,
        "dashboards/scoreboard.html",
        {"form": form, "scoreboard": board, "public": public, "query": request.GET.urlencode()},
    )


@require_GET
@officer_required
def scoreboard(request: HttpRequest) -> HttpResponse:
    """Decision 766 points of the highest unit within reach and of the units right below it."""
    return _render_scoreboard(request, top_unit_for(request.user), public=False)


@require_GET
@officer_required
def scoreboard_unit(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_scoreboard(request, top_unit_for(request.user, pk), public=False)


@require_GET
@officer_required
def scoreboard_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    _form, board = _scoreboard(request, top_unit_for(request.user, pk))
    groups = [f"{g.code}. {g.label} ({g.max_points})" for g in board.top.groups]
    lines = [[_("Unit"), _("Rank"), *groups, _("Total (100)"), _("Band"), _("Cost the most")]]
    for row in board.rows:
        lines.append(
            [
                row.unit.name,
                row.rank or "",
                *[_value(g.points) for g in row.groups],
                _value(row.total),
                row.band.label if row.band else "",
                row.costliest.name if row.costliest else "",
            ]
        )
    content = xlsx_write([Sheet(_("Decision 766"), lines)])
    return table_response(content, filename=f"qd766-{pk}-{board.board.period.first:%Y%m%d}.xlsx")


@require_GET
@replica_reads
def scoreboard_public(request: HttpRequest) -> HttpResponse:
    """The same 766 table for everyone, of the city and the units right below it (points only,
    as the national portal publishes them); the rendered page is cached a few minutes."""
    top = OrgUnit.objects.active().filter(parent__isnull=True).order_by("path").first()
    if top is None:
        raise Http404
    _form, period = _period(request)
    key = f"dashboards:766:{top.pk}:{period.kind}:{period.first}:{request.LANGUAGE_CODE}"
    board = cache.get(key)
    if board is None:
        _form, board = _scoreboard(request, top)
        cache.set(key, board, PUBLIC_CACHE_SECONDS)
    return _render_scoreboard(request, top, public=True, cached=board)
