"""What holds for every record of the registry, whichever app its model lives in."""

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext
from simple_history.models import HistoricalChanges

# The apps whose records make up the registry, in the order their models depend on each other.
REGISTRY_APPS = ("core", "councils", "members", "events")


# The source document's facts. An absolute path, so that loading works from any directory.
# Records that have a natural key (sources, councils and their numbered parts,
# organisations) are written by it, and others refer to them by it.
FIXTURE = settings.BASE_DIR / "fixtures" / "registry.json"


def registry_models():
    """The registry's own models, without their historical copies."""
    for label in REGISTRY_APPS:
        for model in apps.get_app_config(label).get_models():
            if not issubclass(model, HistoricalChanges):
                yield model


def record_missing_history():
    """Give every record without a history its first version, as it stands now.

    Fixtures are loaded with raw saves, which the history does not see; without
    this the first edit of a loaded record could not be undone, because the
    version before it would be missing. Records that have a history keep it.
    """
    reason = gettext("Loaded from the source document")
    created = 0
    for model in registry_models():
        recorded = model.history.values("id")
        missing = list(model._default_manager.exclude(pk__in=recorded))
        model.history.bulk_history_create(missing, default_change_reason=reason)
        created += len(missing)
    return created
