from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    # This module holds two configurations; "portal" in INSTALLED_APPS must take this
    # one, or ready() never runs and no write invalidates the page cache.
    default = True
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from . import cache, pages  # noqa: F401 (pages registers a deployment check)

        cache.connect_invalidation_signals()


class AxesConfig(AxesAppConfig):
    """django-axes, under a name staff understand on the admin index (the package gives its
    app none, so the index would head its records "Axes")."""

    verbose_name = _("Sign-in lockout")
