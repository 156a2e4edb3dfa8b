"""Many-to-many links (an event's kinds) in the history, one version per edit.

django-simple-history records a model's `_history_m2m_fields` with each version,
and also writes a version of its own whenever such a link is added or removed.
An admin form saves the record first and its links after, so one edit would
leave up to three versions, the first with the old links. Here the links are
set without versions of their own, and the version the save wrote is given the
links as they end up. Fixtures set their links right after a raw save, which
the history ignores; their links are ignored with it.
"""

from collections import defaultdict
from contextlib import contextmanager

from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_field_name

SKIP = "skip_history_when_saving"  # the attribute django-simple-history checks


class RegistryHistoricalRecords(HistoricalRecords):
    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            # loaddata sets the links of the record it just saved raw: not an edit either.
            setattr(instance, SKIP, True)
        super().post_save(instance, created, using=using, **kwargs)

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        # Django deletes the links before the record: read them while they are there, so
        # that the deleted version keeps them and a restore brings them back.
        instance._links_before_delete = {
            field.name: through_rows(field, [instance.pk])
            for field in linked_fields(type(instance))
        }

    def create_historical_record_m2ms(self, history_instance, instance):
        before_delete = getattr(instance, "_links_before_delete", None)
        if history_instance.history_type == "-" and before_delete is not None:
            for field in history_instance._history_m2m_fields:
                version_links(history_instance, field).bulk_create(
                    link_rows(history_instance, field, before_delete[field.name])
                )
            return
        super().create_historical_record_m2ms(history_instance, instance)


def linked_fields(model):
    """The many-to-many fields of `model` that its history records."""
    history = getattr(model, "history", None)
    return list(getattr(getattr(history, "model", None), "_history_m2m_fields", []))


def version_links(version_model, field):
    """The manager of the links that versions of `version_model` hold for `field`."""
    return getattr(version_model, field.name).model.objects


def through_rows(field, pks):
    """The link rows of `field` for the records `pks`, as dicts of their columns."""
    through = field.remote_field.through
    name = get_m2m_field_name(field)
    columns = [f.attname for f in through._meta.concrete_fields]
    return list(through.objects.filter(**{f"{name}__in": pks}).values(*columns))


def link_rows(version, field, rows):
    links = version_links(version, field).model
    return [links(history=version, **row) for row in rows]


def record_links(versions):
    """Give `versions` (of one model, just written) the links their records have now.

    A query per linked field to read the links, one to clear what the versions
    held, and one to write them, however many versions.
    """
    versions = list(versions)
    if not versions:
        return
    version_model = type(versions[0])
    for field in version_model._history_m2m_fields:
        links = version_links(version_model, field)
        links.filter(history__in=versions).delete()
        name = get_m2m_field_name(field)
        by_record = defaultdict(list)
        for row in through_rows(field, {version.id for version in versions}):
            by_record[row[f"{name}_id"]].append(row)
        links.bulk_create(
            [
                link
                for version in versions
                for link in link_rows(version, field, by_record[version.id])
            ]
        )


@contextmanager
def links_in_last_version(record):
    """Set `record`'s links inside this block, right after saving it: they are recorded in
    the version that save wrote, not in versions of their own.

    A save that wrote no version (skipped on purpose) gets none here either.
    """
    if not linked_fields(type(record)):
        yield
        return
    skipped = hasattr(record, SKIP)
    setattr(record, SKIP, True)
    try:
        yield
    finally:
        if not skipped:
            delattr(record, SKIP)
    if not skipped:
        record_links(record.history.order_by("-history_id")[:1])
