"""Reads shared by the organisation pages and their exports."""

from .filters import OrganisationFilter
from .models import Organisation


def organisation_list(*, filters):
    """The organisations matching `filters` (a QueryDict), in the order asked for.

    Raises `core.filtering.InvalidFilters` when a filter value is not valid.
    The page, the CSV and the JSON all call this.
    """
    return OrganisationFilter(filters, queryset=Organisation.objects.for_listing()).qs
