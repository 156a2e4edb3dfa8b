from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import cache, pages  # noqa: F401 (pages registers a deployment check)

        cache.connect_invalidation_signals()
