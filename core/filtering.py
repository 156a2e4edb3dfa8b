"""What every list's FilterSet shares: the sort parameter and the rule for bad input."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# Long enough for any name in the registry, short enough to refuse junk.
SEARCH_MAX_LENGTH = 200
YEAR_RANGE = {"min_value": 1900, "max_value": 2100}


def _attributes(attrs):
    # What django/forms/widgets/attrs.html writes.
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    """A Select that writes the HTML of Django's select.html in Python.

    Rendering each option through the form templates took a quarter of a list
    page's time; the markup is the same.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>\n',
                        str(option["value"]),
                        _attributes(option["attrs"]),
                        option["label"],
                    )
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class RegistryFilterSet(django_filters.FilterSet):
    """A FilterSet whose results are empty, never everything, when its input is invalid."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            for field in form.fields.values():
                if type(field.widget) is forms.Select:
                    field.widget.__class__ = QuickSelect
        return self._form

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
