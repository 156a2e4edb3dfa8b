import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtering import (
    YEAR_RANGE,
    DateRangeForm,
    OrderingFilter,
    RegistryFilterSet,
    search_filter,
)
from core.japanese_dates import EARLIEST_FISCAL_YEAR, LATEST_FISCAL_YEAR, fiscal_year_bounds
from core.models import Country
from councils.models import Council
from members.models import Organisation

from .models import Agreement, AgreementParty, Event, Programme

# The pages name fiscal years by their era (令和6年度): a reader who types 6 is told
# that the box takes the Western year, with an example.
WESTERN_FISCAL_YEAR = _(
    "Enter the fiscal year as a four-digit Western year, for example 2024 for 令和6年度."
)
FISCAL_YEAR_RANGE = {
    "min_value": EARLIEST_FISCAL_YEAR,
    "max_value": LATEST_FISCAL_YEAR,
    "error_messages": {"min_value": WESTERN_FISCAL_YEAR, "max_value": WESTERN_FISCAL_YEAR},
}


# An event or agreement without a council is another body's own (山口県's visit to
# Taiwan): the choice that finds them says so, rather than calling the council missing.
NOT_A_COUNCILS = {"council": _("Not a council's")}


def council_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Council"), queryset=Council.objects.all(), to_field_name="slug"
    )


class EventFilter(RegistryFilterSet):
    council = council_filter()
    complete_facets = NOT_A_COUNCILS
    # Any of the event's kinds: 「設立及び第1回勉強会」 is found among the study sessions too.
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, field_name="kinds__code"
    )
    date_after = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(label=_("Until"), field_name="date", lookup_expr="lte")
    fiscal_year = django_filters.NumberFilter(
        label=_("Fiscal year (e.g. 2024)"), method="filter_fiscal_year", **FISCAL_YEAR_RANGE
    )
    city = search_filter("city", label=_("City"), max_length=50)
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("date", "date"), ("name", "name")),
        field_labels={"date": _("Date"), "name": _("Name")},
    )

    class Meta:
        model = Event
        form = DateRangeForm
        fields = ["council", "kind", "date_after", "date_before", "fiscal_year", "city"]

    def filter_fiscal_year(self, queryset, name, value):
        first_day, last_day = fiscal_year_bounds(int(value))
        return queryset.filter(date__range=(first_day, last_day))


class AgreementFilter(RegistryFilterSet):
    facet_fields = {"country": "parties__country"}
    council = council_filter()
    complete_facets = NOT_A_COUNCILS
    country = django_filters.ChoiceFilter(
        label=_("Country of a party"), choices=Country.choices, method="filter_party_country"
    )
    year = django_filters.NumberFilter(
        label=_("Year signed"), field_name="signed_on", lookup_expr="year", **YEAR_RANGE
    )
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("signed_on", "signed"), ("name", "name")),
        field_labels={"signed_on": _("Date signed"), "name": _("Name")},
    )

    class Meta:
        model = Agreement
        fields = ["council", "country", "year"]

    def filter_party_country(self, queryset, name, value):
        parties = AgreementParty.objects.filter(country=value).values("agreement")
        return queryset.filter(pk__in=parties)


class ProgrammeFilter(RegistryFilterSet):
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"), queryset=Organisation.objects.filter(programmes__isnull=False).distinct()
    )
    fiscal_year = django_filters.NumberFilter(
        label=_("Fiscal year (e.g. 2024)"), **FISCAL_YEAR_RANGE
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Programme.Kind.choices)
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("fiscal_year", "fiscal_year"), ("name", "name")),
        field_labels={"fiscal_year": _("Fiscal year"), "name": _("Name")},
    )

    class Meta:
        model = Programme
        fields = ["owner", "fiscal_year", "kind"]
