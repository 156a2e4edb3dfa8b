"""Row links and choice labels on list pages, built once and reused."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.links import pk_url
from core.templatetags.registry import display
from tests import factories


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize(
    "name", ["members:organisation-detail", "members:person-detail", "events:event-detail"]
)
def test_pk_url_is_what_reverse_gives(language, name):
    with translation.override(language):
        for pk in [1, 10, 12345]:
            assert pk_url(name, pk) == reverse(name, kwargs={"pk": pk})


@pytest.mark.parametrize("language", ["ja", "en"])
def test_display_gives_the_label_get_display_gives(db, language):
    organisation = factories.organisation(prefecture="hiroshima", country="TW")
    role = factories.role(factories.council(), organisation=organisation, kind="chair")
    blank = factories.organisation(prefecture="")
    with translation.override(language):
        for field in ["sector", "category", "prefecture", "country"]:
            assert display(organisation, field) == getattr(organisation, f"get_{field}_display")()
        assert display(role, "kind") == role.get_kind_display()
        assert display(blank, "prefecture") == ""
