"""Where a page's facts come from: the sources its records cite, and when they were last edited."""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from core.models import Source

# Besides `source`, the foreign keys to Source that some records carry.
EXTRA_SOURCE_FIELDS = ("aims_source", "detail_source", "corroborating_source")


def citation_order(source):
    """Documents by title, and a document's parts in their order in it."""
    document = source.document
    return (document.title, document.pk, source.position or 0, source.locator, source.pk)


def cited_sources(*groups):
    """The distinct sources cited by the records in `groups` (records or iterables).

    Callers select_related each source with its document (`source__part_of`), so
    this never queries.
    """
    found = {}
    for group in groups:
        records = [group] if hasattr(group, "_meta") else group
        for record in records:
            for name in ("source", *EXTRA_SOURCE_FIELDS):
                source = getattr(record, name, None)
                if isinstance(source, Source):
                    found[source.pk] = source
    return sorted(found.values(), key=citation_order)


def last_updated(*groups):
    """The newest `updated_at` among the records, or None while all are as the document gave."""
    times = [
        record.updated_at
        for group in groups
        for record in ([group] if hasattr(group, "_meta") else group)
        if getattr(record, "updated_at", None)
    ]
    return max(times, default=None)


def changes_url(record):
    """The public list of changes to `record` and the parts its page shows."""
    return (
        reverse("changes") + "?" + urlencode({"record": f"{record._meta.model_name}-{record.pk}"})
    )


def provenance(*groups, record=None):
    """Template context for includes/sources.html; `record` is the page's own record,
    whose changes its "last updated" line links to."""
    context = {"sources": cited_sources(*groups), "last_updated": last_updated(*groups)}
    if record is not None:
        context["changes_url"] = changes_url(record)
    return context


def source_foreign_keys():
    """Every (model, field name) of the registry whose field is a foreign key to Source."""
    from core.registry import registry_models

    for model in registry_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Source and model is not Source:
                yield model, field.name


def cited_documents():
    """The documents (sources that are not part of another) that some record of the
    registry cites, itself or through one of its parts: one query."""
    cited = Q()
    for model, name in source_foreign_keys():
        ids = model._default_manager.order_by().filter(**{f"{name}__isnull": False})
        ids = ids.values(name)
        cited |= Q(pk__in=ids) | Q(parts__in=ids)
    return list(Source.objects.documents().filter(cited).distinct().order_by("title", "pk"))
