"""The applicant's pages (login required; citizens and businesses only, officers get 403):
the list of their dossiers, a new dossier from a procedure, the draft's form, one dossier's
page and its files. Actions that change a dossier are in :mod:`.citizen_actions`."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.accounts.choices import AccountKind
from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.integration.choices import ConnectorCode
from egov.integration.rules import ASSURANCE_SESSION_KEY
from egov.integration.services.remote_signing import remote_signing_available
from egov.onestop.choices import (
    OPEN_STATUSES,
    ApplicantKind,
    DossierFileKind,
    DossierStatus,
    NoticeKind,
)
from egov.onestop.forms_online import (
    ApplicationForm,
    MyDossierFilterForm,
    RatingForm,
    SupplementForm,
    UploadForm,
    sources_mark,
)
from egov.onestop.models import Dossier, Procedure
from egov.onestop.printing.context import forms_printable
from egov.onestop.progress import dossier_stages
from egov.onestop.rules import DOSSIER_TRANSITIONS, application_schema
from egov.onestop.selectors import procedure_in_force
from egov.onestop.selectors.online import (
    dossier_file_get_for_applicant,
    dossier_files_grouped,
    dossier_get_for_applicant,
    dossier_list_for_applicant,
    dossier_notices_public,
    dossier_rating_get,
    dossier_timeline,
)
from egov.onestop.selectors.online_offer import is_offered_online, published_definition_codes
from egov.onestop.selectors.track import dossier_track_url
from egov.onestop.services.online import dossier_draft_save, missing_documents
from egov.onestop.services.payments import dossier_fees_due
from egov.onestop.services.prefill import Prefill, application_prefill

View = Callable[..., HttpResponse]
PAGE_SIZE = 20


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


@require_GET
@citizen_required
def my_dossier_list(request: HttpRequest) -> HttpResponse:
    """The applicant's dossiers, newest first, searched and filtered by status."""
    form = MyDossierFilterForm(request.GET)
    dossiers = dossier_list_for_applicant(request.user, **form.filters())
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"page": page, "form": form, "query": query.urlencode()}
    return render(request, "onestop/citizen/dossier_list.html", context)


PREFILL_SESSION_KEY = "onestop_prefill_%s"


def session_assurance(request: HttpRequest) -> int:
    """The level of assurance of this session's login (a VNeID login's level; else 0)."""
    level = request.session.get(ASSURANCE_SESSION_KEY, 0)
    return level if isinstance(level, int) else 0


def _is_business(user: Any) -> bool:
    return user.kind == AccountKind.BUSINESS


def _schema(user: Any, procedure: Procedure) -> list:
    """The online form for this applicant: a business's fields or a person's, then the
    procedure's own."""
    return application_schema(procedure.form_fields, organisation=_is_business(user))


def _prefill_source(request: HttpRequest) -> str:
    """The national database this applicant may fill their own fields from now: a business
    from the business registry; a citizen from the population database after a VNeID login;
    else nothing ("")."""
    user = request.user
    if _is_business(user):
        return ConnectorCode.BUSINESS_REGISTRY if user.tax_code else ""
    if session_assurance(request) >= 1 and user.citizen_id:
        return ConnectorCode.POPULATION
    return ""


def _form_page(
    request: HttpRequest,
    procedure: Procedure,
    form: ApplicationForm,
    dossier: Dossier | None = None,
) -> HttpResponse:
    context = {
        "procedure": procedure,
        "form": form,
        "dossier": dossier,
        "prefill_source": _prefill_source(request),
        "is_business": _is_business(request.user),
    }
    return render(request, "onestop/citizen/dossier_form.html", context)


def _session_prefill(request: HttpRequest, procedure: Procedure) -> Prefill | None:
    return Prefill.from_dict(request.session.get(PREFILL_SESSION_KEY % procedure.pk))


def _prefill_post(
    request: HttpRequest, procedure: Procedure, dossier: Dossier | None
) -> HttpResponse:
    """Fill the applicant's empty fields from the national database (the population database
    for a citizen, the business registry for a business), keep what the database gave in the
    session for the save, and show the form again with each value's source (nothing is saved
    yet)."""
    form = ApplicationForm(_schema(request.user, procedure), request.POST)
    try:
        result = application_prefill(
            actor=request.user,
            procedure_code=procedure.code,
            current=form.raw_values(),
            assurance_level=session_assurance(request),
            unit=dossier.competent_unit if dossier is not None else None,
        )
    except DomainError as exc:
        form_add_domain_error(form, exc)
        return _form_page(request, procedure, form, dossier)
    request.session[PREFILL_SESSION_KEY % procedure.pk] = result.prefill.as_dict()
    form = ApplicationForm(_schema(request.user, procedure), result.values)
    sources_mark(form, given=result.prefill.values, kept=result.kept, source=result.prefill.source)
    return _form_page(request, procedure, form, dossier)


def _draft_post(
    request: HttpRequest, procedure: Procedure, dossier: Dossier | None
) -> HttpResponse:
    if "prefill" in request.POST:
        return _prefill_post(request, procedure, dossier)
    form = ApplicationForm(_schema(request.user, procedure), request.POST)
    prefill = _session_prefill(request, procedure)
    try:
        saved = dossier_draft_save(
            actor=request.user,
            procedure=procedure,
            form_data=form.raw_values(),
            dossier=dossier,
            prefill=prefill,
        )
    except DomainError as exc:
        form_add_domain_error(form, exc)
        if prefill is not None:
            sources_mark(
                form, given=prefill.values, current=form.raw_values(), source=prefill.source
            )
        return _form_page(request, procedure, form, dossier)
    request.session.pop(PREFILL_SESSION_KEY % procedure.pk, None)
    messages.success(request, _("Your draft is saved. Upload the documents, then submit it."))
    return redirect("onestop:my-dossier-detail", pk=saved.pk)


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_start(request: HttpRequest, code: str) -> HttpResponse:
    """A new dossier for the version of ``code`` in force today: the application form."""
    procedure = procedure_in_force(code, timezone.localdate())
    if procedure is None or not is_offered_online(procedure, published_definition_codes()):
        raise Http404
    if request.method == "POST":
        return _draft_post(request, procedure, None)
    request.session.pop(PREFILL_SESSION_KEY % procedure.pk, None)
    form = ApplicationForm(_schema(request.user, procedure))
    return _form_page(request, procedure, form)


@require_http_methods(["GET", "POST"])
@citizen_required
def my_dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the application form of a draft."""
    dossier = dossier_get_for_applicant(request.user, pk)
    if dossier.status != DossierStatus.DRAFT:
        return redirect("onestop:my-dossier-detail", pk=dossier.pk)
    if request.method == "POST":
        return _draft_post(request, dossier.procedure, dossier)
    request.session.pop(PREFILL_SESSION_KEY % dossier.procedure_id, None)
    form = ApplicationForm(_schema(request.user, dossier.procedure), initial=dossier.form_data)
    prefilled = dossier.prefilled or {}
    sources_mark(form, given=prefilled.get("fields", {}), source=prefilled.get("source", ""))
    return _form_page(request, dossier.procedure, form, dossier)


def form_rows(dossier: Dossier) -> list[tuple[str, str, str]]:
    """The application form as (label, value, source) rows, in the schema's order; the source
    is the national database's connector code ("population", "business") while the value
    still stands as it gave it, else ""."""
    prefilled = dossier.prefilled or {}
    given = prefilled.get("fields") or {}
    source = str(prefilled.get("source") or "")
    organisation = dossier.applicant_kind == ApplicantKind.ORGANISATION
    rows = []
    for spec in application_schema(dossier.procedure.form_fields, organisation=organisation):
        name = spec.get("name")
        value = dossier.form_data.get(name)
        if value is None:
            continue
        from_database = name in given and given[name] == value
        if isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((spec.get("label") or name, str(value), source if from_database else ""))
    return rows


def _detail_context(dossier: Dossier) -> dict[str, Any]:
    is_draft = dossier.status == DossierStatus.DRAFT
    rating = dossier_rating_get(dossier)
    notices = dossier_notices_public(dossier)
    return {
        "dossier": dossier,
        "is_draft": is_draft,
        "form_rows": form_rows(dossier),
        "files": dossier_files_grouped(dossier),
        "missing": missing_documents(dossier) if is_draft else [],
        "can_sign_remote": is_draft and remote_signing_available(),
        "notices": notices,
        "forms": forms_printable(dossier, (notice.kind for notice in notices), as_officer=False),
        "timeline": dossier_timeline(dossier),
        "fees": dossier_fees_due(dossier),
        "can_pay": DOSSIER_TRANSITIONS.can("pay", dossier.status),
        "can_withdraw": DOSSIER_TRANSITIONS.can("withdraw", dossier.status),
        "needs_supplement": dossier.status == DossierStatus.SUPPLEMENT_REQUESTED,
        "is_open": dossier.status in OPEN_STATUSES,
        "rating": rating,
        "can_rate": DOSSIER_TRANSITIONS.can("rate", dossier.status) and rating is None,
        "upload_form": UploadForm(),
        "supplement_form": SupplementForm(),
        "rating_form": RatingForm(),
        "track_url": dossier_track_url(dossier.code) if dossier.code else "",
        "stages": dossier_stages(dossier.status, is_received=dossier.received_at is not None),
        "result_files": [f for f in dossier.files.all() if f.kind == DossierFileKind.RESULT]
        if dossier.status == DossierStatus.RETURNED
        else [],
        "supplement_notice": next(
            (n for n in reversed(notices) if n.kind == NoticeKind.SUPPLEMENT), None
        ),
    }


def detail_page(request: HttpRequest, dossier: Dossier, **extra: Any) -> HttpResponse:
    """The dossier's page, with ``extra`` context (errors of a failed action)."""
    context = {**_detail_context(dossier), **extra}
    return render(request, "onestop/citizen/dossier_detail.html", context)


@require_GET
@citizen_required
def my_dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One dossier: status, timeline, forms issued, files, and what the applicant can do."""
    return detail_page(request, dossier_get_for_applicant(request.user, pk))


@require_GET
@citizen_required
def my_dossier_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of the applicant's dossier, always as an attachment of its sniffed type."""
    stored = dossier_file_get_for_applicant(request.user, pk, file_id)
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.original_name,
        content_type=stored.content_type,
    )
