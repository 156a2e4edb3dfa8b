import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filtering import YEAR_RANGE, OrderingFilter, RegistryFilterSet

from .models import Council, MembershipSnapshot, Prefecture


class StrictBooleanSelect(forms.NullBooleanSelect):
    """Passes the value on as sent, so that the field can refuse what is not yes or no."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictBooleanField(forms.NullBooleanField):
    """Yes, no or unset; anything else is an error (a plain BooleanFilter ignores it)."""

    widget = StrictBooleanSelect
    TRUE = {"true", "True", "1", "2"}
    FALSE = {"false", "False", "0", "3"}

    def to_python(self, value):
        if value in (None, "", "unknown") or isinstance(value, bool):
            return value if isinstance(value, bool) else None
        if value in self.TRUE:
            return True
        if value in self.FALSE:
            return False
        raise forms.ValidationError(
            forms.ChoiceField.default_error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class CouncilFilter(RegistryFilterSet):
    prefecture = django_filters.ChoiceFilter(label=_("Prefecture"), choices=Prefecture.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Council.Kind.choices)
    scope = django_filters.ChoiceFilter(label=_("Scope"), choices=Council.Scope.choices)
    founded_year = django_filters.NumberFilter(
        label=_("Founding year"), field_name="founded_on", lookup_expr="year", **YEAR_RANGE
    )
    membership_based = StrictBooleanFilter(
        label=_("Membership-based"), field_name="is_membership_based"
    )
    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("founded_on", "founded"), ("name", "name")),
        field_labels={"founded_on": _("Founding date"), "name": _("Name")},
    )

    class Meta:
        model = Council
        fields = ["prefecture", "kind", "scope", "founded_year", "membership_based"]


class MembershipSnapshotFilter(RegistryFilterSet):
    """A council's membership history; the council itself comes from the URL."""

    sort = OrderingFilter(
        label=_("Sort by"),
        fields=(("as_of", "as_of"), ("total", "total")),
        field_labels={"as_of": _("As of"), "total": _("Total")},
    )

    class Meta:
        model = MembershipSnapshot
        fields = []
