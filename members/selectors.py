"""Reads shared by the organisation pages and their exports."""

from .filters import OrganisationFilter
from .models import Organisation


def organisation_list(*, filters):
    """The organisations matching `filters` (a QueryDict), as a bound FilterSet.

    `.matching()` gives the rows in the order asked for, `.errors` what is
    wrong with the input. The page, the CSV and the JSON all call this.
    """
    return OrganisationFilter(filters, queryset=Organisation.objects.for_listing())
