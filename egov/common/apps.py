from django.apps import AppConfig, apps


class CommonConfig(AppConfig):
    name = "egov.common"
    label = "common"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from egov.common import checks  # noqa: F401  (registers the deployment checks)
        from egov.common.rollups import rollups_after_migrate

        # post_migrate is sent once per app with models, after all migrations; this app has no
        # tables, so the receiver listens to the last such app: every table and every other
        # app's post_migrate work (content types, permissions) is there by then.
        with_models = [config for config in apps.get_app_configs() if config.models_module]
        post_migrate.connect(rollups_after_migrate, sender=with_models[-1])
