"""Where a page's facts come from: the sources its records cite, and when they were last edited."""

import functools
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.history import PAGE_OWNERS, Lookup, record_name, row_label
from core.models import Source, localized, shows_english

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
    return list(_cited_documents_query().all())


@functools.cache
def _cited_documents_query():
    """Built once per process: its shape depends only on the registry's models, and
    building its seventeen subqueries took three times as long as compiling and
    running it (16 ms against 4 ms a page; every page's footer runs it)."""
    cited = Q()
    for model, name in source_foreign_keys():
        ids = model._default_manager.order_by().filter(**{f"{name}__isnull": False})
        ids = ids.values(name)
        cited |= Q(pk__in=ids) | Q(parts__in=ids)
    return Source.objects.documents().filter(cited).distinct().order_by("title", "pk")


@dataclass
class Citation:
    """A record that cites a source: what a reader calls it, and the public page showing it."""

    label: str
    url: str = ""
    # For a part shown on another record's page (a talk on its event's): that record's name.
    shown_on: str = ""
    # "ja" for a Japanese name on an English page, which has no English form.
    label_lang: str = ""
    shown_on_lang: str = ""

    @property
    def label_html(self):
        return in_language(self.label, self.label_lang)

    @property
    def shown_on_html(self):
        return in_language(self.shown_on, self.shown_on_lang)


def in_language(text, lang):
    """`text`, escaped, and marked as Japanese on an English page when it is."""
    return format_html('<span lang="ja">{}</span>', text) if lang else conditional_escape(text)


def japanese_fallback(record, field):
    return "ja" if shows_english() and not getattr(record, f"{field}_en", "") else ""


def citation(model, record, lookup):
    """The record by its name in full (a text by its first line, as the document prints it),
    or, for one without a name (a count, a role), as the history names it."""
    for field in ("name", "label", "text", "heading"):
        if hasattr(record, field):
            value = localized(record, field)
            first_line = value.strip().splitlines()[0] if value.strip() else value
            return Citation(first_line, label_lang=japanese_fallback(record, field))
    return Citation(row_label(model, record, lookup))


@dataclass
class CitingGroup:
    """The records of one kind that cite a source."""

    kind: str
    citations: list

    @property
    def heading(self):
        """「開催実績（3件）」."""
        return gettext("%(label)s (%(count)s)") % {"label": self.kind, "count": len(self.citations)}


def citing_records(source):
    """The records that cite `source` or one of its parts, by kind of record: a list of
    CitingGroup in the registry's order of models.

    A query per model that cites sources, and one per model of the records that name
    them or whose pages show them, however many records cite the source.
    """
    cited = {}
    for model, name in source_foreign_keys():
        cited.setdefault(model, Q())
        cited[model] |= Q(**{name: source}) | Q(**{f"{name}__part_of": source})
    found = []
    lookup = Lookup()
    for model, condition in cited.items():
        records = list(model._default_manager.filter(condition).distinct())
        if not records:
            continue
        found.append((model, records))
        for record in records:
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is not Source:
                    lookup.want(field.related_model, getattr(record, field.attname))
    lookup.fetch()
    groups = []
    for model, records in found:
        owner = PAGE_OWNERS.get(model._meta.label_lower)
        citations = []
        for record in records:
            cited = citation(model, record, lookup)
            if owner:
                related = model._meta.get_field(owner).related_model
                page = lookup.get(related, getattr(record, f"{owner}_id"))
                cited.url, cited.shown_on = page.get_absolute_url(), record_name(page)
                cited.shown_on_lang = japanese_fallback(page, "name")
            elif hasattr(record, "get_absolute_url"):
                cited.url = record.get_absolute_url()
            citations.append(cited)
        groups.append(CitingGroup(capfirst(model._meta.verbose_name_plural), citations))
    return groups
