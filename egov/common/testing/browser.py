"""Steps the browser tests share: picking a unit in the searchable unit picker
(``orgs.forms.UnitCombobox`` with ``static/js/combobox.js``) as a person does — typing its
name, then clicking it in the list."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def unit_choose(scope: object, label: str, option: str) -> None:
    """In the unit field labelled ``label`` inside ``scope`` (a page or a part of one), type the
    unit's name and click ``option`` in the list. ``option`` is the option's text, with the
    parent in brackets where same-named units need it ("Phòng Văn hóa và Thông tin (Quận Ba
    Đình)"); an option showing only the name is taken when no option carries the brackets."""
    page = getattr(scope, "page", scope)
    box = scope.get_by_role("combobox", name=label, exact=True)
    name = option.split(" (", 1)[0]
    box.fill(name)
    options = page.locator(f"#{box.get_attribute('id')}_listbox [role=option]")
    options.first.wait_for()
    exact = options.filter(has_text=re.compile(rf"^{re.escape(option)}$"))
    (exact if exact.count() else options.filter(has_text=name)).first.click()
    expect(page.locator(f"#{box.get_attribute('id')}_select")).not_to_have_value("")
