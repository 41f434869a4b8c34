"""The one-stop figures the dashboards read (``egov.common.figures``), per unit and period.

A dossier counts for its competent unit, or its receiving desk while none is set (as in the
daily roll-up, :class:`~egov.onestop.models.DossierDayFigure`). Counts that the roll-up keeps
(received, settled, ratings) are read from it: a few rows per unit for any period. The
procedures served (offered fully online, used online, by businesses…) are read together from
the roll-up per unit and procedure (:class:`~egov.onestop.models.DossierProcedureFigure`) and
the dossiers of the days at either end. The others (overdue, electronic results, digitised
dossiers, online payments, satisfied ratings) are one grouped query on the dossier tables, on
indexed dates.

Decision 766/QĐ-TTg's fields (shared/domain next-modules f.5) map as follows: NgayTiepNhan =
``received_at``; NgayHenTra = ``due_at``; NgayKetThucXuLy = ``finished_at``; KenhThucHien =
``channel``; MaKetQua / DuongDanTepTinKetQua = a file of kind ``result``; DuocThanhToanTrucTuyen
= a payment through an online method; TaiLieuNop = the application files.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, day_bounds, figures_register, sums_by_unit
from egov.common.periods import period_cover, period_cover_signed
from egov.onestop.choices import Channel, DossierFileKind, FigureGrain, OnlineLevel
from egov.onestop.models import (
    Dossier,
    DossierDayFigure,
    DossierFile,
    DossierPayment,
    DossierProcedureFigure,
    DossierRating,
    Procedure,
    ProcedureFee,
)
from egov.onestop.selectors.online_offer import online_levels_offered
from egov.onestop.services.figures import (
    PROCEDURE_COUNTS,
    procedure_month_dossiers,
)

COVER_GRAINS = (FigureGrain.YEAR, FigureGrain.MONTH, FigureGrain.DAY)
# Payments through a gateway (766 DuocThanhToanTrucTuyen 1 or 2); a bank transfer is not.
ONLINE_PAYMENT_METHODS = ("payment_platform", "card", "e_wallet")
# A rating at or above this score (of 5) is "satisfied" (TT 01/2018: hài lòng, rất hài lòng).
SATISFIED_SCORE = 4
# At or below this score a rating is "dissatisfied" (không hài lòng, rất không hài lòng).
DISSATISFIED_SCORE = 2


def _cover(first: datetime.date, last: datetime.date) -> Q:
    query = Q(pk__in=[])
    for grain, start, end in period_cover(first, last, COVER_GRAINS):
        query |= Q(grain=grain, day__gte=start, day__lte=end)
    return query


def _rollup(first, last, unit_ids, total, **filters) -> dict[int, int]:
    rows = DossierDayFigure.objects.filter(_cover(first, last), **filters)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=list(unit_ids))
    sums = rows.values("unit_id").annotate(n=Sum(total)).order_by()
    return {row["unit_id"]: row["n"] for row in sums if row["n"]}


def _dossiers(unit_ids: Collection[int] | None):
    """Dossiers with the unit they count for (``owner``)."""
    qs = Dossier.objects.annotate(owner=Coalesce("competent_unit_id", "receiving_unit_id"))
    if unit_ids is not None:
        ids = list(unit_ids)
        qs = qs.filter(
            Q(competent_unit_id__in=ids) | Q(competent_unit__isnull=True, receiving_unit_id__in=ids)
        )
    return qs


def _count_by_owner(qs) -> dict[int, int]:
    rows = qs.values("owner").annotate(n=Count("pk")).order_by()
    return {row["owner"]: row["n"] for row in rows if row["n"] and row["owner"] is not None}


def _received_in(first, last, unit_ids):
    start, end = day_bounds(first, last)
    return _dossiers(unit_ids).filter(received_at__gte=start, received_at__lt=end)


def received(*, first, last, unit_ids):
    return _rollup(first, last, unit_ids, "received")


def received_online(*, first, last, unit_ids):
    return _rollup(first, last, unit_ids, "received", channel=Channel.ONLINE)


def settled(*, first, last, unit_ids):
    total = F("finished_early") + F("finished_on_time") + F("finished_late")
    return _rollup(first, last, unit_ids, total)


def settled_on_time(*, first, last, unit_ids):
    return _rollup(first, last, unit_ids, F("finished_early") + F("finished_on_time"))


def settled_late(*, first, last, unit_ids):
    return _rollup(first, last, unit_ids, "finished_late")


def ratings(*, first, last, unit_ids):
    return _rollup(first, last, unit_ids, "rating_count")


def rating_score_sum(*, first, last, unit_ids):
    return _rollup(first, last, unit_ids, "rating_sum")


def overdue(*, first, last, unit_ids):
    """Dossiers due in the period that were not settled by their due time (still open after
    it, or finished after it): dated by the due day, so each late dossier counts once."""
    start, end = day_bounds(first, last)
    late = Q(finished_at__isnull=True) | Q(finished_at__gt=F("due_at"))
    qs = _dossiers(unit_ids).filter(late, due_at__gte=start, due_at__lt=end)
    return _count_by_owner(qs.exclude(status__in=_NOT_COUNTED))


# Never received or taken back: no clock to miss.
_NOT_COUNTED = ("draft", "submitted", "refused", "withdrawn")


def results_electronic(*, first, last, unit_ids):
    """Dossiers settled in the period whose result was issued as a file (766 4.1)."""
    start, end = day_bounds(first, last)
    result_file = DossierFile.objects.filter(dossier=OuterRef("pk"), kind=DossierFileKind.RESULT)
    qs = _dossiers(unit_ids).filter(finished_at__gte=start, finished_at__lt=end)
    return _count_by_owner(qs.filter(Exists(result_file)))


def digitised(*, first, last, unit_ids):
    """Dossiers received in the period with their application files and an electronic result
    attached (766 4.2: digitised at receipt and at the result)."""
    files = DossierFile.objects.filter(dossier=OuterRef("pk"))
    qs = _received_in(first, last, unit_ids).filter(
        Exists(files.filter(kind=DossierFileKind.APPLICATION)),
        Exists(files.filter(kind=DossierFileKind.RESULT)),
    )
    return _count_by_owner(qs)


def personal_store(*, first, last, unit_ids):
    """Dossiers received in the period with a component taken from the applicant's personal
    data store on the national portal, or whose e-result was sent to it (766 4.4,
    ``DuocLayTuKhoDMQG``)."""
    files = DossierFile.objects.filter(dossier=OuterRef("pk"))
    taken = files.exclude(personal_store_code="")
    sent = files.filter(kind=DossierFileKind.RESULT, personal_store_pushed_at__isnull=False)
    qs = _received_in(first, last, unit_ids).filter(Exists(taken) | Exists(sent))
    return _count_by_owner(qs)


def fee_bearing(*, first, last, unit_ids):
    """Dossiers received in the period of a procedure with a fee above zero (766 3.6 base)."""
    fees = ProcedureFee.objects.filter(procedure=OuterRef("procedure_id"), amount_vnd__gt=0)
    return _count_by_owner(_received_in(first, last, unit_ids).filter(Exists(fees)))


def paid_online(*, first, last, unit_ids):
    """Dossiers received in the period with a payment through an online method (766 3.6)."""
    paid = DossierPayment.objects.filter(dossier=OuterRef("pk"), method__in=ONLINE_PAYMENT_METHODS)
    return _count_by_owner(_received_in(first, last, unit_ids).filter(Exists(paid)))


# The ratings figures read together: which scores each counts.
_RATING_SCORES = {
    "onestop.ratings_satisfied": Q(score__gte=SATISFIED_SCORE),
    "onestop.ratings_dissatisfied": Q(score__lte=DISSATISFIED_SCORE),
}


def ratings_together(
    *,
    codes: Collection[str],
    first: datetime.date,
    last: datetime.date,
    unit_ids: Collection[int] | None = None,
) -> dict[str, dict[int, int]]:
    """The ratings given in the period at the scores of each code of ``codes``, for the rated
    unit: one grouped read of the ratings, a filtered count per figure."""
    start, end = day_bounds(first, last)
    rows = DossierRating.objects.filter(rated_at__gte=start, rated_at__lt=end)
    sums = {code: Count("pk", filter=_RATING_SCORES[code]) for code in codes}
    return sums_by_unit(rows, sums, unit_ids)


def ratings_satisfied(*, first, last, unit_ids):
    """Ratings given in the period at "satisfied" or above, for the rated unit."""
    codes = ["onestop.ratings_satisfied"]
    return ratings_together(codes=codes, first=first, last=last, unit_ids=unit_ids)[codes[0]]


def ratings_dissatisfied(*, first, last, unit_ids):
    """Ratings given in the period at "dissatisfied" or below (Decision 766's "đánh giá không
    hài lòng", which its satisfaction ratio subtracts), for the rated unit."""
    codes = ["onestop.ratings_dissatisfied"]
    return ratings_together(codes=codes, first=first, last=last, unit_ids=unit_ids)[codes[0]]


# The distinct-procedure figures: each counts the (unit, procedure) pairs whose dossiers
# received in the period include one of a DossierProcedureFigure count (the condition of its
# service-side definition, PROCEDURE_COUNTS); the fully-online one narrows the pairs to
# the procedures offered fully online on the period's last day.
_PAIR_COUNTS = {
    "onestop.procedures_served": "received",
    "onestop.procedures_full_online": "received",
    "onestop.procedures_online": "online",
    "onestop.procedures_online_business": "online_business",
    "onestop.procedures_business_registry": "business_registry",
    "onestop.procedures_signed_mobile": "signed_remote",
}
PAIR_GRAINS = (FigureGrain.YEAR, FigureGrain.MONTH, FigureGrain.DAY)


def _full_online_on(day: datetime.date) -> list[int]:
    """The procedures the catalogue offers fully online (end to end) on ``day``."""
    candidates = Procedure.objects.filter(online_level=OnlineLevel.FULL)
    levels = online_levels_offered(candidates, day)
    return sorted(pk for pk, level in levels.items() if level == OnlineLevel.FULL)


def _pair_parts(first, last, unit_ids) -> list[tuple[str, list]]:
    """The SQL of the rows (owner, procedure, each count) that add up to the period's counts
    per pair: the roll-up's rows of the whole years and months, and the dossiers of the days at
    either end (``period_cover_signed``: a month's first days may be read as the month minus
    its other days, whose dossiers then count -1)."""
    names = list(PROCEDURE_COUNTS)
    parts = []
    for grain, start, end, sign in period_cover_signed(first, last, PAIR_GRAINS):
        if grain != FigureGrain.DAY:
            qs = DossierProcedureFigure.objects.filter(grain=grain, day__gte=start, day__lte=end)
            if unit_ids is not None:
                qs = qs.filter(unit_id__in=list(unit_ids))
            qs = qs.annotate(o=F("unit_id"), p=F("procedure_id")).annotate(
                **{f"c_{name}": F(name) * sign for name in names}
            )
        else:
            moments = day_bounds(start, end)
            qs = procedure_month_dossiers(*moments, unit_ids).annotate(
                o=F("owner"), p=F("procedure_id")
            )
            qs = qs.annotate(
                **{
                    f"c_{name}": Value(sign)
                    if where is None
                    else Case(When(where, then=Value(sign)), default=Value(0))
                    for name, where in PROCEDURE_COUNTS.items()
                }
            )
        columns = ["o", "p", *(f"c_{name}" for name in names)]
        sql, params = qs.order_by().values(*columns).query.sql_with_params()
        select = f"SELECT {', '.join(columns)} FROM ({sql}) part"  # noqa: S608
        parts.append((select, list(params)))
    return parts


def procedures_together(
    *,
    codes: Collection[str],
    first: datetime.date,
    last: datetime.date,
    unit_ids: Collection[int] | None = None,
) -> dict[str, dict[int, int]]:
    """The distinct-procedure figures of ``codes`` per unit in one query: the pairs' counts
    over the period added up in SQL (whole years and months from the roll-up
    :class:`~egov.onestop.models.DossierProcedureFigure`, the days at either end from the
    dossiers), then per unit the pairs of each figure's count above zero. Before it, one small
    read of the procedures offered fully online when that figure is asked for."""
    codes = [code for code in codes if code in _PAIR_COUNTS]
    values: dict[str, dict[int, int]] = {code: {} for code in codes}
    parts = _pair_parts(first, last, unit_ids)
    if not codes or not parts:
        return values
    union = " UNION ALL ".join(sql for sql, _params in parts)
    sums = ", ".join(f"SUM(c_{name}) AS c_{name}" for name in PROCEDURE_COUNTS)
    counted, params = [], []
    for code in codes:
        condition = f"c_{_PAIR_COUNTS[code]} > 0"
        if code == "onestop.procedures_full_online":
            full = _full_online_on(last)
            condition = f"{condition} AND p IN ({', '.join(['%s'] * len(full))})" if full else "0=1"
            params.extend(full)
        counted.append(f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)")
    for _sql, part_params in parts:  # after the outer SELECT's, in the order of the text
        params.extend(part_params)
    sql = (
        f"SELECT o, {', '.join(counted)} FROM ("  # noqa: S608
        f"SELECT o, p, {sums} FROM ({union}) parts GROUP BY o, p"
        ") pairs GROUP BY o"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for owner, *numbers in cursor.fetchall():
            for code, number in zip(codes, numbers, strict=True):
                if number:
                    values[code][owner] = number
    return values


def _pair_figure(code: str):
    def values(*, first, last, unit_ids):
        return procedures_together(codes=[code], first=first, last=last, unit_ids=unit_ids)[code]

    values.__name__ = code.rpartition(".")[2]
    values.__doc__ = f"The {code} figure alone (:func:`procedures_together`)."
    return values


procedures_served = _pair_figure("onestop.procedures_served")
procedures_full_online = _pair_figure("onestop.procedures_full_online")
procedures_online = _pair_figure("onestop.procedures_online")
procedures_online_business = _pair_figure("onestop.procedures_online_business")
procedures_business_registry = _pair_figure("onestop.procedures_business_registry")
procedures_signed_mobile = _pair_figure("onestop.procedures_signed_mobile")


def _signed_mobile_in(first, last, unit_ids):
    """Online dossiers received in the period whose application the applicant signed from
    their phone (a remote-signing service: ``Dossier.application_signing_method``)."""
    where = PROCEDURE_COUNTS["signed_remote"]
    return _received_in(first, last, unit_ids).filter(where)


def dossiers_signed_mobile(*, first, last, unit_ids):
    """Online dossiers received in the period whose application was signed from a phone."""
    return _count_by_owner(_signed_mobile_in(first, last, unit_ids))


FIGURES = (
    Figure(
        "onestop.dossiers_received",
        _("Dossiers received"),
        _("Dossiers validly received in the period (day of receipt)."),
        Measure.COUNT,
        received,
    ),
    Figure(
        "onestop.dossiers_received_online",
        _("Dossiers received online"),
        _("Dossiers received in the period that were submitted online."),
        Measure.COUNT,
        received_online,
    ),
    Figure(
        "onestop.dossiers_settled",
        _("Dossiers settled"),
        _("Dossiers whose result was produced in the period (early, on time or late)."),
        Measure.COUNT,
        settled,
    ),
    Figure(
        "onestop.dossiers_settled_on_time",
        _("Dossiers settled on time"),
        _("Dossiers whose result was produced in the period before or on the appointed time."),
        Measure.COUNT,
        settled_on_time,
    ),
    Figure(
        "onestop.dossiers_settled_late",
        _("Dossiers settled late"),
        _("Dossiers whose result was produced in the period after the appointed time."),
        Measure.COUNT,
        settled_late,
    ),
    Figure(
        "onestop.dossiers_overdue",
        _("Dossiers overdue"),
        _("Dossiers due in the period that were not settled by their due time."),
        Measure.COUNT,
        overdue,
    ),
    Figure(
        "onestop.results_electronic",
        _("Results issued electronically"),
        _("Dossiers settled in the period whose result was issued as an electronic file."),
        Measure.COUNT,
        results_electronic,
    ),
    Figure(
        "onestop.dossiers_digitised",
        _("Dossiers digitised"),
        _("Dossiers received in the period with application files and an electronic result."),
        Measure.COUNT,
        digitised,
    ),
    Figure(
        "onestop.dossiers_personal_store",
        _("Dossiers linked to personal data stores"),
        _(
            "Dossiers received in the period with a component taken from the applicant's "
            "personal data store on the national portal, or whose e-result was sent to it."
        ),
        Measure.COUNT,
        personal_store,
    ),
    Figure(
        "onestop.dossiers_fee_bearing",
        _("Dossiers with fees"),
        _("Dossiers received in the period of a procedure charging a fee."),
        Measure.COUNT,
        fee_bearing,
    ),
    Figure(
        "onestop.dossiers_paid_online",
        _("Dossiers paid online"),
        _("Dossiers received in the period with a fee paid through an online method."),
        Measure.COUNT,
        paid_online,
    ),
    Figure(
        "onestop.ratings",
        _("Ratings given"),
        _("Satisfaction ratings given in the period."),
        Measure.COUNT,
        ratings,
    ),
    Figure(
        "onestop.ratings_satisfied",
        _("Satisfied ratings"),
        _("Ratings given in the period at 'satisfied' or 'very satisfied' (4 or 5 of 5)."),
        Measure.COUNT,
        ratings_satisfied,
        together=ratings_together,
    ),
    Figure(
        "onestop.ratings_dissatisfied",
        _("Dissatisfied ratings"),
        _("Ratings given in the period at 'dissatisfied' or 'very dissatisfied' (1 or 2 of 5)."),
        Measure.COUNT,
        ratings_dissatisfied,
        together=ratings_together,
    ),
    Figure(
        "onestop.rating_score_sum",
        _("Sum of rating scores"),
        _("The sum of the scores (1 to 5) of the ratings given in the period."),
        Measure.SCORE,
        rating_score_sum,
    ),
    Figure(
        "onestop.procedures_served",
        _("Procedures served"),
        _("Procedures the unit received dossiers of in the period (each once per unit)."),
        Measure.COUNT,
        procedures_served,
        together=procedures_together,
    ),
    Figure(
        "onestop.procedures_full_online",
        _("Procedures served fully online"),
        _("Of the procedures served, those the catalogue offers fully online (end to end)."),
        Measure.COUNT,
        procedures_full_online,
        together=procedures_together,
    ),
    Figure(
        "onestop.procedures_online_business",
        _("Online services used by businesses"),
        _(
            "Procedures each unit received online dossiers of from businesses in the period "
            "(each procedure once per unit)."
        ),
        Measure.COUNT,
        procedures_online_business,
        together=procedures_together,
    ),
    Figure(
        "onestop.procedures_business_registry",
        _("Online services using the national business registry"),
        _(
            "Of the online services used by businesses, those where a dossier's business "
            "details were filled from the national business registry."
        ),
        Measure.COUNT,
        procedures_business_registry,
        together=procedures_together,
    ),
    Figure(
        "onestop.dossiers_signed_mobile",
        _("Online dossiers signed from a phone"),
        _(
            "Dossiers received online in the period whose application the applicant signed "
            "with the digital signature on their phone (a remote-signing service)."
        ),
        Measure.COUNT,
        dossiers_signed_mobile,
    ),
    Figure(
        "onestop.procedures_online",
        _("Online services used"),
        _(
            "Procedures each unit received online dossiers of in the period (each procedure "
            "once per unit)."
        ),
        Measure.COUNT,
        procedures_online,
        together=procedures_together,
    ),
    Figure(
        "onestop.procedures_signed_mobile",
        _("Online services signed with a mobile digital signature"),
        _(
            "Of the online services used, those where an application was signed with the "
            "digital signature on the applicant's phone."
        ),
        Measure.COUNT,
        procedures_signed_mobile,
        together=procedures_together,
    ),
)


def register() -> None:
    figures_register(*FIGURES)
