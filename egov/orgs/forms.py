"""Form fields for choosing an org unit. A city-wide officer chooses among ~900 units (580
communes, a dozen of them sharing a name with another): the choices are grouped by parent
(district, city, department) in Vietnamese dictionary order, and a unit whose name is not unique
in the list shows its parent too. :class:`UnitCombobox` renders the ``<select>`` and
``static/js/combobox.js`` turns it into an accessible searchable combobox (ARIA 1.2 pattern);
without JavaScript the grouped ``<select>`` works as it is.

Django's ``Select`` renders every ``<option>`` through a template and builds a model object per
unit (~40 ms for 900 units): :class:`UnitChoiceField` reads a few columns in one query and
:class:`OnePassSelect` writes the same markup in one pass, escaping every value (the widgets fit
any long list of choices: the scoreboard's documents use them too)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from egov.common.text import vi_sort_key
from egov.orgs.models import OrgUnit


def _escape(text: Any) -> str:
    """``conditional_escape`` without its lazy-string wrapper: safe strings kept as they are."""
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


def unit_choices_grouped(
    rows: list[tuple[Any, str, str | None, str | None]],
) -> list[tuple[str, list[tuple[Any, str]]]]:
    """``(pk, name, parent name, parent path)`` rows as option groups: one per parent, in tree
    order; units in Vietnamese dictionary order; a name found twice carries its parent's name
    ("Phường Tân Phong (Quận 7)") so that same-named units can be told apart."""
    counts: dict[str, int] = {}
    for _pk, name, _parent, _path in rows:
        counts[name] = counts.get(name, 0) + 1
    groups: dict[tuple[str, str], list[tuple[Any, str]]] = {}
    for pk, name, parent, path in rows:
        label = f"{name} ({parent})" if counts[name] > 1 and parent else name
        groups.setdefault((path or "", parent or ""), []).append((pk, label))
    return [
        (parent, sorted(items, key=lambda item: vi_sort_key(item[1])))
        for (_path, parent), items in sorted(groups.items())
    ]


@lru_cache(maxsize=64)
def _unit_choices_cached(
    rows: tuple[tuple[Any, str, str | None, str | None], ...],
) -> tuple[tuple[str, tuple[tuple[Any, str], ...]], ...]:
    return tuple((parent, tuple(items)) for parent, items in unit_choices_grouped(list(rows)))


class UnitChoiceIterator(ModelChoiceIterator):
    """The choices grouped by parent (:func:`unit_choices_grouped`) from one light query; the
    empty choice first when the field has one.

    The grouping (a Vietnamese sort key per unit: most of the time of a city-wide list) is
    kept per process for the rows just read, so a list is grouped once per set of units (one
    per reach, in practice) and any change of the tree (a unit renamed, moved, added or
    closed) reads other rows, hence is grouped anew: the cache needs no invalidation."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = self.queryset.values_list("pk", "name", "parent__name", "parent__path")
        for parent, items in _unit_choices_cached(tuple(rows)):
            if parent:
                yield (parent, items)
            else:  # the root of the tree stands alone, before the groups
                yield from items


class OnePassSelect(forms.Select):
    """A ``<select>`` with the markup of Django's (attributes, ``value``, the first matching
    option ``selected``, option groups), written in one pass instead of one template per
    option."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        self._wanted = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):
                inner = "\n".join(self._option(value, text) for value, text in label)
                options.append(f'<optgroup label="{_escape(option_value)}">\n{inner}\n</optgroup>')
            else:
                options.append(self._option(option_value, label))
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(final_attrs),
            mark_safe("\n".join(options)),  # noqa: S308 - every value and label escaped above
        )

    def _option(self, option_value: Any, label: Any) -> str:
        text = "" if option_value is None else str(option_value)
        selected = text in self._wanted
        if selected and not self.allow_multiple_selected:
            self._wanted = set()  # as Django: only the first match is selected
        # A tenth of the time of format_html_join for ~900 options, same output.
        return (
            f'<option value="{_escape(text)}"{" selected" if selected else ""}>'
            f"{_escape(label)}</option>"
        )

    def use_required_attribute(self, initial: Any) -> bool:
        # Django looks at the first choice, which runs a model field's query once more when
        # it has no empty choice; the field knows whether it has one.
        field = getattr(self.choices, "field", None)
        if self.allow_multiple_selected or field is None:
            return super().use_required_attribute(initial)
        return not self.is_hidden and field.empty_label is not None


class OnePassSelectMultiple(OnePassSelect, forms.SelectMultiple):
    """:class:`OnePassSelect` for several values (``<select multiple>``)."""


class UnitCombobox(OnePassSelect):
    """The unit ``<select>`` marked for ``static/js/combobox.js`` (loaded by ``base.html``),
    which puts a searchable ARIA combobox in its place: typing filters by name or parent,
    without accents; only an option chosen from the list (or a name typed in full that
    designates one unit) sets the value, anything else is flagged and the form not sent."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        messages = {
            "data-combobox-none": _("No unit matches; choose a unit from the list."),
            "data-combobox-several": _(
                "Several units have this name: choose the right one from the list."
            ),
            "data-combobox-count": _("%s results"),
        }
        super().__init__({"data-combobox": True, **messages, **(attrs or {})}, choices)


class UnitChoiceField(forms.ModelChoiceField):
    """One unit of ``queryset``, grouped by parent in Vietnamese order, in a searchable
    combobox. Validation is Django's: a unit outside the queryset is an ``invalid_choice``
    error."""

    widget = UnitCombobox
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units of ``queryset``, grouped and ordered as :class:`UnitChoiceField` shows
    them (a ``<select multiple>``)."""

    widget = OnePassSelectMultiple
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj: OrgUnit) -> str:
        return obj.name
