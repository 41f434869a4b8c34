"""Reads of citizen feedback, each scoped to who asks: officers see the items of the units
within their reach (and below), citizens their own items fully and others' only as published."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import Case, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Least, StrIndex
from django.http import Http404
from django.utils.translation import gettext as _

from egov.accounts.models import User
from egov.common.figures import figure_get
from egov.common.text import fold
from egov.feedback.choices import PRODUCT_CATEGORY, CategoryKind, QuestionStatus, ReportStatus
from egov.feedback.models import PUBLIC_REPORT_STATES as PUBLIC_REPORT_STATES
from egov.feedback.models import PUBLIC_REPORTS, Category, Question, Report
from egov.orgs.access import can_act_for_unit, get_for_user_or_404, scope_to_units
from egov.orgs.choices import Role
from egov.orgs.models import Membership, OrgUnit

SUGGEST_LIMIT = 5


def _words(text: str) -> list[str]:
    return [w for w in fold(text).split() if len(w) > 1][:8]


# The search's plan on PostgreSQL (issue 17's scale): how many of a list's newest rows are read
# to tell a common search from a rare one, the share of matches among them that makes it
# common, and the most matches a rare one reads through the trigram index.
SEARCH_SAMPLE_ROWS = 2000
SEARCH_COMMON_SHARE = Decimal("0.02")
SEARCH_RARE_LIMIT = 20_000


def _searched(rows: QuerySet, words: list[str], newest: str) -> QuerySet:
    """``rows`` whose ``search_text`` holds every one of ``words``, newest first by the column
    ``newest`` then by pk: the same rows in the same order on every database. On PostgreSQL the
    plan follows how common the words are, which its planner cannot know (it multiplies one
    guess per word; at a million rows the guesses were 300 times off either way):

    - the newest ``SEARCH_SAMPLE_ROWS`` rows are read in the list's index order and their
      matches counted (one query);
    - a common search (2 % of them or more) walks the list's index newest first and stops at
      the page's last match. Its words are tested by ``strpos`` folded into one
      ``LEAST(…) > 0``, which the trigram index cannot serve and the planner guesses at a
      third of the rows whatever the number of words, so that it keeps to the walk;
    - a rare search reads its matches' ids through the trigram index (``LIKE``, migration
      0011), at most ``SEARCH_RARE_LIMIT`` of them (more: walked as a common one), and the
      list is the rows of those ids: knowing how many they are, the planner walks the index
      for a page (a match every few hundred rows) and reads the ids' rows for the map's 500
      pins rather than walk a million rows for a handful."""
    order = (f"-{newest}", "-pk")
    if not words:
        return rows.order_by(*order)
    if connections[rows.db].vendor != "postgresql":
        for word in words:
            rows = rows.filter(search_text__contains=word)
        return rows.order_by(*order)
    found = [StrIndex("search_text", Value(word)) for word in words]
    walked = rows.alias(words_at=found[0] if len(found) == 1 else Least(*found))
    sample = walked.annotate(hit=Case(When(words_at__gt=0, then=1), default=0)).order_by(*order)
    read = sample[:SEARCH_SAMPLE_ROWS].aggregate(rows=Count("pk"), hits=Sum("hit"))
    if read["rows"] and read["hits"] >= SEARCH_COMMON_SHARE * read["rows"]:
        return walked.filter(words_at__gt=0).order_by(*order)
    matching = rows
    for word in words:
        matching = matching.filter(search_text__contains=word)
    ids = list(matching.order_by().values_list("pk", flat=True)[: SEARCH_RARE_LIMIT + 1])
    if len(ids) > SEARCH_RARE_LIMIT:
        return walked.filter(words_at__gt=0).order_by(*order)
    return rows.filter(pk__in=ids).order_by(*order)


def answer_search(*, text: str = "", unit: OrgUnit | None = None) -> QuerySet[Question]:
    """Published answers, accent-insensitively matching every word of ``text``, newest first."""
    questions = Question.objects.filter(status=QuestionStatus.PUBLISHED).select_related("unit")
    if unit is not None:
        questions = questions.filter(unit=unit)
    return _searched(questions, _words(text), "published_at")


def answer_suggest(*, text: str) -> list[Question]:
    """Published answers like what the citizen is typing: those matching the most of its
    longer words (any of them), best first; one query."""
    words = [w for w in _words(text) if len(w) > 3]
    if not words:
        return []
    query = Q()
    for word in words:
        query |= Q(search_text__contains=word)
    found = list(
        Question.objects.filter(query, status=QuestionStatus.PUBLISHED).order_by("-published_at")[
            :100
        ]
    )
    found.sort(key=lambda q: -sum(w in q.search_text for w in words))
    return found[:SUGGEST_LIMIT]


def answer_get_public(pk: int) -> Question:
    question = Question.objects.filter(pk=pk, status=QuestionStatus.PUBLISHED).first()
    if question is None:
        raise Http404
    return question


def question_list_for_officer(user: User, *, status: str = "") -> QuerySet[Question]:
    questions = scope_to_units(Question.objects.select_related("unit"), user, unit_field="unit")
    if status:
        questions = questions.filter(status=status)
    return questions.order_by("due_at")


def question_get_for_officer(user: User, pk: int) -> Question:
    return get_for_user_or_404(
        Question.objects.select_related("unit", "asker", "answer_document"),
        user,
        pk=pk,
        unit_field="unit",
    )


def question_list_for_asker(user: User) -> QuerySet[Question]:
    return Question.objects.filter(asker=user).select_related("unit")


def question_get_for_asker(user: User, pk: int) -> Question:
    question = Question.objects.filter(pk=pk, asker=user).select_related("unit").first()
    if question is None:
        raise Http404
    return question


def report_list_for_officer(user: User, *, status: str = "") -> QuerySet[Report]:
    reports = scope_to_units(
        Report.objects.select_related("unit", "category", "area"), user, unit_field="unit"
    )
    if status:
        reports = reports.filter(status=status)
    return reports.order_by("due_at")


def report_get_for_officer(user: User, pk: int) -> Report:
    return get_for_user_or_404(
        Report.objects.select_related(
            "unit", "category", "area", "reporter", "process", "duplicate_of", "answer_document"
        ),
        user,
        pk=pk,
        unit_field="unit",
    )


def report_get_for_officer_by_code(user: User, code: str) -> Report | None:
    """The report of ``code`` if it is with a unit within the officer's reach."""
    found = scope_to_units(Report.objects.select_related("unit"), user, unit_field="unit")
    return found.filter(code=code).first()


def report_list_for_reporter(user: User) -> QuerySet[Report]:
    return Report.objects.filter(reporter=user).select_related("unit", "category")


def report_get_for_reporter(user: User, pk: int) -> Report:
    report = (
        Report.objects.filter(pk=pk, reporter=user)
        .select_related("unit", "category", "duplicate_of")
        .first()
    )
    if report is None:
        raise Http404
    return report


DUPLICATE_DAYS = 90
DUPLICATE_BOX = Decimal("0.003")  # degrees: about 300 m in Hà Nội
DUPLICATE_LIMIT = 5


def report_duplicate_candidates(user: User, report: Report) -> list[Report]:
    """Reports the officer may merge ``report`` into: same category, sent within 90 days
    before or after it, near the same place (within about 300 m when both are pinned, else in
    the same ward), neither refused nor merged, in units within the officer's reach."""
    if report.status not in (ReportStatus.RECEIVED, ReportStatus.PROCESSING):
        return []
    window = datetime.timedelta(days=DUPLICATE_DAYS)
    near = Q(area_id=report.area_id)
    if report.latitude is not None and report.longitude is not None:
        near |= Q(
            latitude__range=(report.latitude - DUPLICATE_BOX, report.latitude + DUPLICATE_BOX),
            longitude__range=(report.longitude - DUPLICATE_BOX, report.longitude + DUPLICATE_BOX),
        )
    found = (
        Report.objects.filter(
            near,
            category_id=report.category_id,
            submitted_at__range=(report.submitted_at - window, report.submitted_at + window),
        )
        .exclude(pk=report.pk)
        .exclude(status__in=(ReportStatus.REFUSED, ReportStatus.MERGED))
        .select_related("unit", "area")
        .order_by("submitted_at", "pk")
    )
    return list(scope_to_units(found, user, unit_field="unit")[:DUPLICATE_LIMIT])


def report_list_public(
    *, unit: OrgUnit | None = None, category: Category | None = None, text: str = ""
) -> QuerySet[Report]:
    """Answered and closed reports for the public list (nothing personal is shown with them),
    newest answers first (the partial indexes ``feedback_r_public*`` hold them in that order)."""
    reports = Report.objects.filter(PUBLIC_REPORTS).select_related("unit", "category", "area")
    if unit is not None:
        reports = reports.filter(unit=unit)
    if category is not None:
        reports = reports.filter(category=category)
    return _searched(reports, _words(text), "answered_at")


MAP_LIMIT = 500


@dataclass(frozen=True)
class MapPin:
    """One pinned public report as the map shows it (nothing personal: its title, category,
    unit and status)."""

    pk: int
    latitude: float
    longitude: float
    title: str
    category: str
    unit: str
    status: str


def report_map_pins(reports: QuerySet[Report], limit: int = MAP_LIMIT) -> list[MapPin]:
    """The latest ``limit`` pinned reports of ``reports`` (a public list, already filtered and
    in its order: newest answers first, as ``report_list_public`` plans it)."""
    rows = reports.filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "pk", "latitude", "longitude", "title", "category__name", "unit__name", "status"
    )[:limit]
    return [
        MapPin(pk, float(lat), float(lng), title, category, unit, str(ReportStatus(status).label))
        for pk, lat, lng, title, category, unit, status in rows
    ]


def report_get_public(pk: int) -> Report:
    report = (
        Report.objects.filter(PUBLIC_REPORTS, pk=pk)
        .select_related("unit", "category", "area", "review")
        .prefetch_related("photos")
        .first()
    )
    if report is None:
        raise Http404
    return report


def report_answered_count(unit: OrgUnit) -> int:
    """How many of the unit's reports are answered in public (its page, Decree 43/2011)."""
    return Report.objects.filter(PUBLIC_REPORTS, unit=unit).count()


def categories_active() -> QuerySet[Category]:
    """Categories of local problems in use (Open311 services: requests at a place; feedback on
    regulations is sent through the portal's own page)."""
    return Category.objects.filter(is_active=True, kind=CategoryKind.PROBLEM).order_by("name")


def categories_of_regulations() -> QuerySet[Category]:
    """The categories of feedback on administrative regulations in use (Decree 20/2008)."""
    return Category.objects.filter(is_active=True, kind=CategoryKind.REGULATION).order_by("name")


def categories_of_places() -> QuerySet[Category]:
    """The categories a report on a place is sent under (the form, the API, Open311): all in
    use but the product category, whose reports come from products' scan pages."""
    return categories_active().exclude(code=PRODUCT_CATEGORY)


def unit_officers(unit: OrgUnit) -> QuerySet[User]:
    """Officers holding a current role in ``unit`` (to receive or assign a report to)."""
    ids = Membership.objects.current().filter(unit=unit).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("full_name")


def may_supervise(user: User, unit: OrgUnit) -> bool:
    """A head of the unit or over it (reassigns questions)."""
    return can_act_for_unit(user, unit, roles=[Role.UNIT_HEAD, Role.DIVISION_HEAD])


# The public figures page (issue 17 §3), read from the figures registry only: the same numbers
# the dashboards roll up, summed here over a unit's subtree.
KINDS = ("received", "answered", "answered_on_time", "late", "answer_days")


@dataclass(frozen=True)
class FigureRow:
    """One kind of item (questions or reports) of one unit and everything below it."""

    received: int
    answered: int
    answered_on_time: int
    late: int
    answer_days: Decimal

    @property
    def share_on_time(self) -> Decimal | None:
        """Per cent of the answers given on time (None: nothing answered)."""
        if not self.answered:
            return None
        return (Decimal(100) * self.answered_on_time / self.answered).quantize(Decimal("0.1"))

    @property
    def average_days(self) -> Decimal | None:
        """Average working days to answer (None: nothing answered)."""
        if not self.answered:
            return None
        return (self.answer_days / self.answered).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class UnitFigures:
    unit: OrgUnit | None
    questions: FigureRow
    reports: FigureRow

    @property
    def questions_and_reports(self) -> list[tuple[str, FigureRow]]:
        """The two rows with their translated names, for a table."""
        return [(_("Questions"), self.questions), (_("Reports"), self.reports)]


@dataclass(frozen=True)
class PublicFigures:
    """A unit's figures (or the whole city's with ``unit`` None) over ``first``–``last``,
    with one row per unit directly below it."""

    unit: OrgUnit | None
    first: datetime.date
    last: datetime.date
    total: UnitFigures
    children: list[UnitFigures]


def _figure_values(
    first: datetime.date, last: datetime.date, unit_ids: list[int] | None
) -> dict[str, dict[int, Decimal]]:
    values = {}
    for item in ("questions", "reports"):
        for kind in KINDS:
            figure = figure_get(f"feedback.{item}_{kind}")
            values[f"{item}_{kind}"] = figure.read(first=first, last=last, unit_ids=unit_ids)
    return values


def _row(values: dict[str, dict[int, Decimal]], item: str, ids: set[int] | None) -> FigureRow:
    def total(kind: str) -> Decimal:
        found = values[f"{item}_{kind}"]
        return sum((v for k, v in found.items() if ids is None or k in ids), Decimal(0))

    return FigureRow(
        received=int(total("received")),
        answered=int(total("answered")),
        answered_on_time=int(total("answered_on_time")),
        late=int(total("late")),
        answer_days=total("answer_days"),
    )


def public_figures_get(
    *, unit: OrgUnit | None, first: datetime.date, last: datetime.date
) -> PublicFigures:
    """The figures of ``unit`` and its subtree (all units when None), and of each unit right
    below it (or each top unit), in a fixed number of queries."""
    if unit is None:
        unit_ids, children = None, list(OrgUnit.objects.active().filter(parent=None))
        paths = dict(OrgUnit.objects.values_list("pk", "path"))
    else:
        paths = dict(OrgUnit.objects.subtree_of(unit).values_list("pk", "path"))
        unit_ids = list(paths)
        children = list(OrgUnit.objects.active().filter(parent=unit).order_by("name"))
    values = _figure_values(first, last, unit_ids)

    def figures_of(part: OrgUnit | None) -> UnitFigures:
        ids = None if part is None else {k for k, p in paths.items() if p.startswith(part.path)}
        return UnitFigures(part, _row(values, "questions", ids), _row(values, "reports", ids))

    return PublicFigures(
        unit=unit,
        first=first,
        last=last,
        total=figures_of(unit),
        children=[figures_of(child) for child in children],
    )


# Open311 GeoReport v2: the requests a city dashboard or a mobile app may read. Open reports are
# listed without their text (not yet checked by an officer); refused and merged ones not at all.
OPEN311_OPEN = (ReportStatus.RECEIVED, ReportStatus.PROCESSING, ReportStatus.SUPPLEMENT)


def report_list_open311(
    *,
    codes: Sequence[str] = (),
    service_codes: Sequence[str] = (),
    start: datetime.datetime | None = None,
    end: datetime.datetime | None = None,
    statuses: Sequence[str] = (),
) -> QuerySet[Report]:
    """Reports as Open311 requests, newest first: ``statuses`` are Open311's ``open`` (received,
    being processed) and ``closed`` (answered, closed)."""
    listed = Q()
    for status in set(statuses or ("open", "closed")):
        listed |= Q(status__in=OPEN311_OPEN) if status == "open" else PUBLIC_REPORTS
    reports = Report.objects.filter(listed).select_related("unit", "category")
    if codes:
        reports = reports.filter(code__in=list(codes))
    if service_codes:
        reports = reports.filter(category__code__in=list(service_codes))
    if start is not None:
        reports = reports.filter(submitted_at__gte=start)
    if end is not None:
        reports = reports.filter(submitted_at__lte=end)
    return reports.prefetch_related("photos").order_by("-submitted_at", "-pk")


def communes_active() -> QuerySet[OrgUnit]:
    """The wards and communes a report can be about."""
    return OrgUnit.objects.active().filter(kind="commune").order_by("name")
