from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "egov.common"
    label = "common"
