"""The portal's own app configuration is the one Django loads."""

from django.apps import apps

from portal.apps import PortalConfig


def test_the_portal_app_runs_its_own_configuration():
    # Its ready() connects the page cache's invalidation to every registry write.
    assert type(apps.get_app_config("portal")) is PortalConfig


def test_the_lockout_app_is_named_for_staff():
    assert str(apps.get_app_config("axes").verbose_name) != "Axes"
