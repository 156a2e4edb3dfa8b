"""What every list's FilterSet shares: the sort parameter and the rule for bad input."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Long enough for any name in the registry, short enough to refuse junk.
SEARCH_MAX_LENGTH = 200
YEAR_RANGE = {"min_value": 1900, "max_value": 2100}


class RegistryFilterSet(django_filters.FilterSet):
    """A FilterSet whose results are empty, never everything, when its input is invalid."""

    def matching(self):
        """The rows the filters select, or none if any filter value is invalid."""
        if self.is_valid():
            return self.qs
        return self.queryset.none()

    def error_summary(self):
        """One line per invalid parameter: `name: message`."""
        return [f"{name}: {' '.join(messages)}" for name, messages in self.form.errors.items()]


def search_filter(*fields, label):
    """A case-insensitive substring search over `fields` (Japanese or English)."""

    def search(queryset, name, value):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

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
