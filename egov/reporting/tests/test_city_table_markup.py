"""The one-pass lists of the completeness page (``reporting_tags``) write exactly what the
template loops they replaced wrote: the loops are kept here as the oracle and both are
rendered on the same rows — names to escape, a late report sent after midnight local time,
the mark of changed figures, a missing value, in Vietnamese and in English."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from egov.reporting.choices import Aggregation
from egov.reporting.models import Indicator
from egov.reporting.selectors import ListedReport, RolledUp

LOOP = Template(
    '{% load i18n %}{% for s in reports %}<li><a href="{{ detail }}{{ s.pk }}/">'
    "{{ s.unit_name }}</a> — {{ s.status_label }}{% if s.stale_since %} "
    '<span class="badge badge-makeup">{% translate "The figures below changed" %}</span>'
    '{% endif %}</li>{% empty %}<li>{% translate "None." %}</li>{% endfor %}'
)
LATE_LOOP = Template(
    '{% load i18n %}{% for s in reports %}<li><a href="{{ detail }}{{ s.pk }}/">'
    '{{ s.unit_name }}</a> ({{ s.first_submitted_at|date:"d/m/Y" }}){% if s.stale_since %} '
    '<span class="badge badge-makeup">{% translate "The figures below changed" %}</span>'
    '{% endif %}</li>{% empty %}<li>{% translate "None." %}</li>{% endfor %}'
)
ROWS_LOOP = Template(
    "{% for r in rolled %}<tr><td>{{ r.indicator.code }}</td><td>{{ r.indicator.name }} "
    "({{ r.indicator.unit_of_measure }})</td><td>{{ r.indicator.get_aggregation_display }}"
    '</td><td>{{ r.shown|default:"—" }}</td><td>{{ r.units }}</td></tr>{% endfor %}'
)
TAGS = Template(
    "{% load reporting_tags %}{% report_items reports detail %}|"
    "{% report_items reports detail sent_on=True %}|{% rollup_rows rolled %}"
)
UTC = datetime.UTC
REPORTS = [
    ListedReport(7, 70, 'Xã <Đông> & "Tây"', "submitted", "Đã gửi", None, None),
    ListedReport(
        1234,
        71,
        "Phường O'Chợ Dừa",
        "accepted",
        "Đã tiếp nhận",
        datetime.datetime(2026, 6, 3, 17, 30, tzinfo=UTC),  # 4 June in Hà Nội
        datetime.datetime(2026, 6, 9, 2, 0, tzinfo=UTC),
    ),
]
INDICATOR_ROWS = [
    RolledUp(
        Indicator(code="01", name="Thu <ngân> sách", unit_of_measure="tỷ đồng"),
        Decimal("1250.5000"),
        2,
    ),
    RolledUp(
        Indicator(
            code="02", name="Tăng trưởng", unit_of_measure="%", aggregation=Aggregation.AVERAGE
        ),
        None,
        0,
    ),
    RolledUp(Indicator(code="03", name="A & B", aggregation=Aggregation.SUM), Decimal(0), 1),
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("reports", [REPORTS, []], ids=["reports", "none"])
def test_the_tags_write_what_the_loops_wrote(language, reports) -> None:
    context = {"reports": reports, "detail": "/workspace/reporting/reports/"}
    with translation.override(language):
        expected = "|".join(
            [
                LOOP.render(Context(context)),
                LATE_LOOP.render(Context(context)),
                ROWS_LOOP.render(Context({"rolled": INDICATOR_ROWS})),
            ]
        )
        written = TAGS.render(Context({**context, "rolled": INDICATOR_ROWS}))
    assert written == expected


def test_the_day_sent_is_the_local_day_and_names_are_escaped() -> None:
    context = {"reports": REPORTS, "detail": "/d/", "rolled": INDICATOR_ROWS}
    with translation.override("vi"):
        written = TAGS.render(Context(context))
    assert "Dừa</a> (04/06/2026)" in written
    assert "Xã &lt;Đông&gt; &amp; &quot;Tây&quot;</a> — Đã gửi</li>" in written
    assert "<td>trung bình</td><td>—</td><td>0</td>" in written
