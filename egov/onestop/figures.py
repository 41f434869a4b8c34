"""The one-stop figures the dashboards read (``egov.common.figures``), per unit and period.

A dossier counts for its competent unit, or its receiving desk while none is set (as in the
daily roll-up, :class:`~egov.onestop.models.DossierDayFigure`). Counts that the roll-up keeps
(received, settled, ratings) are read from it: a few rows per unit for any period. The others
(overdue, electronic results, digitised dossiers, online payments, satisfied ratings, the
procedures offered online) are one grouped query on the dossier tables, on indexed dates.

Decision 766/QĐ-TTg's fields (shared/domain next-modules f.5) map as follows: NgayTiepNhan =
``received_at``; NgayHenTra = ``due_at``; NgayKetThucXuLy = ``finished_at``; KenhThucHien =
``channel``; MaKetQua / DuongDanTepTinKetQua = a file of kind ``result``; DuocThanhToanTrucTuyen
= a payment through an online method; TaiLieuNop = the application files.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Collection

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from egov.common.figures import Figure, Measure, day_bounds, figures_register
from egov.common.periods import period_cover
from egov.documents.choices import SigningMethod
from egov.integration.choices import ConnectorCode
from egov.onestop.choices import ApplicantKind, Channel, DossierFileKind, FigureGrain, OnlineLevel
from egov.onestop.models import (
    Dossier,
    DossierDayFigure,
    DossierFile,
    DossierPayment,
    DossierRating,
    Procedure,
    ProcedureFee,
)
from egov.onestop.selectors.online_offer import online_levels_offered

BUSINESS_REGISTRY_SOURCE = str(ConnectorCode.BUSINESS_REGISTRY)
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


def _ratings_where(first, last, unit_ids, **where) -> dict[int, int]:
    start, end = day_bounds(first, last)
    qs = DossierRating.objects.filter(rated_at__gte=start, rated_at__lt=end, **where)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    rows = qs.values("unit_id").annotate(n=Count("pk")).order_by()
    return {row["unit_id"]: row["n"] for row in rows}


def ratings_satisfied(*, first, last, unit_ids):
    """Ratings given in the period at "satisfied" or above, for the rated unit."""
    return _ratings_where(first, last, unit_ids, score__gte=SATISFIED_SCORE)


def ratings_dissatisfied(*, first, last, unit_ids):
    """Ratings given in the period at "dissatisfied" or below (Decision 766's "đánh giá không
    hài lòng", which its satisfaction ratio subtracts), for the rated unit."""
    return _ratings_where(first, last, unit_ids, score__lte=DISSATISFIED_SCORE)


def _pairs(qs) -> list[tuple[int, int]]:
    """The distinct (unit, procedure) pairs of the dossiers of ``qs``. Without ``order_by()``
    the dossiers' default ordering would join the DISTINCT and return a row per dossier."""
    pairs = qs.values_list("owner", "procedure_id").order_by().distinct()
    return [(owner, procedure) for owner, procedure in pairs if owner is not None]


def _procedure_pairs(first, last, unit_ids) -> list[tuple[int, int]]:
    return _pairs(_received_in(first, last, unit_ids))


def procedures_served(*, first, last, unit_ids):
    """Procedures each unit received dossiers of in the period (a unit × procedure pair counts
    once): the procedures the unit actually serves, the base of the online-offer share."""
    return dict(Counter(owner for owner, _ in _procedure_pairs(first, last, unit_ids)))


def procedures_full_online(*, first, last, unit_ids):
    """Of :func:`procedures_served`, those the catalogue offers fully online (end to end,
    Decree 42/2022/NĐ-CP) on the period's last day."""
    pairs = _procedure_pairs(first, last, unit_ids)
    procedures = Procedure.objects.filter(pk__in={procedure for _, procedure in pairs})
    levels = online_levels_offered(procedures, last)
    full = {pk for pk, level in levels.items() if level == OnlineLevel.FULL}
    return dict(Counter(owner for owner, procedure in pairs if procedure in full))


def _business_online_in(first, last, unit_ids):
    """Dossiers received in the period that a business submitted online."""
    return _received_in(first, last, unit_ids).filter(
        channel=Channel.ONLINE, applicant_kind=ApplicantKind.ORGANISATION
    )


def _pairs_count(qs) -> dict[int, int]:
    return dict(Counter(owner for owner, _ in _pairs(qs)))


def procedures_online_business(*, first, last, unit_ids):
    """Online services businesses used: procedures each unit received online dossiers of from
    a business in the period (a unit × procedure pair counts once)."""
    return _pairs_count(_business_online_in(first, last, unit_ids))


def procedures_business_registry(*, first, last, unit_ids):
    """Of :func:`procedures_online_business`, those where the business's own fields of at least
    one such dossier stand as the national business registry gave them (``Dossier.prefilled``,
    the plans' "online services use the national business registry")."""
    qs = _business_online_in(first, last, unit_ids).filter(
        prefilled__source=BUSINESS_REGISTRY_SOURCE
    )
    return _pairs_count(qs)


def _online_in(first, last, unit_ids):
    """Dossiers received in the period that were submitted online."""
    return _received_in(first, last, unit_ids).filter(channel=Channel.ONLINE)


def _signed_mobile_in(first, last, unit_ids):
    """Of :func:`_online_in`, those whose application the applicant signed from their phone
    (a remote-signing service: ``Dossier.application_signing_method``)."""
    return _online_in(first, last, unit_ids).filter(application_signing_method=SigningMethod.REMOTE)


def dossiers_signed_mobile(*, first, last, unit_ids):
    """Online dossiers received in the period whose application was signed from a phone."""
    return _count_by_owner(_signed_mobile_in(first, last, unit_ids))


def procedures_online(*, first, last, unit_ids):
    """Online services used: procedures each unit received online dossiers of in the period
    (a unit × procedure pair counts once)."""
    return _pairs_count(_online_in(first, last, unit_ids))


def procedures_signed_mobile(*, first, last, unit_ids):
    """Of :func:`procedures_online`, those where at least one such dossier's application was
    signed with a mobile digital signature (the plans: 20 % of online services)."""
    return _pairs_count(_signed_mobile_in(first, last, unit_ids))


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
    ),
    Figure(
        "onestop.ratings_dissatisfied",
        _("Dissatisfied ratings"),
        _("Ratings given in the period at 'dissatisfied' or 'very dissatisfied' (1 or 2 of 5)."),
        Measure.COUNT,
        ratings_dissatisfied,
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
    ),
    Figure(
        "onestop.procedures_full_online",
        _("Procedures served fully online"),
        _("Of the procedures served, those the catalogue offers fully online (end to end)."),
        Measure.COUNT,
        procedures_full_online,
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
    ),
)


def register() -> None:
    figures_register(*FIGURES)
