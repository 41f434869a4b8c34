"""Forms of satisfaction surveys: the officer's builder forms, and the answer form built
dynamically from a survey's questions (Django forms: one field per question, one per matrix
row). The form checks the shape; the service checks the rules (required when shown, ranges)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from egov.orgs.forms import UnitChoiceField
from egov.orgs.models import OrgUnit
from egov.surveys.choices import QuestionKind
from egov.surveys.models import Question, Section, Survey
from egov.surveys.standings import GovernanceIndex

LIKERT_CHOICES = [
    ("1", _("1 – Very dissatisfied")),
    ("2", _("2 – Dissatisfied")),
    ("3", _("3 – Neutral")),
    ("4", _("4 – Satisfied")),
    ("5", _("5 – Very satisfied")),
]


def text_of(item: Any, vi: str, en: str) -> str:
    """The English text when the page is in English and there is one, else the Vietnamese."""
    if get_language() == "en":
        english = item.get(en) if isinstance(item, Mapping) else getattr(item, en)
        if english:
            return english
    return item.get(vi) if isinstance(item, Mapping) else getattr(item, vi)


class SurveyCreateForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    start = forms.ChoiceField(
        label=_("Start from"),
        choices=[
            ("sipas", _("The SIPAS template (five factors)")),
            ("blank", _("An empty survey")),
        ],
        widget=forms.RadioSelect,
        initial="sipas",
    )
    title_vi = forms.CharField(
        label=_("Title (Vietnamese) of an empty survey"), max_length=200, required=False
    )

    def __init__(self, units: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") == "blank" and not data.get("title_vi", "").strip():
            self.add_error("title_vi", _("Give the empty survey a title."))
        return data


class SurveySettingsForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title_vi",
            "title_en",
            "intro_vi",
            "intro_en",
            "satisfied_from",
            "respondent_threshold",
            "min_answers",
            "is_for_invitations",
            "sample_every",
            "monthly_quota",
            "invitation_days",
        ]
        widgets = {
            "intro_vi": forms.Textarea(attrs={"rows": 2}),
            "intro_en": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.is_frozen:
            for name in (
                "title_vi",
                "title_en",
                "intro_vi",
                "intro_en",
                "satisfied_from",
                "respondent_threshold",
                "min_answers",
            ):
                del self.fields[name]


class QuestionForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none())
    code = forms.SlugField(label=_("Code"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text_vi = forms.CharField(label=_("Question (Vietnamese)"), max_length=500)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    is_required = forms.BooleanField(label=_("Required"), required=False)
    options_text = forms.CharField(
        label=_("Options or matrix rows"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: code | Vietnamese | English."),
    )
    min_value = forms.IntegerField(label=_("Smallest number"), required=False)
    max_value = forms.IntegerField(label=_("Largest number"), required=False)
    show_if_question = forms.CharField(
        label=_("Show only when question (code)"), max_length=40, required=False
    )
    show_if_values = forms.CharField(
        label=_("is answered (codes, comma-separated)"), max_length=200, required=False
    )

    def __init__(self, survey: Survey, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()
        self.fields["section"].label_from_instance = lambda s: s.title_vi


class QuestionEditForm(QuestionForm):
    """A question's change: the same fields but the code (the answer's key), and the version
    the editor saw."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, survey: Survey, *args: Any, **kwargs: Any) -> None:
        super().__init__(survey, *args, **kwargs)
        del self.fields["code"]


class WeightForm(forms.Form):
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_value=100, decimal_places=2)


class SectionForm(forms.Form):
    """A new section (a factor of the index)."""

    code = forms.SlugField(label=_("Code"), max_length=40)
    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    weight = forms.DecimalField(
        label=_("Weight in the index"), min_value=0, max_value=100, decimal_places=2, initial=1
    )


class SectionEditForm(forms.Form):
    """A section's change, with the version the editor saw."""

    title_vi = forms.CharField(label=_("Title (Vietnamese)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    weight = forms.DecimalField(
        label=_("Weight in the index"), min_value=0, max_value=100, decimal_places=2
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


def _field(question: Question) -> forms.Field:
    label = text_of(question, "text_vi", "text_en")
    common = {"label": label, "required": False}
    if question.kind == QuestionKind.SINGLE:
        choices = [(o["value"], text_of(o, "vi", "en")) for o in question.options]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        choices = [(o["value"], text_of(o, "vi", "en")) for o in question.options]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.LIKERT:
        return forms.ChoiceField(choices=LIKERT_CHOICES, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.NUMBER:
        attrs = {"inputmode": "numeric"}
        return forms.IntegerField(widget=forms.NumberInput(attrs=attrs), **common)
    if question.kind == QuestionKind.LONG_TEXT:
        return forms.CharField(max_length=3000, widget=forms.Textarea(attrs={"rows": 3}), **common)
    return forms.CharField(max_length=300, **common)


class AnswerForm(forms.Form):
    """One field per question (``q_<code>``) and per matrix row (``q_<code>__<row>``)."""

    def __init__(self, sections: list[Section], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups: list[tuple[Section, list[dict[str, Any]]]] = []
        for section in sections:
            items = []
            for question in section.questions.all():
                item = {"question": question, "fields": [], "rows": []}
                if question.kind == QuestionKind.MATRIX:
                    for row in question.rows:
                        name = f"q_{question.code}__{row['code']}"
                        self.fields[name] = forms.ChoiceField(
                            label=text_of(row, "vi", "en"),
                            choices=LIKERT_CHOICES,
                            widget=forms.RadioSelect,
                            required=False,
                        )
                        item["rows"].append(name)
                else:
                    self.fields[f"q_{question.code}"] = _field(question)
                    item["fields"].append(f"q_{question.code}")
                items.append(item)
            self.groups.append((section, items))

    def bound_groups(self) -> list[tuple[Section, list[dict[str, Any]]]]:
        return [
            (
                section,
                [
                    {
                        **item,
                        "bound": [self[name] for name in item["fields"]],
                        "bound_rows": [self[name] for name in item["rows"]],
                    }
                    for item in items
                ],
            )
            for section, items in self.groups
        ]

    def answers(self) -> dict[str, Any]:
        """The answers keyed by question code (matrix: ``{row: level}``), blanks left out."""
        out: dict[str, Any] = {}
        for _section, items in self.groups:
            for item in items:
                question = item["question"]
                if item["rows"]:
                    rows = {
                        name.split("__", 1)[1]: self.cleaned_data.get(name)
                        for name in item["rows"]
                        if self.cleaned_data.get(name)
                    }
                    if rows:
                        out[question.code] = rows
                    continue
                value = self.cleaned_data.get(item["fields"][0])
                if value not in (None, "", []):
                    out[question.code] = value
        return out

    @classmethod
    def data_from_answers(cls, answers: Mapping[str, Any]) -> dict[str, Any]:
        """Form data from saved answers (progress kept in the session)."""
        data: dict[str, Any] = {}
        for code, value in answers.items():
            if isinstance(value, dict):
                for row, level in value.items():
                    data[f"q_{code}__{row}"] = str(level)
            else:
                data[f"q_{code}"] = value
        return data


def _dimension_choices(index: GovernanceIndex) -> list[tuple[str, str]]:
    return [
        ("", str(_("Total"))),
        *((d.code, text_of(d, "name_vi", "name_en")) for d in index.dimensions),
    ]


class StandingForm(forms.Form):
    """A year's score (and rank) of the province in one index, or a plan's target."""

    year = forms.IntegerField(label=_("Year"), min_value=2005, max_value=2100)
    dimension = forms.ChoiceField(label=_("Dimension"), required=False)
    score = forms.DecimalField(label=_("Score"), required=False, max_digits=8, decimal_places=4)
    rank = forms.IntegerField(label=_("Rank among provinces"), required=False)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        required=False,
        help_text=_("The publication the score comes from, e.g. the PAPI report of the year."),
    )
    target_score = forms.DecimalField(
        label=_("Target score"), required=False, max_digits=8, decimal_places=4
    )
    target_rank = forms.IntegerField(label=_("Target rank"), required=False)
    target_plan = forms.CharField(
        label=_("Plan setting the target"), max_length=300, required=False
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, index: GovernanceIndex, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = _dimension_choices(index)


class DimensionOwnerForm(forms.Form):
    """The unit responsible for a dimension."""

    dimension = forms.ChoiceField(label=_("Dimension"))
    unit = UnitChoiceField(label=_("Responsible unit"), queryset=OrgUnit.objects.none())

    def __init__(self, index: GovernanceIndex, units: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dimension"].choices = _dimension_choices(index)[1:]
        self.fields["unit"].queryset = units
