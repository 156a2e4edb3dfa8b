"""What holds for every record of the registry, whichever app its model lives in."""

import json

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from simple_history.models import HistoricalChanges

from .linked_history import record_links

# The apps whose records make up the registry, in the order their models depend on each other.
REGISTRY_APPS = ("core", "councils", "members", "events")


# The source document's facts. An absolute path, so that loading works from any directory.
# Records that have a natural key (sources, councils and their numbered parts,
# organisations) are written by it, and others refer to them by it.
FIXTURE = settings.BASE_DIR / "fixtures" / "registry.json"

# The change reasons load_registry writes in history, as message ids.
LOADED = gettext_noop("Loaded from the source document")
OVERWRITTEN = gettext_noop("Overwritten with the source document's version")


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
    reason = gettext(LOADED)
    created = 0
    for model in registry_models():
        recorded = model.history.values("id")
        missing = list(model._default_manager.exclude(pk__in=recorded))
        record_links(model.history.bulk_history_create(missing, default_change_reason=reason))
        created += len(missing)
    return created


def overwrite_reason():
    return gettext(OVERWRITTEN)


def load_reasons():
    """The change reason of a load's first versions, in every language it may be written in."""
    reasons = {LOADED}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            reasons.add(gettext(LOADED))
    return reasons


def staff_history():
    """Every history record of the registry not written by a plain load of the document:
    the admin's edits, imports, reverts, deletions and earlier overwrites."""
    reasons = load_reasons()
    edits = []
    for model in registry_models():
        edits += model.history.exclude(history_change_reason__in=reasons).order_by("history_date")
    return edits


def differences_from_fixture(path):
    """What loading the fixture at `path` would change, as two lists of (model label, pk):
    records whose fields differ from the fixture's, and records the fixture has that
    the registry does not."""
    with open(path, encoding="utf-8") as file:
        records = json.load(file)
    changed, missing = [], []
    if not any(model._default_manager.exists() for model in registry_models()):
        return changed, [(record["model"], record["pk"]) for record in records]
    loaded = serializers.deserialize("json", json.dumps(records), handle_forward_references=True)
    for record, deserialized in zip(records, loaded, strict=True):
        new = deserialized.object
        model = type(new)
        key = (model._meta.label, new.pk)
        current = model._default_manager.filter(pk=new.pk).first()
        if current is None:
            missing.append(key)
            continue
        deferred = set(deserialized.deferred_fields or {})
        for name in record["fields"]:
            field = model._meta.get_field(name)
            if field in deferred:
                changed.append(key)
                break
            if field.many_to_many:
                wanted = set(deserialized.m2m_data.get(name, []))
                if wanted != set(getattr(current, name).values_list("pk", flat=True)):
                    changed.append(key)
                    break
            elif field.value_from_object(new) != field.value_from_object(current):
                changed.append(key)
                break
    return changed, missing
