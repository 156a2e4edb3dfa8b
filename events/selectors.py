"""Reads shared by the event, agreement and programme pages and their exports.

Each returns a bound FilterSet: `.matching()` gives the rows in the order asked
for, `.errors` what is wrong with the input. Pages and exports call these.
"""

from .filters import AgreementFilter, EventFilter, ProgrammeFilter
from .models import Agreement, Event, Programme


def event_list(*, filters):
    return EventFilter(filters, queryset=Event.objects.for_listing())


def agreement_list(*, filters):
    return AgreementFilter(filters, queryset=Agreement.objects.for_listing())


def programme_list(*, filters):
    return ProgrammeFilter(filters, queryset=Programme.objects.for_listing())
