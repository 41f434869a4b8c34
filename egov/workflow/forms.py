"""Shape of the inbox filters (GET)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.workflow.choices import InstanceStatus

STATUS_CHOICES = [
    ("", _("All")),
    (InstanceStatus.RUNNING, InstanceStatus.RUNNING.label),
    (InstanceStatus.PAUSED, InstanceStatus.PAUSED.label),
]


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    nearly_due = forms.BooleanField(label=_("Nearly due only"), required=False)
