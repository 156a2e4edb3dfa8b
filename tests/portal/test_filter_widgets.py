"""The filter forms' selects, written in Python, match Django's own templates."""

import pytest
from django import forms
from django.http import QueryDict
from django.utils import translation

from councils.filters import CouncilFilter, MembershipSnapshotFilter
from events.filters import AgreementFilter, EventFilter, ProgrammeFilter
from members.filters import OrganisationFilter
from portal.filtering import QuickSelect
from tests import factories

FILTERSETS = [
    CouncilFilter,
    MembershipSnapshotFilter,
    EventFilter,
    AgreementFilter,
    ProgrammeFilter,
    OrganisationFilter,
]


# The membership history's only filter is its sort order, a plain select.
WITH_QUICK_SELECTS = [
    filterset for filterset in FILTERSETS if filterset is not MembershipSnapshotFilter
]


@pytest.mark.parametrize("filterset", WITH_QUICK_SELECTS)
@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(
    "query", ["", "prefecture=hiroshima&sector=industry&sort=-name&council=c-1&role=member"]
)
def test_quick_select_writes_what_django_select_writes(db, filterset, language, query):
    factories.council(slug="c-1", name="<評議会> & co")
    with translation.override(language):
        form = filterset(QueryDict(query), queryset=filterset._meta.model.objects.all()).form
        selects = [field for field in form if isinstance(field.field.widget, QuickSelect)]
        assert selects
        for field in selects:
            quick = str(field)
            field.field.widget.__class__ = forms.Select
            assert quick == str(field)


def test_the_organisation_filters_use_the_quick_select(db):
    form = OrganisationFilter(
        QueryDict(""), queryset=OrganisationFilter._meta.model.objects.all()
    ).form
    quick = {name for name, field in form.fields.items() if isinstance(field.widget, QuickSelect)}
    assert {"sector", "category", "prefecture", "country", "council", "role"} <= quick
