from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "egov.common"
    label = "common"

    def ready(self) -> None:
        from egov.common import checks  # noqa: F401  (registers the deployment checks)
