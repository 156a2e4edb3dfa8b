"""Reads shared by the council pages and their exports."""

from .filters import CouncilFilter, MembershipSnapshotFilter
from .models import Council, MembershipSnapshot


def council_list(*, filters):
    """The councils matching `filters` (a QueryDict), as a bound FilterSet.

    `.matching()` gives the rows in the order asked for, `.errors` what is
    wrong with the input. The page, the CSV and the JSON all call this.
    """
    return CouncilFilter(filters, queryset=Council.objects.for_listing())


def membership_history(*, council, filters):
    """Every membership snapshot of `council`, oldest first unless sorted otherwise."""
    queryset = MembershipSnapshot.objects.for_listing().filter(council=council)
    return MembershipSnapshotFilter(filters, queryset=queryset)
