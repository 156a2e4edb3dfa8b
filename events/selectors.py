"""Reads shared by the event, agreement and programme pages and their exports.

Each returns a QuerySet in the order asked for, and raises
`core.filtering.InvalidFilters` when a filter value is not valid.
"""

from .filters import AgreementFilter, EventFilter, ProgrammeFilter
from .models import Agreement, Event, Programme


def event_list(*, filters):
    return EventFilter(filters, queryset=Event.objects.for_listing()).qs


def agreement_list(*, filters):
    return AgreementFilter(filters, queryset=Agreement.objects.for_listing()).qs


def programme_list(*, filters):
    return ProgrammeFilter(filters, queryset=Programme.objects.for_listing()).qs
