import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import YEAR_RANGE, RegistryFilterSet

from .models import Council, MembershipSnapshot, Prefecture


class CouncilFilter(RegistryFilterSet):
    prefecture = django_filters.ChoiceFilter(label=_("Prefecture"), choices=Prefecture.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Council.Kind.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Council.Scope.choices)
    founded_year = django_filters.NumberFilter(
        label=_("Founding year"), field_name="founded_on", lookup_expr="year", **YEAR_RANGE
    )
    membership_based = django_filters.BooleanFilter(
        label=_("Membership-based"), field_name="is_membership_based"
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("founded_on", "founded"), ("name", "name")),
        field_labels={"founded_on": _("Founding date"), "name": _("Name")},
    )

    class Meta:
        model = Council
        fields = ["prefecture", "kind", "scope", "founded_year", "membership_based"]


class MembershipSnapshotFilter(RegistryFilterSet):
    """A council's membership history; the council itself comes from the URL."""

    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("as_of", "as_of"), ("total", "total")),
        field_labels={"as_of": _("As of"), "total": _("Total")},
    )

    class Meta:
        model = MembershipSnapshot
        fields = []
