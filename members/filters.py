import django_filters
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filtering import OrderingFilter, RegistryFilterSet, group_counts, search_filter
from core.models import Category, Country, Prefecture, Sector
from councils.models import Council

from .models import CouncilRole, Organisation


class OrganisationFilter(RegistryFilterSet):
    q = search_filter("name", "name_en", label=_("Name"))
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    prefecture = django_filters.ChoiceFilter(label=_("Prefecture"), choices=Prefecture.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=Country.choices)
    # Council and role describe one and the same role ("chair of the Okayama
    # consortium"), so both are applied together, in filter_queryset.
    council = django_filters.ModelChoiceFilter(
        label=_("Council"),
        queryset=Council.objects.all(),
        to_field_name="slug",
        method="applied_with_the_role",
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=CouncilRole.Kind.choices, method="applied_with_the_role"
    )
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("sector", "sector"), ("prefecture", "prefecture")),
        field_labels={
            "name": _("Name"),
            # 「区分（産学官）（降順）」 would follow one bracket with another.
            "sector": pgettext_lazy("sort order", "Sector"),
            "prefecture": _("Prefecture"),
        },
    )

    class Meta:
        model = Organisation
        fields = ["q", "sector", "category", "prefecture", "country", "council", "role"]

    def applied_with_the_role(self, queryset, name, value):
        return queryset

    def filtered(self, queryset, values):
        queryset = super().filtered(queryset, values)
        roles = self._roles(values)
        return queryset if roles is None else queryset.filter(pk__in=roles.values("organisation"))

    def _roles(self, values):
        """The roles that the council and role filters of `values` ask for, or None."""
        council, role = values.get("council"), values.get("role")
        if not (council or role):
            return None
        roles = CouncilRole.objects.filter(organisation__isnull=False)
        if council:
            roles = roles.filter(council=council)
        if role:
            roles = roles.filter(kind=role)
        return roles

    # An organisation counts under a council or a role only through one and the same
    # role, as the filters apply them.
    def count_council(self, rows, values):
        return self._count_roles("council__slug", rows, values)

    def count_role(self, rows, values):
        return self._count_roles("kind", rows, values)

    def _count_roles(self, path, rows, values):
        roles = self._roles(values)
        if roles is None:
            roles = CouncilRole.objects.filter(organisation__isnull=False)
        grouped = (
            roles.filter(organisation__in=rows.values("pk"))
            .values(path)
            .annotate(n=Count("organisation", distinct=True))
            .order_by()
        )
        return group_counts((row[path], row["n"]) for row in grouped)
