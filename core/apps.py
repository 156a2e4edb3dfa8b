from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every registry app shares: sources, bilingual records, lists and their exports."""

    name = "core"
    verbose_name = _("Sources")

    def ready(self):
        from core.search_text import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="core.search_text")
