"""The unit picker: the markup of Django's own <select> (with option groups), written in one
pass from one query, escaped, grouped by parent in Vietnamese order, same-named units told
apart by their parent, and validated against the units offered."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from egov.common.text import vi_sort_key
from egov.orgs.forms import (
    OnePassSelectMultiple,
    UnitChoiceField,
    UnitCombobox,
    UnitMultipleChoiceField,
    unit_choices_grouped,
)
from egov.orgs.models import OrgUnit
from egov.orgs.services import orgunit_create


def _units(world):
    return OrgUnit.objects.filter(path__startswith=world.city.path).order_by("path")


class FilterForm(forms.Form):
    unit = UnitChoiceField(
        label="Unit", required=False, queryset=OrgUnit.objects.none(), empty_label="All my units"
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class RequiredForm(forms.Form):
    unit = UnitChoiceField(label="Unit", queryset=OrgUnit.objects.none(), empty_label=None)


def _django_choices(units, empty_label=None):
    """The same choices as Django's own Select would get them, built the slow way."""
    rows = [
        (u.pk, u.name, u.parent.name if u.parent else None, u.parent.path if u.parent else None)
        for u in units.select_related("parent")
    ]
    choices = [("", empty_label)] if empty_label else []
    for parent, items in unit_choices_grouped(rows):
        choices.extend([(parent, items)] if parent else items)
    return choices


def test_the_chosen_unit_is_selected_and_the_markup_is_djangos(world):
    html = str(FilterForm({"unit": str(world.district_a.pk)}, units=_units(world))["unit"])
    django_html = forms.Select(
        attrs=UnitCombobox().attrs, choices=_django_choices(_units(world), "All my units")
    ).render("unit", str(world.district_a.pk), {"id": "id_unit"})

    assert parse_html(html) == parse_html(django_html)
    assert f'<option value="{world.district_a.pk}" selected>Quận Ba Đình</option>' in html
    assert html.count(" selected") == 1
    assert html.startswith('<select name="unit" ') and ' id="id_unit" data-combobox>' in html


def test_units_are_grouped_by_parent_in_vietnamese_order(world):
    for name in ("Phường Biên Giang", "Phường Bách Khoa", "Phường Đống Đa", "Phường Dịch Vọng"):
        orgunit_create(actor=None, name=name, kind="commune", parent=world.district_a)

    html = str(FilterForm(units=_units(world))["unit"])

    group = html.split('<optgroup label="Quận Ba Đình">', 1)[1].split("</optgroup>", 1)[0]
    names = [part.split(">", 1)[1].split("<", 1)[0] for part in group.split("<option")[1:]]
    assert names == sorted(names, key=vi_sort_key)
    wards = [name for name in names if name.startswith("Phường")]
    assert wards == [
        "Phường Bách Khoa",
        "Phường Biên Giang",
        "Phường Dịch Vọng",
        "Phường Đống Đa",
        "Phường Phúc Xá",
    ]
    assert '<optgroup label="Thành phố Hà Nội">' in html


def test_same_named_units_show_their_parent(world):
    twin_a = orgunit_create(
        actor=None, name="Phường Tân Phong", kind="commune", parent=world.district_a
    )
    twin_b = orgunit_create(
        actor=None, name="Phường Tân Phong", kind="commune", parent=world.district_b
    )

    html = str(FilterForm(units=_units(world))["unit"])

    assert f'<option value="{twin_a.pk}">Phường Tân Phong (Quận Ba Đình)</option>' in html
    assert f'<option value="{twin_b.pk}">Phường Tân Phong (Quận Hoàn Kiếm)</option>' in html
    assert f'<option value="{world.commune_a.pk}">Phường Phúc Xá</option>' in html


def test_an_initial_unit_is_selected_too(world):
    html = str(FilterForm(units=_units(world), initial={"unit": world.commune_a})["unit"])

    assert f'<option value="{world.commune_a.pk}" selected>Phường Phúc Xá</option>' in html
    assert '<option value="">All my units</option>' in html


def test_names_are_escaped(world):
    odd = orgunit_create(
        actor=None, name='Ban <b>"A" & B</b>', kind="division", parent=world.district_b
    )

    html = str(FilterForm({"unit": str(odd.pk)}, units=_units(world))["unit"])

    assert (
        f'<option value="{odd.pk}" selected>Ban &lt;b&gt;&quot;A&quot; &amp; B&lt;/b&gt;</option>'
    ) in html
    assert "<b>" not in html


def test_a_unit_outside_the_choices_is_a_form_error(world):
    district_a_units = _units(world).filter(path__startswith=world.district_a.path)
    outside = FilterForm({"unit": str(world.district_b.pk)}, units=district_a_units)
    inside = FilterForm({"unit": str(world.commune_a.pk)}, units=district_a_units)

    assert not outside.is_valid()
    assert outside.has_error("unit", code="invalid_choice")
    assert " selected" not in str(outside["unit"])
    assert inside.is_valid()
    assert inside.cleaned_data["unit"] == world.commune_a


@pytest.mark.parametrize("form_class", [FilterForm, RequiredForm])
def test_the_choices_cost_one_query_whatever_their_number(
    world, form_class, django_assert_num_queries
):
    form = FilterForm(units=_units(world)) if form_class is FilterForm else RequiredForm()
    form.fields["unit"].queryset = _units(world)

    with django_assert_num_queries(1):
        html = str(form["unit"])

    assert html.count("<option") == _units(world).count() + (form_class is FilterForm)


def test_a_required_unit_without_an_empty_choice_has_no_required_attribute(world):
    form = RequiredForm()
    form.fields["unit"].queryset = _units(world)

    html = str(form["unit"])

    assert html.startswith('<select name="unit" ') and ' id="id_unit" data-combobox>' in html
    assert "required" not in html
    assert f'<option value="{world.city.pk}">Thành phố Hà Nội</option>' in html


def test_several_chosen_values_are_all_selected_as_with_djangos_select_multiple():
    choices = [("1", "Kế hoạch 52/KH-UBND"), ("2", "Chỉ thị <18>"), ("3", "Công văn 7")]
    field = forms.MultipleChoiceField(choices=choices, widget=OnePassSelectMultiple)
    django_field = forms.MultipleChoiceField(choices=choices)

    html = field.widget.render("documents", ["1", "3"], {"id": "id_documents"})
    django_html = django_field.widget.render("documents", ["1", "3"], {"id": "id_documents"})

    assert parse_html(html) == parse_html(django_html)
    assert html.count(" selected") == 2
    assert "multiple" in html
    assert "Chỉ thị &lt;18&gt;" in html


def test_several_units_chosen_are_selected_from_one_query(world, django_assert_num_queries):
    chosen = [world.dept.pk, world.commune_b.pk]
    field = UnitMultipleChoiceField(queryset=_units(world), required=False)
    django_html = forms.SelectMultiple(choices=_django_choices(_units(world))).render(
        "units", chosen, {"id": "id_units"}
    )

    with django_assert_num_queries(1):
        html = field.widget.render("units", field.prepare_value(chosen), {"id": "id_units"})

    assert parse_html(html) == parse_html(django_html)
    assert f'<option value="{world.commune_b.pk}" selected>Phường Hàng Trống</option>' in html
    assert field.clean([str(pk) for pk in chosen]).count() == 2


def test_a_change_of_the_tree_shows_at_once_despite_the_kept_grouping(world):
    before = str(FilterForm(units=_units(world))["unit"])
    assert str(FilterForm(units=_units(world))["unit"]) == before  # the kept grouping

    OrgUnit.objects.filter(pk=world.district_a.pk).update(name="Quận Ba Đình Mới")
    OrgUnit.objects.filter(pk=world.commune_b.pk).update(parent=world.district_a)
    after = str(FilterForm(units=_units(world))["unit"])

    assert "Quận Ba Đình Mới" in after and ">Quận Ba Đình<" not in after
    moved_to = after.split('<optgroup label="Quận Ba Đình Mới">')[1].split("</optgroup>")[0]
    assert f'value="{world.commune_b.pk}"' in moved_to
