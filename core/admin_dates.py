"""Date columns of the admin's change lists in the pages' one style: 令和6（2024）年3月8日.

Django's change list writes a date with the locale's format (2024年3月8日); the
history, 削除した記録 and every public page write the era first. Rather than a
display method per model, every date and time field a change list names is shown
through `|era`, keeping its header, its sorting and its link.
"""

import functools

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core.templatetags.registry import era


def era_column(field):
    @admin.display(description=field.verbose_name, ordering=field.name, empty_value="")
    def column(record):
        # A date as 令和6（2024）年3月8日, a time of day after it; nothing for no value.
        return era(getattr(record, field.attname), "datetime")

    # The cell's class stays column-<field>, which the admin's styles size.
    column.__name__ = field.name
    return column


class EraDateColumnsMixin:
    @functools.cached_property
    def _era_columns(self):
        columns = {}
        for name in self.list_display:
            try:
                field = self.opts.get_field(name) if isinstance(name, str) else None
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.DateField):
                columns[name] = era_column(field)
        return columns

    def _with_era_columns(self, names):
        return [self._era_columns.get(name, name) for name in names]

    def get_list_display(self, request):
        return self._with_era_columns(super().get_list_display(request))

    def get_list_display_links(self, request, list_display):
        links = super().get_list_display_links(request, list_display)
        return links and self._with_era_columns(links)
