from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every registry app shares: sources, bilingual records, lists and their exports."""

    name = "core"
    verbose_name = _("Sources")
