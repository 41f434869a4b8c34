"""A dashboard as a report to the leaders in the official layout (Decree 30/2020/NĐ-CP,
Appendix I), through the one layout of :mod:`egov.documents.render`: the unit as issuing
body, "BÁO CÁO" with the period, one numbered section per indicator (value against target
with its band, numerator and denominator, the weakest units below, a closed period's note),
the recipients and the signature block of the unit's head. Printed in Vietnamese whatever
the reader's language: it is an official paper."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from egov.dashboards.selectors import Board, Cell
from egov.documents.render import LayoutSection, OfficialLayout, formats, header_lines
from egov.documents.render import layout_pdf as _layout_pdf


def _number(value: object) -> str:
    return "—" if value is None else f"{value}".replace(".", ",")


def _cell_line(cell: Cell) -> str:
    if not cell.available:
        return _("No data source yet.")
    if cell.value is None:
        return _("Nothing to count in the period.")
    line = _("Actual: %(value)s %%") % {"value": _number(cell.value)}
    if cell.target is not None:
        line += "; " + _("target: %(target)s %%") % {"target": _number(cell.target)}
    if cell.band is not None:
        line += f" ({cell.band.label})"
    line += "; " + _("%(numerator)s out of %(denominator)s") % {
        "numerator": _number(cell.numerator),
        "denominator": _number(cell.denominator),
    }
    if cell.changed:
        line += "; " + _("current value after corrections: %(value)s %%") % {
            "value": _number(cell.live)
        }
    return line + "."


def _sections(board: Board) -> tuple[LayoutSection, ...]:
    sections = []
    for index, ind in enumerate(board.indicators, start=1):
        paragraphs = [_cell_line(board.top.cells[ind.code])]
        worst = board.worst(ind)
        if worst:
            names = "; ".join(
                f"{row.unit.name} ({_number(row.cells[ind.code].value)} %)" for row in worst
            )
            paragraphs.append(_("Weakest units: %(units)s.") % {"units": names})
        paragraphs.append(_("Set by: %(source)s.") % {"source": ind.source})
        sections.append(LayoutSection(f"{index}. {ind.name}", tuple(paragraphs)))
    return tuple(sections)


def board_layout(board: Board) -> OfficialLayout:
    """Every printed line of the dashboard's report (in Vietnamese)."""
    today = timezone.localdate()
    with translation.override("vi"):
        superior, issuing = header_lines(board.unit, today)
        period = board.period
        subject = _("Results of the e-government indicators from %(first)s to %(last)s") % {
            "first": period.first.strftime("%d/%m/%Y"),
            "last": period.last.strftime("%d/%m/%Y"),
        }
        body = []
        if board.snapshot is not None:
            body.append(
                _("The period was closed on %(day)s; the figures are those frozen then.")
                % {"day": timezone.localtime(board.snapshot.closed_at).strftime("%d/%m/%Y")}
            )
        return OfficialLayout(
            national_title=formats.NATIONAL_TITLE,
            motto=formats.MOTTO,
            superior_body=superior,
            issuing_body=issuing,
            number_line=formats.number_line(number_notation="", number=None, notation="BC"),
            date_line=formats.date_line(settings.EGOV_FORMS_PLACE, today, year=today.year),
            type_name=formats.caps(_("Report")),
            subject=subject,
            letter_subject="",
            addressees=(),
            grounds=(),
            body=tuple(body),
            authority=(),
            position=formats.caps(_("Head of the unit")),
            signer_name="",
            recipients=formats.recipient_lines("", archive_unit=""),
            secrecy_mark="",
            urgency_mark="",
            title=f"{_('Report')} {subject}",
            sections=_sections(board),
        )


def board_pdf(board: Board) -> bytes:
    """The report as an A4 PDF (``PdfUnavailable`` without the Pango library)."""
    return _layout_pdf(board_layout(board))
