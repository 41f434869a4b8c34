"""The form editor: a draft regime is created, its indicators added, moved, removed and
checked (min/max), published (frozen), and changed only through a new version that replaces
it; only the receiving unit edits; the pages answer 4xx with the field named."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import make_officer
from egov.common.exceptions import PermissionDenied
from egov.common.periods import period_of
from egov.reporting import editing, services
from egov.reporting.models import Regime, Submission
from egov.reporting.services import ReportError

pytestmark = pytest.mark.django_db


def _regime_post(world, **over) -> dict:
    return {
        "code": "kt-xh-moi",
        "name": "Báo cáo kinh tế - xã hội tháng",
        "kind": "periodic",
        "legal_basis": "Nghị định 09/2019/NĐ-CP",
        "frequency": "month",
        "reporter_kind": "commune",
        "reporter_root": world.city.pk,
        "receiving_unit": world.dept.pk,
        "level_kind": "district",
        "level_days": "4",
        "cutoff_day": "14",
        "deadline_days": "2",
        "deadline_unit": "working_days",
        "sending_method": "Hệ thống thông tin báo cáo",
        **over,
    }


def _indicator(code: str, **over) -> dict:
    return {
        "code": code,
        "name": f"Chỉ tiêu {code}",
        "unit_of_measure": "tỷ đồng",
        "data_type": "decimal",
        "aggregation": "sum",
        "required": "on",
        **over,
    }


def test_create_fill_check_reorder_publish_and_revise_through_the_pages(client, world) -> None:
    editor = make_officer("cv.vp@example.vn", world.dept, "specialist")
    client.force_login(editor)
    made = client.post(reverse("reporting:regime-create"), _regime_post(world))
    assert made.status_code == 302
    regime = Regime.objects.get(code="kt-xh-moi")
    assert (regime.status, regime.is_active) == ("draft", False)
    assert [lv.unit_kind for lv in regime.levels.all()] == ["district"]
    add = reverse("reporting:indicator-add", args=[regime.pk])
    assert client.post(add, _indicator("01", min_value="0", max_value="1000")).status_code == 302
    assert client.post(add, _indicator("02")).status_code == 302
    twice = client.post(add, _indicator("01"))
    assert twice.status_code == 400 and regime.indicators.filter(code="01").count() == 1
    wrong = client.post(add, _indicator("03", min_value="9", max_value="1"))
    assert wrong.status_code == 400
    bad_figure = client.post(add, _indicator("03", source_figure="not a code"))
    assert bad_figure.status_code == 400
    second = regime.indicators.get(code="02")
    client.post(reverse("reporting:indicator-up", args=[regime.pk]), {"indicator": second.pk})
    assert list(regime.indicators.values_list("code", flat=True)) == ["02", "01"]
    assert client.post(reverse("reporting:regime-publish", args=[regime.pk])).status_code == 302
    regime.refresh_from_db()
    assert (regime.status, regime.is_active) == ("published", True)
    frozen = client.post(add, _indicator("04"))
    assert frozen.status_code == 400 and not regime.indicators.filter(code="04").exists()
    services.period_open(
        actor=None, regime=regime, period=period_of("month", datetime.date(2026, 5, 1))
    )
    revised = client.post(reverse("reporting:regime-revise", args=[regime.pk]))
    draft = Regime.objects.get(supersedes=regime)
    assert revised.url == reverse("reporting:regime-form", args=[draft.pk])
    assert (draft.version, draft.code) == (2, "kt-xh-moi-v2")
    assert list(draft.indicators.values_list("code", flat=True)) == ["02", "01"]
    client.post(reverse("reporting:regime-revise", args=[regime.pk]))  # a double click
    assert Regime.objects.filter(supersedes=regime).count() == 1
    client.post(add.replace(str(regime.pk), str(draft.pk)), _indicator("04"))
    client.post(reverse("reporting:regime-publish", args=[draft.pk]))
    regime.refresh_from_db()
    assert regime.is_active is False
    old = Submission.objects.filter(regime=regime).first()
    assert old is not None and old.regime.indicators.count() == 2  # the old form stays


def test_min_max_checked_when_filling(world) -> None:
    regime = services.regime_create(
        actor=None,
        indicators=[
            services.IndicatorIn("01", "Tỷ lệ", "%", min_value=Decimal(0), max_value=Decimal(100))
        ],
        code="ty-le",
        name="Tỷ lệ",
        legal_basis="x",
        frequency="month",
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        deadline_days=2,
    )
    services.period_open(
        actor=None, regime=regime, period=period_of("month", datetime.date(2026, 5, 1))
    )
    officer = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    report = Submission.objects.get(regime=regime, unit=world.commune_a)
    with pytest.raises(ReportError) as refused:
        services.submission_save(
            actor=officer, submission=report, values={"01": "120"}, expected_version=None
        )
    assert "value_01" in refused.value.fields


def test_only_the_receiving_unit_edits_and_a_draft_does_not_open(world) -> None:
    outsider = make_officer("cv.phucxa@example.vn", world.commune_a, "specialist")
    with pytest.raises(PermissionDenied):
        editing.regime_draft_create(
            actor=outsider,
            code="x",
            name="x",
            kind="periodic",
            legal_basis="x",
            outline="",
            frequency="month",
            reporter_kind="commune",
            reporter_root=world.city,
            receiving_unit=world.dept,
            cutoff_day=14,
            deadline_days=2,
            deadline_unit="working_days",
            sending_method="x",
        )
    editor = make_officer("cv.vp@example.vn", world.dept, "specialist")
    draft = editing.regime_draft_create(
        actor=editor,
        code="x",
        name="x",
        kind="periodic",
        legal_basis="x",
        outline="",
        frequency="month",
        reporter_kind="commune",
        reporter_root=world.city,
        receiving_unit=world.dept,
        cutoff_day=14,
        deadline_days=2,
        deadline_unit="working_days",
        sending_method="x",
    )
    with pytest.raises(ReportError):
        services.period_open(
            actor=None, regime=draft, period=period_of("month", datetime.date(2026, 5, 1))
        )
    with pytest.raises(ReportError):  # no indicator yet
        editing.regime_publish(actor=editor, regime=draft)


def test_a_breakdown_is_edited_on_the_form_page_and_its_options_move_with_it(client, world) -> None:
    editor = make_officer("cv.vp@example.vn", world.dept, "specialist")
    client.force_login(editor)
    client.post(reverse("reporting:regime-create"), _regime_post(world))
    regime = Regime.objects.get(code="kt-xh-moi")
    add = reverse("reporting:indicator-add", args=[regime.pk])
    assert client.post(add, _indicator("01")).status_code == 302
    jobs = _indicator("02", name="Lao động có việc làm", breakdown="Giới tính", options="Nam; Nữ")
    assert client.post(add, jobs).status_code == 302
    rows = list(regime.indicators.order_by("order").values_list("code", "option", "parent__code"))
    assert rows == [("01", "", None), ("02", "", None), ("02.1", "Nam", "02"), ("02.2", "Nữ", "02")]
    page = client.get(reverse("reporting:regime-form", args=[regime.pk])).content.decode()
    assert "Giới tính" in page and 'id="indicator-02.2"' in page

    # refused with the field named: no name, one option, twice the same, a text indicator
    for post, field in (
        (_indicator("03", options="Nam\nNữ"), "breakdown"),
        (_indicator("03", breakdown="Giới tính", options="Nam"), "options"),
        (_indicator("03", breakdown="Khu vực", options="Thành thị; Thành thị"), "options"),
        (_indicator("03", data_type="text", breakdown="Giới tính", options="Nam;Nữ"), "breakdown"),
    ):
        answer = client.post(add, post)
        assert answer.status_code == 400
        assert answer.context["indicator_form"].errors[field]
    assert not regime.indicators.filter(code__startswith="03").exists()
    assert client.post(add, _indicator("05.1")).status_code == 302
    clash = client.post(add, _indicator("05", breakdown="Giới tính", options="Nam;Nữ"))
    assert clash.status_code == 400  # its first option's code is taken
    assert clash.context["indicator_form"].errors["code"]
    assert not regime.indicators.filter(code="05").exists()

    # the total moves up with its options; an option moves among its siblings
    total = regime.indicators.get(code="02")
    client.post(reverse("reporting:indicator-up", args=[regime.pk]), {"indicator": total.pk})
    codes = list(regime.indicators.order_by("order").values_list("code", flat=True))
    assert codes == ["02", "02.1", "02.2", "01", "05.1"]
    female = regime.indicators.get(code="02.2")
    client.post(reverse("reporting:indicator-up", args=[regime.pk]), {"indicator": female.pk})
    codes = list(regime.indicators.order_by("order").values_list("code", flat=True))
    assert codes == ["02", "02.2", "02.1", "01", "05.1"]
    # an option is not removed alone; the total takes its options with it
    refused = client.post(
        reverse("reporting:indicator-remove", args=[regime.pk]), {"indicator": female.pk}
    )
    assert refused.status_code == 400
    client.post(reverse("reporting:indicator-remove", args=[regime.pk]), {"indicator": total.pk})
    rows = list(regime.indicators.order_by("order").values_list("code", "order"))
    assert rows == [("01", 1), ("05.1", 2)]
