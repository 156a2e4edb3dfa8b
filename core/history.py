"""Reading the registry's history (django-simple-history's tables) as changes a person can follow.

The public list of recent changes, its feed and the admin's history of a
record's parts all describe historical rows the same way: which record, added,
changed or deleted, each field's old and new value as a reader sees it (choice
labels, names of linked records, dates with their era), and the source cited.
Describing a page of rows costs a fixed number of queries, whatever its length:
previous versions and linked records are read in bulk, one query per model.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.formats import number_format
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext, pgettext

from .linked_history import linked_fields, version_links
from .models import Source, localized
from .templatetags.registry import era

# Never shown as a change: the key, and the edit time that every save moves.
HIDDEN_FIELDS = {"id", "updated_at"}
LONG_TEXT = 200

# Records without a public page of their own, and the foreign key to the record whose
# page shows them (and whose admin form edits them inline).
PAGE_OWNERS = {
    "councils.activitypillar": "council",
    "councils.membercategory": "council",
    "councils.membershipsnapshot": "council",
    "members.councilrole": "council",
    "events.agreementparty": "agreement",
    "events.talk": "event",
    "events.programmeamount": "programme",
    "events.programmeitem": "programme",
}

ADDED, CHANGED, DELETED, RESTORED = "added", "changed", "deleted", "restored"


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    # Whether `old` means something: a change, rather than the value of a new record.
    is_change: bool = True

    def __str__(self):
        if self.is_change:
            return gettext("%(field)s: %(old)s → %(new)s") % {
                "field": self.label,
                "old": self.old,
                "new": self.new,
            }
        return gettext("%(field)s: %(value)s") % {"field": self.label, "value": self.new}


@dataclass
class Entry:
    """One historical row, described."""

    row: models.Model
    model: type
    action: str
    label: str
    changes: list = field(default_factory=list)
    source: Source | None = None
    # The public record whose page shows this record (itself, or its parent), if it exists.
    page_record: models.Model | None = None
    # In the admin, where a deleted part is restored from its parent's history.
    restore_url: str = ""

    @property
    def when(self):
        return self.row.history_date

    @property
    def kind(self):
        return capfirst(self.model._meta.verbose_name)

    @property
    def key(self):
        return f"{self.model._meta.model_name}-{self.row.history_id}"

    @property
    def summary(self):
        """「会員数「令和7（2025）年4月1日：60」を追加」."""
        templates = {
            ADDED: gettext("%(kind)s %(label)s added"),
            CHANGED: gettext("%(kind)s %(label)s changed"),
            DELETED: gettext("%(kind)s %(label)s deleted"),
            RESTORED: gettext("%(kind)s %(label)s restored"),
        }
        return templates[self.action] % {"kind": self.kind, "label": self.label}


def shown_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS]


def with_previous(history_queryset):
    """The rows, each annotated with `previous_id`: the history id of the record's version
    before it (None for its first)."""
    history_model = history_queryset.model
    earlier = history_model.objects.filter(
        id=OuterRef("id"), history_id__lt=OuterRef("history_id")
    ).order_by("-history_id")
    return history_queryset.annotate(previous_id=Subquery(earlier.values("history_id")[:1]))


class Lookup:
    """Records read in bulk, one query per model, to name the records that rows refer to."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.found = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def fetch(self):
        for model, keys in self.wanted.items():
            self.found[model] = model._default_manager.in_bulk(keys)

    def get(self, model, pk):
        return self.found.get(model, {}).get(pk)


def record_name(record):
    if record is None:
        return gettext("(a deleted record)")
    if hasattr(record, "display_name"):
        return record.display_name
    return str(record)


def show_value(model_field, value, lookup):
    """`value` of `model_field` as a reader sees it."""
    if value is None or value == "":
        return gettext("(none)")
    if model_field.is_relation:
        return record_name(lookup.get(model_field.related_model, value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.date):
        return era(value)
    if isinstance(value, int | float) or hasattr(value, "as_tuple"):
        return number_format(value, force_grouping=True)
    return Truncator(str(value)).chars(LONG_TEXT)


def version_links_of(versions):
    """{(history model, history id): {field name: set of linked keys}} for `versions`:
    one query per model and linked field (an event's kinds), whatever the number."""
    by_model = defaultdict(list)
    for version in versions:
        by_model[type(version)].append(version.history_id)
    found = defaultdict(lambda: defaultdict(set))
    for history_model, keys in by_model.items():
        for model_field in linked_fields(history_model.instance_type):
            target = f"{model_field.m2m_reverse_field_name()}_id"
            links = version_links(history_model, model_field).filter(history_id__in=keys)
            for version_id, key in links.values_list("history_id", target):
                found[(history_model, version_id)][model_field.name].add(key)
    return found


def show_links(model_field, keys, lookup):
    """Linked records as a reader sees them: their names, in their own order, in one line."""
    return linked_names([lookup.get(model_field.related_model, key) for key in keys])


def linked_names(records):
    """「設立会議、勉強会」: the records' names in their own order (an event's kinds in the
    order of their choices), or 「（なし）」."""
    if not records:
        return gettext("(none)")
    names = sorted((getattr(record, "order", 0), record_name(record)) for record in records)
    return gettext(", ").join(name for _order, name in names)


def row_label(model, row, lookup):
    """What a reader calls the record: its name, or for a count its date and total."""
    label = model._meta.label_lower
    if label == "councils.membershipsnapshot":
        return pgettext("snapshot label", "%(date)s: %(total)s") % {
            "date": era(row.as_of),
            "total": number_format(row.total, force_grouping=True),
        }
    if label == "members.councilrole":
        holder = row.person_id and lookup.get(
            model._meta.get_field("person").related_model, row.person_id
        )
        if not holder:
            holder = lookup.get(
                model._meta.get_field("organisation").related_model, row.organisation_id
            )
        return f"{row.get_kind_display()} {record_name(holder)}"
    if label == "events.agreementparty":
        organisation = model._meta.get_field("organisation").related_model
        return record_name(lookup.get(organisation, row.organisation_id))
    for name in ("name", "label", "text", "heading"):
        if hasattr(row, name):
            return Truncator(localized(row, name)).chars(60)
    return f"#{row.id}"


def _page_owner(model, row):
    """(model, pk) of the record whose public page shows `row`'s record."""
    owner = PAGE_OWNERS.get(model._meta.label_lower)
    if owner:
        return model._meta.get_field(owner).related_model, getattr(row, f"{owner}_id")
    if hasattr(model, "get_absolute_url"):
        return model, row.id
    return None, None


def action_of(row, before):
    action = {"+": ADDED, "~": CHANGED, "-": DELETED}[row.history_type]
    if action == ADDED and before is not None and before.history_type == "-":
        return RESTORED
    return action


def link_differences(model, row, before, links):
    """(field, old keys, new keys) of each of `row`'s links (an event's kinds) a reader is
    shown: those changed since `before`, or a new record's (old keys None)."""
    action = action_of(row, before)
    for model_field in linked_fields(model):
        new = links[(type(row), row.history_id)][model_field.name]
        if action == CHANGED:
            old = links[(type(before), before.history_id)][model_field.name] if before else set()
            if old != new:
                yield model_field, old, new
        elif action == ADDED and new:
            yield model_field, None, new


def describe(rows):
    """Entries for historical `rows` of any registry models, in the order given.

    Rows annotated by `with_previous` are compared with their previous version;
    the rest are compared with nothing (a first version lists its values).
    """
    rows = list(rows)
    previous = {}
    by_model = defaultdict(set)
    for row in rows:
        if getattr(row, "previous_id", None):
            by_model[type(row)].add(row.previous_id)
    for history_model, keys in by_model.items():
        for version in history_model.objects.filter(history_id__in=keys):
            previous[(history_model, version.history_id)] = version

    links = version_links_of([*rows, *previous.values()])
    lookup = Lookup()
    for row in rows:
        model = row.instance_type
        before = previous.get((type(row), getattr(row, "previous_id", None)))
        for model_field, old, new in link_differences(model, row, before, links):
            for key in (old or set()) | new:
                lookup.want(model_field.related_model, key)
        for version in (row, before):
            if version is None:
                continue
            for model_field in shown_fields(model):
                if model_field.is_relation:
                    lookup.want(model_field.related_model, getattr(version, model_field.attname))
        owner_model, owner_pk = _page_owner(model, row)
        if owner_model is not None:
            lookup.want(owner_model, owner_pk)
    lookup.fetch()

    entries = []
    for row in rows:
        model = row.instance_type
        before = previous.get((type(row), getattr(row, "previous_id", None)))
        action = action_of(row, before)
        changes = []
        owner_field = PAGE_OWNERS.get(model._meta.label_lower)
        if action in (ADDED, CHANGED):
            for model_field in shown_fields(model):
                new = getattr(row, model_field.attname)
                if action == CHANGED:
                    old = getattr(before, model_field.attname) if before else None
                    if old == new:
                        continue
                    old_shown = show_value(model_field, old, lookup)
                elif new is None or new == "" or model_field.name in ("source", owner_field):
                    # A new record's source and parent are shown beside its values already.
                    continue
                else:
                    old_shown = ""
                changes.append(
                    FieldChange(
                        capfirst(model_field.verbose_name),
                        old_shown,
                        show_value(model_field, new, lookup),
                        is_change=action == CHANGED,
                    )
                )
        for model_field, old, new in link_differences(model, row, before, links):
            changes.append(
                FieldChange(
                    capfirst(model_field.verbose_name),
                    "" if old is None else show_links(model_field, old, lookup),
                    show_links(model_field, new, lookup),
                    is_change=old is not None,
                )
            )
        owner_model, owner_pk = _page_owner(model, row)
        entries.append(
            Entry(
                row=row,
                model=model,
                action=action,
                label=row_label(model, row, lookup),
                changes=changes,
                source=lookup.get(Source, getattr(row, "source_id", None)),
                page_record=lookup.get(owner_model, owner_pk) if owner_model else None,
            )
        )
    return entries
