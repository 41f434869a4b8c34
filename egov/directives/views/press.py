"""Press release pages of the office: list, draft from a period's directives, edit, number,
publish, download as DOCX or PDF. Refusals re-render the form with the reason, never a 500."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.exceptions import DomainError
from egov.common.forms import form_add_domain_error
from egov.common.pdf import PdfUnavailable
from egov.directives.choices import ReleaseStatus
from egov.directives.models import PressRelease
from egov.directives.press.cover_letter import press_release_cover_letter_create
from egov.directives.press.render import (
    press_release_docx,
    press_release_pdf,
    release_layout,
)
from egov.directives.press.rules import Period
from egov.directives.press.selectors import (
    press_candidates,
    press_release_get_for_user,
    press_release_list_for_user,
    press_units_for,
)
from egov.directives.press.services import (
    ReleaseItem,
    press_default_period,
    press_release_create,
    press_release_number,
    press_release_publish,
    press_release_update,
)
from egov.documents.selectors.choices import drafting_units_for
from egov.orgs.decorators import officer_required
from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PressCreateForm(forms.Form):
    unit = UnitChoiceField(
        label=gettext_lazy("People's Committee"), queryset=OrgUnit.objects.none(), empty_label=None
    )
    period_start = forms.DateField(
        label=gettext_lazy("Directives issued from"), widget=_date_input()
    )
    period_end = forms.DateField(label=gettext_lazy("to"), widget=_date_input())
    documents = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Directives"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        period = press_default_period()
        self.fields["period_start"].initial = period.start
        self.fields["period_end"].initial = period.end
        raw_unit = str(self.data.get("unit", ""))
        unit = (units.filter(pk=int(raw_unit)).first() if raw_unit.isdigit() else None) or (
            units.first()
        )
        self.fields["unit"].initial = unit
        # The directives to choose from follow the unit and period typed, before validation.
        self.candidates = list(
            press_candidates(
                unit=unit,
                period_start=self._raw_date("period_start", period.start),
                period_end=self._raw_date("period_end", period.end),
            )
        )
        field = self.fields["documents"]
        field.choices = [
            (d.pk, f"{d.number_notation} ({d.issued_on:%d/%m/%Y}) — {d.subject}")
            for d in self.candidates
        ]
        field.initial = [d.pk for d in self.candidates]

    def _raw_date(self, name: str, default: datetime.date) -> datetime.date:
        try:
            return datetime.date.fromisoformat(str(self.data.get(name, "")))
        except ValueError:
            return default


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CoverLetterForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    drafting_unit = UnitChoiceField(
        label=gettext_lazy("Drafted by"), queryset=OrgUnit.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, release: PressRelease, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_unit"].queryset = drafting_units_for(user).filter(
            path__startswith=release.unit.path
        )


class PressEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=gettext_lazy("Title"), widget=forms.Textarea(attrs={"rows": 2}))
    issued_on = forms.DateField(label=gettext_lazy("Date"), widget=_date_input())
    recipients_text = forms.CharField(
        label=gettext_lazy("Recipients"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, release: PressRelease, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_count = len(release.items)
        for index, item in enumerate(release.items):
            number = {"number": index + 1}
            self.fields[f"headline_{index}"] = forms.CharField(
                label=_("Headline %(number)s") % number,
                initial=item.get("headline", ""),
                required=False,
            )
            self.fields[f"paragraph_{index}"] = forms.CharField(
                label=_("Paragraph %(number)s") % number,
                initial=item.get("paragraph", ""),
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"assignments_{index}"] = forms.CharField(
                label=_("Assignments %(number)s (one per line)") % number,
                required=False,
                initial="\n".join(item.get("assignments", ())),
                widget=forms.Textarea(attrs={"rows": 5}),
            )
            self.fields[f"remove_{index}"] = forms.BooleanField(
                label=_("Leave out directive %(number)s") % number, required=False
            )
        self.documents = [item.get("document_id") for item in release.items]

    def items(self) -> list[ReleaseItem]:
        data = self.cleaned_data
        return [
            ReleaseItem(
                headline=data[f"headline_{i}"],
                paragraph=data[f"paragraph_{i}"],
                assignments=tuple(data[f"assignments_{i}"].splitlines()),
                document_id=self.documents[i],
            )
            for i in range(self.item_count)
            if not data.get(f"remove_{i}")
        ]

    def item_fields(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"{name}_{i}"] for name in ("headline", "paragraph", "assignments", "remove")]
            for i in range(self.item_count)
        ]


def _units(request: HttpRequest) -> Any:
    units = press_units_for(request.user)
    if not units.exists():
        raise PermissionDenied
    return units


@require_GET
@officer_required
def press_list(request: HttpRequest) -> HttpResponse:
    """The press releases of the People's Committees the officer works for as office."""
    _units(request)
    releases = press_release_list_for_user(request.user).order_by("-issued_on", "-pk")[:100]
    return render(request, "directives/press_list.html", {"releases": releases})


@require_http_methods(["GET", "POST"])
@officer_required
def press_create(request: HttpRequest) -> HttpResponse:
    """Choose the period (default: the past working week) and its directives, then draft."""
    units = _units(request)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = PressCreateForm(data, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            release = press_release_create(
                actor=request.user,
                unit=form.cleaned_data["unit"],
                period=Period(form.cleaned_data["period_start"], form.cleaned_data["period_end"]),
                document_ids=form.cleaned_data["documents"],
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("The press release is drafted: check and edit it."))
            return redirect("directives:press-detail", pk=release.pk)
    status = 400 if request.method == "POST" else 200
    selected = (
        {int(pk) for pk in request.POST.getlist("documents") if pk.isdigit()}
        if request.method == "POST"
        else {d.pk for d in form.candidates}
    )
    return render(
        request,
        "directives/press_create.html",
        {"form": form, "candidates": form.candidates, "selected": selected},
        status=status,
    )


@require_GET
@officer_required
def press_detail(request: HttpRequest, pk: int) -> HttpResponse:
    release = press_release_get_for_user(request.user, pk)
    letter_form = None
    if release.cover_letter_id is None:
        letter_form = CoverLetterForm(
            initial={"version": release.version}, release=release, user=request.user
        )
    return render(
        request,
        "directives/press_detail.html",
        {
            "release": release,
            "layout": release_layout(release),
            "is_draft": release.status == ReleaseStatus.DRAFT,
            "letter_form": letter_form,
        },
    )


@require_POST
@officer_required
def press_cover_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the cover letter the release is sent with, in the document registry."""
    release = press_release_get_for_user(request.user, pk)
    form = CoverLetterForm(request.POST, release=release, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose the unit that drafts the cover letter."))
        return redirect("directives:press-detail", pk=pk)
    try:
        letter = press_release_cover_letter_create(
            actor=request.user,
            release=release,
            drafting_unit=form.cleaned_data["drafting_unit"],
            expected_version=form.cleaned_data["version"],
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("directives:press-detail", pk=pk)
    messages.success(
        request, _("The cover letter is drafted in the register: it gets its number when signed.")
    )
    return redirect("documents:document-detail", pk=letter.pk)


@require_http_methods(["GET", "POST"])
@officer_required
def press_edit(request: HttpRequest, pk: int) -> HttpResponse:
    release = press_release_get_for_user(request.user, pk)
    initial = {
        "version": release.version,
        "title": release.title,
        "issued_on": release.issued_on,
        "recipients_text": release.recipients_text,
    }
    form = PressEditForm(request.POST or None, initial=initial, release=release)
    if request.method == "POST" and form.is_valid():
        try:
            press_release_update(
                actor=request.user,
                release=release,
                expected_version=form.cleaned_data["version"],
                title=form.cleaned_data["title"],
                issued_on=form.cleaned_data["issued_on"],
                items=form.items(),
                recipients_text=form.cleaned_data["recipients_text"],
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("directives:press-detail", pk=release.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "directives/press_edit.html", {"release": release, "form": form}, status=status
    )


def _action(request: HttpRequest, pk: int, service: Any, done: str) -> HttpResponse:
    release = press_release_get_for_user(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Reload the page and try again."))
        return redirect("directives:press-detail", pk=pk)
    try:
        service(actor=request.user, release=release, expected_version=form.cleaned_data["version"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("directives:press-detail", pk=pk)


@require_POST
@officer_required
def press_number(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, press_release_number, _("The press release has its number."))


@require_POST
@officer_required
def press_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, press_release_publish, _("The press release is published on the portal.")
    )


def _filename(release: PressRelease, extension: str) -> str:
    number = release.number_notation.replace("/", "-") if release.number_notation else "du-thao"
    return f"thong-cao-bao-chi-{number}-{release.issued_on:%Y%m%d}.{extension}"


def file_response(release: PressRelease, kind: str) -> HttpResponse:
    """The release as an attachment; a server without PDF support says so (503)."""
    if kind == "docx":
        response = HttpResponse(press_release_docx(release), content_type=DOCX)
    else:
        try:
            response = HttpResponse(press_release_pdf(release), content_type="application/pdf")
        except PdfUnavailable as error:
            return HttpResponse(error.message, status=503, content_type="text/plain")
    response["Content-Disposition"] = content_disposition_header(True, _filename(release, kind))
    return response


@require_GET
@officer_required
def press_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return file_response(press_release_get_for_user(request.user, pk), "docx")


@require_GET
@officer_required
def press_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return file_response(press_release_get_for_user(request.user, pk), "pdf")
