"""Object histories read as a person understands them: labels, names, translated choices, local
time, and no internal columns."""

from __future__ import annotations

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from egov.audit.choices import AuditAction
from egov.audit.selectors import history_for_object
from egov.audit.services import event_record


def _changes(entry):
    return {change.label: (change.before, change.value) for change in entry.changes}


def test_creation_shows_the_kind_label_and_the_parent_name(world):
    with translation.override("vi"):
        entry = history_for_object(world.dept)[-1]

        changes = _changes(entry)

    assert changes["Tên"] == (None, "Sở Thông tin và Truyền thông")
    assert changes["Đơn vị cấp trên"] == (None, "Thành phố Hà Nội")
    assert changes["Loại"][1] == "Sở, ban, ngành"


def test_ids_become_names_and_internal_columns_are_left_out(world):
    event_record(
        actor=None,
        action=AuditAction.ADMIN_CHANGED,
        obj=world.commune_a,
        changes={
            "parent": [world.district_a.pk, world.district_b.pk],
            "search_text": ["phuc xa", "phuc xa moi"],
            "path": ["1/2/", "1/3/"],
            "version": [1, 2],
            "valid_from": [None, "2025-07-01"],
        },
    )

    with translation.override("vi"):
        changes = _changes(history_for_object(world.commune_a)[0])

    assert changes == {
        "Đơn vị cấp trên": ("Quận Ba Đình", "Quận Hoàn Kiếm"),
        "Hiệu lực từ": ("—", "01/07/2025"),
    }


def test_times_are_local_and_entries_carry_the_translated_action(world):
    event_record(
        actor=None,
        action=AuditAction.ADMIN_CHANGED,
        obj=world.dept,
        changes={"reason": "Sáp nhập", "at": "2026-12-05T17:30:00Z"},
    )

    with translation.override("vi"):
        entry = history_for_object(world.dept)[0]
        html = render_to_string("components/_history.html", {"history": [entry]})

    assert entry.action_label == "Sửa trong trang quản trị"
    assert _changes(entry)["Lý do"] == (None, "Sáp nhập")
    assert _changes(entry)["At"] == (None, "06/12/2026 00:30")
    assert entry.at.tzinfo is not None
    assert entry.at.utcoffset() == datetime.timedelta(hours=7)
    assert "<strong>Lý do</strong>: Sáp nhập" in html
