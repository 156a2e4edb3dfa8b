"""Reads shared by the council pages and their exports.

Each returns a QuerySet in the order asked for, and raises
`core.filtering.InvalidFilters` when a filter value is not valid.
"""

from .filters import CouncilFilter, MembershipSnapshotFilter
from .models import Council, MembershipSnapshot


def council_list(*, filters):
    """The councils matching `filters` (a QueryDict). The page, the CSV and the JSON call this."""
    return CouncilFilter(filters, queryset=Council.objects.for_listing()).qs


def membership_history(*, council, filters):
    """Every membership snapshot of `council`, oldest first unless sorted otherwise."""
    queryset = MembershipSnapshot.objects.for_listing().filter(council=council)
    return MembershipSnapshotFilter(filters, queryset=queryset).qs
