"""Where a page's facts come from: the slides its records cite, and when they were last edited."""

from django.urls import reverse
from django.utils.http import urlencode

from core.models import Source

# Besides `source`, the foreign keys to Source that some records carry.
EXTRA_SOURCE_FIELDS = ("aims_source", "detail_source", "corroborating_source")


def cited_sources(*groups):
    """The distinct sources cited by the records in `groups` (records or iterables), by slide.

    Callers select_related the sources, so this never queries.
    """
    found = {}
    for group in groups:
        records = [group] if hasattr(group, "_meta") else group
        for record in records:
            for name in ("source", *EXTRA_SOURCE_FIELDS):
                source = getattr(record, name, None)
                if isinstance(source, Source):
                    found[source.pk] = source
    return sorted(found.values(), key=lambda source: (source.document, source.slide))


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
