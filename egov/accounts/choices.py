from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    """Officers work inside units; citizens and businesses are public accounts."""

    OFFICER = "officer", _("Officer")
    CITIZEN = "citizen", _("Citizen")
    BUSINESS = "business", _("Business")
