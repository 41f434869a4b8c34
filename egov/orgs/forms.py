"""Form fields for choosing an org unit. A city-wide officer chooses among ~900 units: Django's
``Select`` renders every ``<option>`` through a template and builds a model object per unit
(~40 ms for 900 units), which made the unit picker the slowest part of the filter pages.
:class:`UnitChoiceField` reads three columns in one query and :class:`OnePassSelect` writes the
same ``<select>`` markup in one pass, escaping every value (the widgets fit any long flat list of
choices: the scoreboard's documents use them too)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from egov.orgs.models import OrgUnit


def unit_option_label(name: str, depth: int) -> str:
    """A unit as an option: indented by its depth in the tree."""
    return f"{'— ' * depth}{name}"


def _escape(text: Any) -> str:
    """``conditional_escape`` without its lazy-string wrapper: safe strings kept as they are."""
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


class UnitChoiceIterator(ModelChoiceIterator):
    """The choices as ``(pk, label)`` pairs from one light query (pk, name, depth), in the
    queryset's order; the empty choice first when the field has one."""

    def __iter__(self) -> Iterator[tuple[Any, str]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name, depth in self.queryset.values_list("pk", "name", "depth"):
            yield (pk, unit_option_label(name, depth))


class OnePassSelect(forms.Select):
    """A ``<select>`` with the markup of Django's (attributes, ``value``, the first matching
    option ``selected``), written in one pass instead of one template per option. Flat
    choices only (no option groups)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        wanted = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            selected = text in wanted
            if selected and not self.allow_multiple_selected:
                wanted = set()  # as Django: only the first match is selected
            # A tenth of the time of format_html_join for ~900 options, same output.
            options.append(
                f'<option value="{_escape(text)}"{" selected" if selected else ""}>'
                f"{_escape(label)}</option>"
            )
        return format_html(
            '<select name="{}"{}>\n{}\n</select>',
            name,
            flatatt(final_attrs),
            mark_safe("\n".join(options)),  # noqa: S308 - every value and label escaped above
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


class UnitChoiceField(forms.ModelChoiceField):
    """One unit of ``queryset`` (give it in tree order), shown indented by depth. Validation is
    Django's: a unit outside the queryset is an ``invalid_choice`` error."""

    widget = OnePassSelect
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_option_label(obj.name, obj.depth)


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several units of ``queryset``, as :class:`UnitChoiceField` shows them."""

    widget = OnePassSelectMultiple
    iterator = UnitChoiceIterator

    def label_from_instance(self, obj: OrgUnit) -> str:
        return unit_option_label(obj.name, obj.depth)
