"""Recent changes to public records, read from django-simple-history's tables.

The page /changes/ and its Atom feed share `recent_changes` and `ChangeFilter`.
Rows the fixtures' load wrote (the document's own facts) are not changes and
are left out; who made a change is never read.
"""

import django_filters
from django import forms
from django.db.models import CharField, Value
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.admin_guards import is_storable_key
from core.filtering import InvalidFilters, RegistryFilterSet
from core.history import describe, with_previous
from core.registry import load_reasons
from councils.models import ActivityPillar, Council, MemberCategory, MembershipSnapshot
from events.models import (
    Agreement,
    AgreementParty,
    Event,
    Programme,
    ProgrammeAmount,
    ProgrammeItem,
    Talk,
)
from members.models import CouncilRole, Organisation, Person

# Each public model, and the path from its historical rows to the council they belong to
# (None: organisations and people belong to no one council).
COUNCIL_PATHS = {
    Council: "id",
    ActivityPillar: "council_id",
    MemberCategory: "council_id",
    MembershipSnapshot: "council_id",
    CouncilRole: "council_id",
    Agreement: "council_id",
    AgreementParty: "agreement__council_id",
    Event: "council_id",
    Talk: "event__council_id",
    Programme: "council_id",
    ProgrammeAmount: "programme__council_id",
    ProgrammeItem: "programme__council_id",
    Organisation: None,
    Person: None,
}
MODELS = {model._meta.model_name: model for model in COUNCIL_PATHS}

# Records with a page of their own, and for each the parts its page shows.
PAGES = {
    "council": {Council: "id"}
    | dict.fromkeys((ActivityPillar, MemberCategory, MembershipSnapshot), "council_id"),
    "organisation": {Organisation: "id"},
    "person": {Person: "id"},
    "agreement": {Agreement: "id", AgreementParty: "agreement_id"},
    "event": {Event: "id", Talk: "event_id"},
    "programme": {Programme: "id", ProgrammeAmount: "programme_id", ProgrammeItem: "programme_id"},
}
FEED_SIZE = 50


# Lazy labels: each request shows them in its language.
KIND_CHOICES = [(name, capfirst(model._meta.verbose_name_plural)) for name, model in MODELS.items()]


class RecordField(forms.CharField):
    """`council-3`: one public record (with the parts its page shows), as its page links it."""

    default_error_messages = {
        "invalid": _("This is not a record of the registry. Follow a record page's link.")
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        kind, _dash, pk = value.partition("-")
        if kind not in PAGES or not pk.isascii() or not pk.isdigit():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if not is_storable_key(Council._meta.pk, pk):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return kind, int(pk)


class RecordFilter(django_filters.Filter):
    field_class = RecordField


class ChangeFilter(RegistryFilterSet):
    """What /changes/ and its feed can be narrowed to.

    The rows come from one history table per model, so the selector applies the
    cleaned values itself; this FilterSet validates them and draws the form.
    """

    council = django_filters.ModelChoiceFilter(
        label=_("Council"), queryset=Council.objects.order_by("pk"), to_field_name="slug"
    )
    kind = django_filters.ChoiceFilter(label=_("Kind of record"), choices=KIND_CHOICES)
    record = RecordFilter(label=_("Record"), max_length=40)

    class Meta:
        model = Council.history.model
        fields = ["council", "kind", "record"]

    def __init__(self, data=None, **kwargs):
        super().__init__(data, queryset=self._meta.model.objects.none(), **kwargs)
        # The form lists what a reader picks; `record` comes only from a record page's link.
        self.form.fields["record"].widget = forms.HiddenInput()


def change_rows(*, council=None, kind=None, record=None):
    """(history_id, history_date, model name) of every public change, newest first.

    One UNION over the historical tables: counting and paging it are one query each.
    """
    reasons = load_reasons()
    models = [MODELS[kind]] if kind else list(MODELS.values())
    parts = {}
    if record:
        parts = PAGES[record[0]]
        models = [model for model in models if model in parts]
    queries = []
    for model in models:
        rows = model.history.model.objects.exclude(history_change_reason__in=reasons)
        if council is not None:
            path = COUNCIL_PATHS[model]
            if path is None:
                continue
            rows = rows.filter(**{path: council.pk})
        if record:
            rows = rows.filter(**{parts[model]: record[1]})
        # Each part unordered (historical models sort by date): the union is sorted once.
        queries.append(
            rows.order_by()
            .annotate(record_model=Value(model._meta.model_name, output_field=CharField()))
            .values_list("history_id", "history_date", "record_model")
        )
    if not queries:
        return Council.history.model.objects.none().values_list("history_id", "history_date")
    first, *rest = queries
    return first.union(*rest, all=True).order_by("-history_date", "-history_id")


def recent_changes(*, filters):
    """The changes matching `filters` (a QueryDict), as rows for `describe_changes`.

    Raises InvalidFilters when a filter value is not valid.
    """
    filterset = ChangeFilter(filters)
    if not filterset.is_valid():
        raise InvalidFilters(filterset.form)
    return change_rows(**{k: v for k, v in filterset.form.cleaned_data.items() if v})


def record_of(value):
    """The record a valid `record` filter names, or None once it is deleted."""
    kind, pk = value
    model = next(iter(PAGES[kind]))
    return model._default_manager.filter(pk=pk).first()


def describe_changes(rows):
    """Entries (core.history) for a page of `change_rows`, in its order.

    A query per model on the page, and one per model of the records they name,
    however many changes the page holds.
    """
    wanted = {}
    for history_id, _date, kind in rows:
        wanted.setdefault(kind, []).append(history_id)
    found = {}
    for kind, keys in wanted.items():
        history = MODELS[kind].history.model.objects.filter(history_id__in=keys)
        for row in with_previous(history):
            found[(kind, row.history_id)] = row
    ordered = [found[(kind, history_id)] for history_id, _date, kind in rows]
    return describe(ordered)
