from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
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


class RegistryAdminConfig(admin_apps.AdminConfig):
    """Django's admin, on the site whose index lists the registry's records first."""

    default = False  # the module's default is PortalConfig
    default_site = "core.admin_site.RegistryAdminSite"
