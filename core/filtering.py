"""What every list's FilterSet shares: the rule for bad input, search, and date ranges."""

import django_filters
from django import forms
from django.forms.utils import pretty_name
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.search_text import matching_every_word

# Long enough for any name in the registry, short enough to refuse junk.
SEARCH_MAX_LENGTH = 200
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
    """A FilterSet whose rows are never computed from invalid input.

    django-filter's `.qs` leaves out the filters whose values are invalid and
    applies the rest; here `.qs` raises `InvalidFilters` instead, so that no
    caller can show rows for a filter it silently dropped.
    """

    @property
    def qs(self):
        if not self.is_valid():
            raise InvalidFilters(self.form)
        return super().qs


def search_filter(*fields, label):
    """A search over `fields` (Japanese or English) that folds width, case and kana,
    and wants every word of the query (core/search_text.py)."""

    def search(queryset, name, value):
        return matching_every_word(queryset, fields, value)

    return django_filters.CharFilter(label=label, method=search, max_length=SEARCH_MAX_LENGTH)


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
