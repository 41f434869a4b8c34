"""Pages of citizen reception and petitions: the public reception schedule; the officer's
reception book, petition register and petition page with the small POST forms of its steps;
the citizen's own petitions. A refusal re-renders the page with the reason (400), never a 500."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.lookup_throttle import TooManyLookups, track_window_seconds
from egov.common.pdf import PdfUnavailable
from egov.complaints import services, services_appeal, services_publish, services_teams
from egov.complaints.exceptions import ComplaintsError
from egov.complaints.forms import (
    AppealForm,
    CitizenPetitionForm,
    ClassifyForm,
    ExtendForm,
    HandlerForm,
    PetitionFilterForm,
    PetitionForm,
    PublishForm,
    ReceptionDayForm,
    SettleForm,
    StepForm,
    TeamForm,
    VisitForm,
)
from egov.complaints.models import Petition, VerificationTeam
from egov.complaints.render import visit_receipt_pdf
from egov.complaints.rules import OPEN_STEPS, PETITION_TRANSITIONS
from egov.complaints.selectors import (
    HANDLERS,
    RECEIVERS,
    decisions_published,
    may_see_identity,
    petition_get_for_citizen,
    petition_get_for_user,
    petition_list_for_citizen,
    petition_list_for_user,
    protected_ids,
    reception_days_published,
    visit_get_for_user,
    visit_list_for_user,
)
from egov.complaints.throttle import petition_track_lookup
from egov.documents.models import Document
from egov.orgs.access import can_act_for_unit
from egov.orgs.decorators import officer_required


def _refused(error: DomainError) -> None:
    if error.status == 403:
        raise PermissionDenied from error


@require_GET
def reception_schedule(request: HttpRequest) -> HttpResponse:
    """The published reception days and leaders' schedule (public)."""
    today = timezone.localdate()
    days = reception_days_published(first=today, last=today + datetime.timedelta(days=92))
    return render(request, "complaints/schedule.html", {"days": days})


@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    """Settled decisions as published, personal data removed (public)."""
    decisions = list(decisions_published()[:100])
    return render(request, "complaints/decision_list.html", {"decisions": decisions})


@require_GET
@never_cache
def petition_track(request: HttpRequest) -> HttpResponse:
    """The public look-up of a petition by its number and tracking code (no login): its state
    and legal time limit, never a person. Rate limited per client IP."""
    number, code = request.GET.get("number", ""), request.GET.get("code", "")
    if not number.strip() and not code.strip():
        return render(request, "complaints/track.html", {"searched": False})
    try:
        track = petition_track_lookup(number=number, code=code, request=request)
    except TooManyLookups as error:
        context = {"searched": False, "limited": error.message, "number": number, "code": code}
        response = render(request, "complaints/track.html", context, status=429)
        response["Retry-After"] = str(track_window_seconds())
        return response
    context = {"searched": True, "track": track, "number": number, "code": code}
    return render(request, "complaints/track.html", context)


@require_GET
@officer_required
def visit_list(request: HttpRequest) -> HttpResponse:
    visits = list(visit_list_for_user(request.user)[:200])
    return render(request, "complaints/visit_list.html", {"visits": visits})


@require_http_methods(["GET", "POST"])
@officer_required
def visit_create(request: HttpRequest) -> HttpResponse:
    initial = {"received_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = VisitForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            visit = services.visit_record(actor=request.user, **data)
        except DomainError as error:
            _refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The visit was recorded in the reception book."))
            return redirect("complaints:visit-detail", pk=visit.pk)
    status = 400 if request.method == "POST" else 200
    title = _("Record a citizen visit")
    return render(request, "complaints/form.html", {"form": form, "title": title}, status=status)


@require_GET
@officer_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = visit_get_for_user(request.user, pk)
    petitions = list(visit.petitions.all())
    return render(request, "complaints/visit_detail.html", {"visit": visit, "petitions": petitions})


@require_GET
@officer_required
def visit_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    visit = visit_get_for_user(request.user, pk)
    try:
        response = HttpResponse(visit_receipt_pdf(visit), content_type="application/pdf")
    except PdfUnavailable as error:
        return HttpResponse(error.message, status=503, content_type="text/plain")
    name = f"giay-bien-nhan-{visit.number.replace('/', '-')}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_http_methods(["GET", "POST"])
@officer_required
def reception_day_create(request: HttpRequest) -> HttpResponse:
    form = ReceptionDayForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reception_day_publish(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The reception day was published."))
            return redirect("complaints:schedule")
    status = 400 if request.method == "POST" else 200
    title = _("Publish a reception day")
    return render(request, "complaints/form.html", {"form": form, "title": title}, status=status)


@require_GET
@officer_required
def petition_list(request: HttpRequest) -> HttpResponse:
    """The petitions within reach, newest first; ``?unit=`` keeps one receiving unit's,
    ``?overdue=1`` the open ones past their time limit (the figures page links here)."""
    form = PetitionFilterForm(request.GET)
    if not form.is_valid():
        return render(request, "complaints/petition_list.html", {"filter": form}, status=400)
    petitions = petition_list_for_user(request.user)
    if form.cleaned_data["unit"]:
        petitions = petitions.filter(unit_id=form.cleaned_data["unit"])
    if form.cleaned_data["overdue"]:
        petitions = petitions.overdue()
    petitions = list(petitions[:200])
    hidden = protected_ids(request.user, petitions)
    context = {"petitions": petitions, "hidden": hidden, "filter": form}
    return render(request, "complaints/petition_list.html", context)


@require_http_methods(["GET", "POST"])
@officer_required
def petition_create(request: HttpRequest) -> HttpResponse:
    initial = {"received_at": timezone.localtime().replace(second=0, microsecond=0)}
    form = PetitionForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        document_id = data.pop("incoming_document")
        try:
            if document_id:
                data["incoming_document"] = Document.objects.filter(pk=document_id).first()
                if data["incoming_document"] is None:
                    raise ComplaintsError(
                        _("No such document."), fields={"incoming_document": _("No such document.")}
                    )
            petition = services.petition_register(actor=request.user, **data)
        except DomainError as error:
            _refused(error)
            form_add_domain_error(form, error)
        except Http404:
            form.add_error("incoming_document", _("No such document."))
        else:
            messages.success(
                request, _("Petition %(number)s was registered.") % {"number": petition.number}
            )
            return redirect("complaints:petition-detail", pk=petition.pk)
    status = 400 if request.method == "POST" else 200
    title = _("Register a petition")
    return render(request, "complaints/form.html", {"form": form, "title": title}, status=status)


def _forms(petition: Petition) -> dict[str, forms.Form]:
    version = {"version": petition.version}
    return {
        "classify": ClassifyForm(initial={**version, "is_competent": True}, prefix="classify"),
        "verify": StepForm(initial=version, prefix="verify"),
        "dialogue": StepForm(initial=version, prefix="dialogue"),
        "extend": ExtendForm(initial=version, prefix="extend"),
        "settle": SettleForm(initial=version, prefix="settle"),
        "handler": HandlerForm(petition, prefix="handler"),
        "appeal": AppealForm(
            initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)},
            prefix="appeal",
        ),
        "publish": _publish_form(petition),
        "team": TeamForm(initial={**version, "formed_on": timezone.localdate()}, prefix="team"),
    }


def _publish_form(petition: Petition) -> PublishForm:
    title, text = services_publish.decision_public_draft(petition)
    initial = {"version": petition.version, "public_title": title, "public_text": text}
    return PublishForm(initial=initial, prefix="publish")


def _page(
    request: HttpRequest,
    petition: Petition,
    *,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    page_forms = _forms(petition)
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    handler = can_act_for_unit(request.user, petition.unit, roles=HANDLERS)
    team = VerificationTeam.objects.filter(petition=petition).select_related("decision").first()
    members = list(team.members.select_related("user", "unit")) if team else []
    can = PETITION_TRANSITIONS.available(petition.status) if handler else frozenset()
    if not handler and any(m.user_id == request.user.pk for m in members):
        can = PETITION_TRANSITIONS.available(petition.status) & {"verify"}
    return render(
        request,
        "complaints/petition_detail.html",
        {
            "petition": petition,
            "shows_identity": may_see_identity(request.user, petition),
            "steps": list(petition.steps.select_related("by")),
            "handlers": list(petition.handlers.all()),
            "forms": page_forms,
            "handler": handler,
            "can": can,
            "team": team,
            "team_members": members,
            "appeals": list(petition.appeals.select_related("unit", "decision")),
            "may_appeal": _may_appeal(request, petition),
        },
        status=status,
    )


def _may_appeal(request: HttpRequest, petition: Petition) -> bool:
    """Offer the second complaint's form to a receiver of the level above, on a first-instance
    complaint with an open or settled case and none yet (the service checks the rest)."""
    if petition.instance != 1 or petition.kind not in ("complaint", "mixed"):
        return False
    if petition.status not in ("settled", *OPEN_STEPS) or petition.appeals.exists():
        return False
    try:
        unit = services_appeal.appeal_unit(petition)
    except DomainError:
        return False
    return can_act_for_unit(request.user, unit, roles=RECEIVERS)


@require_GET
@officer_required
def petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, petition_get_for_user(request.user, pk))


@require_GET
@officer_required
def petition_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The petitioner's identity: a 404 for anyone but a named handler of a denunciation."""
    petition = petition_get_for_user(request.user, pk)
    identity = services.petition_identity_read(actor=request.user, petition=petition)
    return render(request, "complaints/identity.html", {"petition": petition, "identity": identity})


def _classify(request: HttpRequest, petition: Petition, data: dict) -> str:
    services.petition_classify(
        actor=request.user,
        petition=petition,
        expected_version=data.pop("version"),
        **data,
    )
    return _("The petition was classified and its notice drafted in the registry.")


def _step(name: str) -> Callable[[HttpRequest, Petition, dict], str]:
    def run(request: HttpRequest, petition: Petition, data: dict) -> str:
        services.petition_step_record(
            actor=request.user,
            petition=petition,
            step=name,
            on=data["on"],
            note=data["note"],
            expected_version=data["version"],
        )
        return _("The step was recorded.")

    return run


def _extend(request: HttpRequest, petition: Petition, data: dict) -> str:
    services.petition_extend(
        actor=request.user,
        petition=petition,
        reason=data["reason"],
        expected_version=data["version"],
    )
    return _("The time limit was extended.")


def _settle(request: HttpRequest, petition: Petition, data: dict) -> str:
    services.petition_settle(
        actor=request.user,
        petition=petition,
        expected_version=data.pop("version"),
        **data,
    )
    return _("The petition was settled; its decision is drafted in the registry.")


def _name_handler(request: HttpRequest, petition: Petition, data: dict) -> str:
    services.petition_handler_name(actor=request.user, petition=petition, handler=data["handler"])
    return _("The handler was named.")


def _appeal(request: HttpRequest, petition: Petition, data: dict) -> str:
    appeal = services_appeal.petition_appeal_register(actor=request.user, first=petition, **data)
    return _("The second complaint was registered as %(number)s at %(unit)s.") % {
        "number": appeal.number,
        "unit": appeal.unit.name,
    }


def _publish(request: HttpRequest, petition: Petition, data: dict) -> str:
    services_publish.petition_decision_publish(
        actor=request.user,
        petition=petition,
        expected_version=data.pop("version"),
        **data,
    )
    return _("The decision was published with personal data removed.")


def _team(request: HttpRequest, petition: Petition, data: dict) -> str:
    services_teams.verification_team_form(
        actor=request.user,
        petition=petition,
        leader=data["leader"],
        members=list(data["members"]),
        formed_on=data["formed_on"],
        expected_version=data["version"],
    )
    return _("The verification team was formed; its decision is drafted in the registry.")


ACTIONS: dict[str, tuple[Callable[..., forms.Form], Callable[..., str]]] = {
    "classify": (lambda p, d: ClassifyForm(d, prefix="classify"), _classify),
    "verify": (lambda p, d: StepForm(d, prefix="verify"), _step("verify")),
    "dialogue": (lambda p, d: StepForm(d, prefix="dialogue"), _step("dialogue")),
    "extend": (lambda p, d: ExtendForm(d, prefix="extend"), _extend),
    "settle": (lambda p, d: SettleForm(d, prefix="settle"), _settle),
    "handler": (
        lambda p, d: HandlerForm(p, d, prefix="handler"),
        _name_handler,
    ),
    "appeal": (lambda p, d: AppealForm(d, prefix="appeal"), _appeal),
    "publish": (lambda p, d: PublishForm(d, prefix="publish"), _publish),
    "team": (lambda p, d: TeamForm(d, prefix="team"), _team),
}


@require_POST
@officer_required
def petition_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    petition = petition_get_for_user(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    make_form, run = ACTIONS[action]
    form = make_form(petition, request.POST)
    if not form.is_valid():
        return _page(request, petition, bound=(action, form), status=400)
    try:
        message = run(request, petition, dict(form.cleaned_data))
    except DomainError as error:
        _refused(error)
        form_add_domain_error(form, error)
        petition.refresh_from_db()
        return _page(request, petition, bound=(action, form), status=400)
    messages.success(request, message)
    return redirect("complaints:petition-detail", pk=petition.pk)


@require_GET
@login_required
def my_petition_list(request: HttpRequest) -> HttpResponse:
    petitions = list(petition_list_for_citizen(request.user)[:100])
    return render(request, "complaints/my_list.html", {"petitions": petitions})


@require_http_methods(["GET", "POST"])
@login_required
def my_petition_create(request: HttpRequest) -> HttpResponse:
    if not getattr(request.user, "is_public", False):
        raise PermissionDenied
    form = CitizenPetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            petition = services.petition_submit_online(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _refused(error)
            form_add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("Your petition was registered as %(number)s.") % {"number": petition.number},
            )
            return redirect("complaints:my-petition-detail", pk=petition.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "complaints/my_form.html", {"form": form}, status=status)


@require_GET
@login_required
def my_petition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    petition = petition_get_for_citizen(request.user, pk)
    return render(request, "complaints/my_detail.html", {"petition": petition})
