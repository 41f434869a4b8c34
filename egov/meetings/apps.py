from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "egov.meetings"
    label = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from egov.audit.actions import actions_register
        from egov.meetings.choices import MeetingAuditAction

        actions_register(MeetingAuditAction)
        from egov.meetings import figures

        figures.register()
