"""What every list's FilterSet shares: the rule for bad input, search, date ranges,
and the count beside each choice of a filter (its facet)."""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, Q
from django.forms.utils import pretty_name
from django.http import QueryDict
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.search_text import matching_every_word

# Long enough for any name in the registry, short enough to refuse junk.
SEARCH_MAX_LENGTH = 200
# The choice that finds records with no value for a filter (「未記載」).
UNKNOWN = "none"
YEAR_RANGE = {"min_value": 1900, "max_value": 2100}


class InvalidFilters(ValueError):
    """A list was asked for with filter values that are not valid.

    `form` is the filter form with its errors, for a page to show; `errors`
    maps each bad parameter to its messages, for an export to report.
    """

    def __init__(self, form):
        self.form = form
        self.errors = {}
        for name, messages in form.errors.items():
            if name == "__all__":
                # A rule across several parameters, such as a date range; name them.
                name = ", ".join(getattr(form, "date_range_fields", ())) or "filters"
            self.errors[name] = list(messages)
        super().__init__(
            "; ".join(f"{name}: {' '.join(messages)}" for name, messages in self.errors.items())
        )


class RegistryFilterSet(django_filters.FilterSet):
    """A FilterSet whose rows are never computed from invalid input, and whose choices count.

    django-filter's `.qs` leaves out the filters whose values are invalid and
    applies the rest; here `.qs` raises `InvalidFilters` instead, so that no
    caller can show rows for a filter it silently dropped.

    Each choice filter (a facet) whose field may be empty also offers `UNKNOWN`
    (「未記載」), which finds the records with no value, and `facet_counts()` says
    how many records each choice would return given the other active filters,
    as Datasette's facets do: one grouped query per facet, however many rows.
    A facet counts rows grouped by its field, or by `facet_fields[name]` for a
    filter with a method; a FilterSet can count a facet its own way with a
    method `count_<name>(rows, values)` returning {choice value: count}.
    """

    facet_fields = {}
    # Facets whose empty value is not a gap in the record (an event with no council is
    # another body's own initiative), each with the label that says what the empty value
    # means instead of 「未記載」: no "N more have no value" note under the results.
    complete_facets = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # {facet: condition matching the records with no value}
        self.unknown_conditions = {}
        for name in self.facet_names():
            condition = self._unknown_condition(self.filters[name])
            if condition is not None:
                self.unknown_conditions[name] = condition
                label = self.complete_facets.get(name, _("Not recorded"))
                self.filters[name].extra.update(null_label=label, null_value=UNKNOWN)
                self.filters[name].null_value = UNKNOWN

    def facet_names(self):
        return [
            name
            for name, filter_ in self.filters.items()
            if isinstance(filter_, django_filters.ChoiceFilter)
            and not isinstance(filter_, django_filters.OrderingFilter)
        ]

    def _unknown_condition(self, filter_):
        """Q() for "no value" when the filter's field may be empty, else None."""
        if filter_.method or "__" in filter_.field_name:
            return None
        try:
            field = self._meta.model._meta.get_field(filter_.field_name)
        except FieldDoesNotExist:
            return None
        condition = None
        if field.null:
            condition = Q(**{f"{field.name}__isnull": True})
        if field.blank and isinstance(field, (models.CharField, models.TextField)):
            condition = (condition or Q()) | Q(**{field.name: ""})
        return condition

    @property
    def qs(self):
        if not self.is_valid():
            raise InvalidFilters(self.form)
        return super().qs

    def filter_queryset(self, queryset):
        return self.filtered(queryset, self.form.cleaned_data)

    def filtered(self, queryset, values):
        """`queryset` with the filters of `values` ({name: cleaned value}) applied."""
        for name, value in values.items():
            if value == UNKNOWN and name in self.unknown_conditions:
                queryset = queryset.filter(self.unknown_conditions[name])
            else:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facet_counts(self):
        """{facet: {choice value as a string: count}}, each given the other active filters.

        Choices with no records are left out (a count of 0); the records with
        no value are counted under `UNKNOWN`. Call only when the filters are valid.
        """
        if not self.is_valid():
            raise InvalidFilters(self.form)
        values = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if not isinstance(self.filters[name], django_filters.OrderingFilter)
        }
        counts = {}
        for name in self.facet_names():
            others = {key: value for key, value in values.items() if key != name}
            rows = self.filtered(self.queryset.order_by().prefetch_related(None), others)
            counter = getattr(self, f"count_{name}", None)
            counts[name] = counter(rows, others) if counter else self._grouped_count(name, rows)
        return counts

    def _grouped_count(self, name, rows):
        filter_ = self.filters[name]
        path = self.facet_fields.get(name, filter_.field_name)
        to_field = filter_.extra.get("to_field_name")
        if to_field:
            path = f"{path}__{to_field}"
        grouped = rows.values(path).annotate(n=Count("pk", distinct=True)).order_by()
        return group_counts((row[path], row["n"]) for row in grouped)


def group_counts(pairs):
    """{value as a string: count} from (value, count) pairs, empty values as `UNKNOWN`."""
    counts = {}
    for value, count in pairs:
        key = UNKNOWN if value in (None, "") else str(value)
        counts[key] = counts.get(key, 0) + count
    return counts


def search_filter(*fields, label, max_length=SEARCH_MAX_LENGTH):
    """A search over `fields` (Japanese or English) that folds width, case and kana,
    and wants every word of the query (core/search_text.py)."""

    def search(queryset, name, value):
        return matching_every_word(queryset, fields, value)

    return django_filters.CharFilter(label=label, method=search, max_length=max_length)


class DateRangeForm(forms.Form):
    """Refuses a date range whose end comes before its start."""

    date_range_fields = ("date_after", "date_before")

    def clean(self):
        cleaned = super().clean()
        start, end = (cleaned.get(field) for field in self.date_range_fields)
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the date range is before its start."))
        return cleaned


def _descending(fmt, label):
    return str(fmt) % label


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's sort menu, with each "(descending)" label translated for the request.

    django-filter formats "%s (descending)" once, when the FilterSet class is defined,
    so every visitor would see it in the language active at start-up.
    """

    def build_choices(self, fields, labels):
        choices = []
        for field, param in fields.items():
            label = labels.get(field, _(pretty_name(param)))
            descending = labels.get(f"-{param}", lazy(_descending, str)(self.descending_fmt, label))
            choices += [(param, label), (f"-{param}", descending)]
        return choices


def row_parameters(query, filterset_class):
    """The parameters of `query` that choose a list's rows (its filters and the page),
    in a fixed order: the filters by name, then the page, each name's values as given.

    Any other parameter (`?utm_source=…`) shows the same rows, so a list's links,
    on its pages and in its JSON, leave it out.
    """
    kept = QueryDict(mutable=True)
    for name in [*sorted(set(filterset_class.base_filters) & set(query)), "page"]:
        if name in query:
            kept.setlist(name, query.getlist(name))
    return kept
