"""Meeting pages: the list, planning a meeting, the meeting page with the small POST forms of
its actions (invite, agenda, papers, answers, check-in, opinions, votes, conclusions, the
registry documents), a paper for invitees, and the figures. A refusal re-renders the page
with the reason (400), never a 500."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.qr import qr_svg
from egov.meetings import services
from egov.meetings.choices import VoteStatus
from egov.meetings.forms import (
    AnswerForm,
    BallotForm,
    ConclusionForm,
    DraftForm,
    InviteeForm,
    ItemForm,
    MeetingForm,
    MoveForm,
    NoteForm,
    OpinionForm,
    PaperForm,
    PaperVersionForm,
    PickForm,
    PointCheckInForm,
    PointForm,
    SpeakForm,
    VersionForm,
    VoteOpenForm,
    WrittenSendForm,
)
from egov.meetings.models import (
    AgendaItem,
    Ballot,
    Conclusion,
    ConnectedPoint,
    Invitee,
    Meeting,
    Paper,
    Speaker,
    Turnout,
    Vote,
    WrittenBallot,
    mmss,
)
from egov.meetings.rules import MEETING_TRANSITIONS
from egov.meetings.selectors import (
    calendar_feed_of,
    calendar_units,
    invitee_for,
    is_chair,
    may_manage,
    may_read_paper,
    meeting_get_for_user,
    meeting_list_for_user,
    overlaps_of,
    paper_get_for_user,
    speaker_list,
)
from egov.meetings.services import notes, papers, timers, written
from egov.meetings.views.checkin import attendance_context, checkin_url
from egov.orgs.decorators import officer_required
from egov.orgs.models import Membership


@require_GET
@officer_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = list(meeting_list_for_user(request.user)[:200])
    now = timezone.now()
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "upcoming": [m for m in meetings if m.starts_at >= now][::-1],
            "past": [m for m in meetings if m.starts_at < now],
            **_calendar_links(request),
        },
    )


def _calendar_links(request: HttpRequest) -> dict[str, Any]:
    """The officer's own feed URL and one per unit they hold a role in (when they made a
    secret calendar link)."""
    feed = calendar_feed_of(request.user)
    if feed is None:
        return {"feed_url": "", "unit_feeds": []}
    units = [
        (unit, reverse("meetings:calendar-unit-feed", args=[feed.token, unit.pk]))
        for unit in calendar_units(request.user)
    ]
    return {
        "feed_url": request.build_absolute_uri(
            reverse("meetings:calendar-feed", args=[feed.token])
        ),
        "unit_feeds": [(unit, request.build_absolute_uri(url)) for unit, url in units],
    }


@require_http_methods(["GET", "POST"])
@officer_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was planned."))
            for warning in overlaps_of(meeting):
                messages.warning(request, warning)
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "meetings/meeting_form.html", {"form": form}, status=status)


# The forms the page renders carry their name as prefix: several are on one page.
PREFIXED = (
    "invitee",
    "item",
    "paper",
    "draft",
    "answer",
    "opinion",
    "vote",
    "conclusion",
    "speak",
    "point",
    "note",
)


def _forms(meeting: Meeting, user: Any, mine: Invitee | None) -> dict[str, forms.Form]:
    units = None
    if mine is not None:  # delegates offered: the invited unit's officers, or the person's
        units = (
            [mine.unit_id]
            if mine.unit_id
            else list(
                Membership.objects.current().filter(user=user).values_list("unit_id", flat=True)
            )
        )
    return {
        "invitee": InviteeForm(prefix="invitee"),
        "item": ItemForm(meeting, prefix="item"),
        "paper": PaperForm(meeting, prefix="paper"),
        "draft": DraftForm(meeting, initial={"expected_version": meeting.version}, prefix="draft"),
        "answer": AnswerForm(prefix="answer", units=units),
        "opinion": OpinionForm(meeting, prefix="opinion"),
        "vote": VoteOpenForm(meeting, prefix="vote"),
        "conclusion": ConclusionForm(prefix="conclusion"),
        "speak": SpeakForm(meeting, prefix="speak"),
        "point": PointForm(prefix="point"),
        "note": NoteForm(meeting, prefix="note"),
    }


def _page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    manager, chair = may_manage(user, meeting), is_chair(user, meeting)
    mine = invitee_for(user, meeting)
    page_forms = _forms(meeting, user, mine)
    if bound is not None:
        page_forms[bound[0]] = bound[1]
    items = list(
        meeting.items.prefetch_related(
            Prefetch("papers", queryset=Paper.objects.current().prefetch_related("readers")),
            "opinions__author",
            # The page lists the named ballots of a closed vote only (with the voters'
            # names, one query): an open vote's ballots are counted at the close, a secret
            # vote has none (ADR 0017).
            Prefetch(
                "votes__ballots",
                queryset=Ballot.objects.filter(vote__secret=False, vote__status=VoteStatus.CLOSED)
                .select_related("voter")
                .only("id", "vote_id", "voter_id", "choice", "voter__full_name"),
            ),
            "votes__written_ballots",
        )
    )
    for item in items:
        for vote in item.votes.all():
            sent = list(vote.written_ballots.all())
            vote.written_sent = len(sent)
            vote.written_answered = sum(b.answered_at is not None for b in sent)
    my_written = set(
        WrittenBallot.objects.filter(
            vote__item__meeting=meeting, voter=user, answered_at__isnull=True
        ).values_list("vote_id", flat=True)
    )
    for item in items:
        for paper in item.papers.all():
            paper.readable = may_read_paper(user, meeting, paper)
    my_ballots = set(
        Turnout.objects.filter(vote__item__meeting=meeting, voter=user).values_list(
            "vote_id", flat=True
        )
    )
    speakers = _speakers_context(request, meeting, chair=chair, mine=mine)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            **attendance_context(request, meeting),
            "items": items,
            "my_qr": qr_svg(checkin_url(request, mine), title=_("Your check-in code"))
            if mine
            else "",
            "overlaps": overlaps_of(meeting) if manager else [],
            **_points(request, meeting, listed=manager or chair),
            **speakers,
            "conclusions": list(
                meeting.conclusions.select_related("lead_unit", "task").prefetch_related(
                    "cooperating_units"
                )
            ),
            "notes": list(meeting.notes.select_related("item", "author"))
            if manager or chair
            else [],
            "forms": page_forms,
            "manager": manager,
            "chair": chair,
            "mine": mine,
            "my_ballots": my_ballots,
            "my_written": my_written,
            "vote_written": VoteStatus.WRITTEN,
            "vote_closed": VoteStatus.CLOSED,
            "can": MEETING_TRANSITIONS.available(meeting.status),
            "vote_open": VoteStatus.OPEN,
        },
        status=status,
    )


def _points(request: HttpRequest, meeting: Meeting, *, listed: bool) -> dict[str, Any]:
    """The connected points: every one for the host and the chair, else the points the
    officer answers for (to check them in); how many joined, for all."""
    points = meeting.points.select_related("unit", "officer")
    if not listed:
        points = points.filter(officer=request.user)
    counts = meeting.points.aggregate(
        total=Count("pk"), joined=Count("pk", filter=Q(joined_at__isnull=False))
    )
    return {
        "points": list(points),
        "points_total": counts["total"],
        "points_joined": counts["joined"],
    }


@require_GET
@officer_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, meeting_get_for_user(request.user, pk))


def _target(model: type, pk: int, **lookup: Any) -> Any:
    """The meeting's row ``pk`` (``lookup``: ``meeting`` or ``item__meeting``), its item joined
    and its meeting set to the one the view checked: the services ask for ``row.meeting`` or
    ``row.item.meeting``, and that object knows the caller's invitation (one query per vote
    of a burst, and no second look-up of the voter's invitation)."""
    ((path, meeting),) = lookup.items()
    parent = path.removesuffix("meeting").removesuffix("__")
    rows = model.objects.filter(pk=pk, **lookup)
    row = (rows.select_related(parent) if parent else rows).first()
    if row is None:
        raise Http404
    (getattr(row, parent) if parent else row).meeting = meeting
    return row


def _on_meeting(service: Callable[..., Any], message: str) -> Handler:
    """A handler that calls ``service`` on the meeting with the form's data."""

    def handle(request: HttpRequest, meeting: Meeting, data: dict) -> str:
        service(actor=request.user, meeting=meeting, **data)
        return _(message)

    return handle


def _on_row(
    model: type, lookup: str, service: Callable[..., Any], arg: str, message: str, **extra: str
) -> Handler:
    """A handler that calls ``service`` on the meeting's row picked by the form's ``target``
    (or ``vote``) field; ``extra`` maps the service's other arguments to form fields."""

    def handle(request: HttpRequest, meeting: Meeting, data: dict) -> str:
        key = "vote" if "vote" in data else "target"
        row = _target(model, data[key], **{lookup: meeting})
        service(actor=request.user, **{arg: row}, **{k: data[v] for k, v in extra.items()})
        return _(message)

    return handle


def _with_warning(service: Callable[..., Any], message: str) -> Handler:
    """A handler for services that return (row, warning): the warning is shown too."""

    def handle(request: HttpRequest, meeting: Meeting, data: dict) -> str:
        _row, warning = service(actor=request.user, meeting=meeting, **data)
        if warning:
            messages.warning(request, warning)
        return _(message)

    return handle


def _paper_add(request: HttpRequest, meeting: Meeting, data: dict) -> str:
    upload = data.pop("file")
    _paper, warning = services.paper_upload(
        actor=request.user, upload=upload, name=upload.name, **data
    )
    if warning:
        messages.warning(request, warning)
    return _("The paper was added.")


def _answer(request: HttpRequest, meeting: Meeting, data: dict) -> str:
    invitee = invitee_for(request.user, meeting)
    if invitee is None:
        raise Http404
    services.invitee_answer(actor=request.user, invitee=invitee, **data)
    return _("Your answer was recorded.")


def _speak(request: HttpRequest, meeting: Meeting, data: dict) -> str:
    services.speaker_request(actor=request.user, meeting=meeting, item=data.get("item"))
    return _("You are on the speakers list.")


def _speaker_move(request: HttpRequest, meeting: Meeting, data: dict) -> str:
    speaker = _target(Speaker, data["target"], meeting=meeting)
    services.speaker_move(actor=request.user, speaker=speaker, up=data["up"])
    return _("The speakers list was reordered.")


def _no_meeting(service: Callable[..., Any], message: str) -> Handler:
    """A handler for services that take the form's data only (the item names the meeting)."""

    def handle(request: HttpRequest, meeting: Meeting, data: dict) -> str:
        service(actor=request.user, **data)
        return _(message)

    return handle


def _plain(form_class: type[forms.Form]) -> Callable[..., forms.Form]:
    """Build a form that does not need the meeting."""
    return lambda meeting, *args, **kwargs: form_class(*args, **kwargs)


Handler = Callable[[HttpRequest, Meeting, dict], str]
# The messages are marked for translation here (gettext_noop) and translated when shown.
# action -> (the page's form it binds, its form class builder, the handler)
ACTIONS: dict[str, tuple[str, Callable[..., forms.Form], Handler]] = {
    "invitee": (
        "invitee",
        _plain(InviteeForm),
        _on_meeting(services.invitee_add, gettext_noop("The invitee was added.")),
    ),
    "item": (
        "item",
        ItemForm,
        _on_meeting(services.item_add, gettext_noop("The agenda item was added.")),
    ),
    "paper": ("paper", PaperForm, _paper_add),
    "invitation": (
        "draft",
        DraftForm,
        _on_meeting(
            services.invitation_draft,
            gettext_noop("The invitation was drafted in the registry; review and sign it there."),
        ),
    ),
    "invite": (
        "version",
        _plain(VersionForm),
        _with_warning(services.meeting_invite, gettext_noop("The invitation was sent.")),
    ),
    "answer": ("answer", _plain(AnswerForm), _answer),
    "check-in": (
        "pick",
        _plain(PickForm),
        _on_row(
            Invitee, "meeting", services.invitee_check_in, "invitee", gettext_noop("Checked in.")
        ),
    ),
    "opinion": (
        "opinion",
        OpinionForm,
        _no_meeting(services.opinion_give, gettext_noop("Your opinion was recorded.")),
    ),
    "vote-open": (
        "vote",
        VoteOpenForm,
        _no_meeting(services.vote_open, gettext_noop("The vote is open.")),
    ),
    "ballot": (
        "ballot",
        _plain(BallotForm),
        _on_row(
            Vote,
            "item__meeting",
            services.vote_cast,
            "vote",
            gettext_noop("Your vote was counted."),
            choice="choice",
        ),
    ),
    "vote-close": (
        "pick",
        _plain(PickForm),
        _on_row(
            Vote, "item__meeting", services.vote_close, "vote", gettext_noop("The vote is closed.")
        ),
    ),
    "vote-written": (
        "written",
        _plain(WrittenSendForm),
        _on_row(
            Vote,
            "item__meeting",
            written.vote_send_written,
            "vote",
            gettext_noop("Written ballots were sent to the absent members."),
            workdays="workdays",
        ),
    ),
    "written-ballot": (
        "ballot",
        _plain(BallotForm),
        _on_row(
            Vote,
            "item__meeting",
            written.written_ballot_cast,
            "vote",
            gettext_noop("Your written ballot was counted."),
            choice="choice",
        ),
    ),
    "hold": (
        "version",
        _plain(VersionForm),
        _on_meeting(services.meeting_hold, gettext_noop("The meeting is marked as held.")),
    ),
    "conclusion": (
        "conclusion",
        _plain(ConclusionForm),
        _on_meeting(services.conclusion_add, gettext_noop("The conclusion was recorded.")),
    ),
    "minutes": (
        "draft",
        DraftForm,
        _on_meeting(
            services.minutes_draft, gettext_noop("The minutes were drafted in the registry.")
        ),
    ),
    "notice": (
        "draft",
        DraftForm,
        _on_meeting(
            services.notice_draft,
            gettext_noop(
                "The conclusion notice was drafted in the registry; review and sign it there."
            ),
        ),
    ),
    "task": (
        "pick",
        _plain(PickForm),
        _on_row(
            Conclusion,
            "meeting",
            services.conclusion_to_task,
            "conclusion",
            gettext_noop("The conclusion is now a task in directives."),
        ),
    ),
    "close": (
        "version",
        _plain(VersionForm),
        _on_meeting(services.meeting_close, gettext_noop("The meeting is closed.")),
    ),
    "start": (
        "version",
        _plain(VersionForm),
        _on_meeting(services.meeting_start, gettext_noop("The start of the meeting was recorded.")),
    ),
    "end": (
        "version",
        _plain(VersionForm),
        _on_meeting(services.meeting_end, gettext_noop("The end of the meeting was recorded.")),
    ),
    "item-start": (
        "pick",
        _plain(PickForm),
        _on_row(
            AgendaItem, "meeting", timers.item_start, "item", gettext_noop("The item has started.")
        ),
    ),
    "item-end": (
        "pick",
        _plain(PickForm),
        _on_row(
            AgendaItem, "meeting", timers.item_end, "item", gettext_noop("The item has ended.")
        ),
    ),
    "speak": ("speak", SpeakForm, _speak),
    "speaker-move": ("pick", _plain(MoveForm), _speaker_move),
    "speaker-start": (
        "pick",
        _plain(PickForm),
        _on_row(
            Speaker,
            "meeting",
            services.speaker_start,
            "speaker",
            gettext_noop("The speaker has the floor."),
        ),
    ),
    "speaker-end": (
        "pick",
        _plain(PickForm),
        _on_row(
            Speaker, "meeting", services.speaker_end, "speaker", gettext_noop("The turn has ended.")
        ),
    ),
    "note": (
        "note",
        NoteForm,
        _on_meeting(notes.note_add, gettext_noop("The note was recorded.")),
    ),
    "paper-version": (
        "pick",
        _plain(PaperVersionForm),
        _on_row(
            Paper,
            "item__meeting",
            papers.paper_version_upload,
            "paper",
            gettext_noop("The new version of the paper was uploaded."),
            upload="file",
        ),
    ),
    "point": (
        "point",
        _plain(PointForm),
        _on_meeting(services.point_add, gettext_noop("The connected point was added.")),
    ),
    "point-check-in": (
        "pick",
        _plain(PointCheckInForm),
        _on_row(
            ConnectedPoint,
            "meeting",
            services.point_check_in,
            "point",
            gettext_noop("The connected point is checked in."),
            present="present",
        ),
    ),
}


@require_POST
@officer_required
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    meeting = meeting_get_for_user(request.user, pk)
    name, build, handler = ACTIONS[action]
    prefix = name if name in PREFIXED else None
    form = build(meeting, request.POST, request.FILES, prefix=prefix)
    if form.is_valid():
        try:
            message = handler(request, meeting, dict(form.cleaned_data))
        except DomainError as error:
            if error.status == 403:
                raise PermissionDenied from error
            if error.status == 409:
                return _done_already(request, meeting, error)
            form_add_domain_error(form, error)
        else:
            messages.success(request, message)
            return redirect("meetings:meeting-detail", pk=meeting.pk)
    meeting.refresh_from_db()
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return _page(request, meeting, bound=(name, form), status=400)


def _done_already(request: HttpRequest, meeting: Meeting, error: DomainError) -> HttpResponse:
    """A conflict is an action done already (a double tap, a second tab: "you have already
    voted"). A phone shows the answer to its last tap, so this says so on a short page with
    the way back, rather than sending the whole meeting page again (a conference's page is
    ~90 KB and 0.2-0.5 s to build; 2 % of a vote's requests were such taps: docs/benchmarks.md)."""
    context = {"meeting": meeting, "detail": str(error)}
    return render(request, "meetings/action_done.html", context, status=409)


def _speakers_context(
    request: HttpRequest, meeting: Meeting, *, chair: bool, mine: Invitee | None
) -> dict[str, Any]:
    speakers = speaker_list(meeting)
    return {
        "speakers": speakers,
        "speaking": next((s for s in speakers if s.started_at and not s.ended_at), None),
        "i_wait": any(s.person_id == request.user.pk and not s.ended_at for s in speakers),
        "speak_limit": settings.EGOV_MEETING_SPEAKER_SECONDS,
        "speak_limit_text": mmss(settings.EGOV_MEETING_SPEAKER_SECONDS),
        "current_item": meeting.items.filter(started_at__isnull=False, ended_at__isnull=True)
        .order_by("-path")  # the innermost: a sub-item runs inside its item
        .first(),
    }


@require_GET
@officer_required
def speakers_part(request: HttpRequest, pk: int) -> HttpResponse:
    """The speakers list with the current speaker's timer; the meeting page polls it (HTMX)."""
    meeting = meeting_get_for_user(request.user, pk)
    chair = is_chair(request.user, meeting)
    mine = invitee_for(request.user, meeting)
    context = _speakers_context(request, meeting, chair=chair, mine=mine)
    context.update(
        {
            "meeting": meeting,
            "chair": chair,
            "mine": mine,
            "can": MEETING_TRANSITIONS.available(meeting.status),
        }
    )
    return render(request, "meetings/_speakers.html", context)


@require_GET
@officer_required
def paper_file(request: HttpRequest, pk: int, paper_id: int) -> HttpResponse:
    """An uploaded paper, for the host, the chair and the invitees only; the read is recorded."""
    paper = paper_get_for_user(request.user, pk, paper_id)
    if paper.document_id:
        return redirect("documents:document-detail", pk=paper.document_id)
    if not paper.file:
        raise Http404
    services.paper_read_record(actor=request.user, paper=paper)
    return FileResponse(paper.file.open("rb"), content_type=paper.content_type, filename=paper.name)
