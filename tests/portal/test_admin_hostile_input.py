"""Crafted admin URLs and form posts get the admin's normal answers, never a server error.

The fuzz test tries every changelist filter of every registered admin, signed
in as an editor. ADMIN_FUZZ_EXAMPLES scales the number of requests.
"""

import os
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.contrib.admin.filters import SimpleListFilter
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import admin_url

EXAMPLES = int(os.environ.get("ADMIN_FUZZ_EXAMPLES", "20"))
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.mark.parametrize(
    "query",
    [
        "fiscal_year=9999",
        "fiscal_year=0",
        "fiscal_year=-5",
        "fiscal_year=99999999999999999999",
        "fiscal_year=abc",
        "date__year=99999999999",
        "date__year=2024&date__month=13",
        "date__year=2024&date__month=2&date__day=30",
    ],
)
def test_bad_event_list_filters_give_no_server_error(registry, editor_client, query):
    response = editor_client.get(
        admin_url(admin_site_model("events.Event"), "changelist") + "?" + query
    )
    assert response.status_code in {200, 302, 400}


@pytest.mark.parametrize(
    "query",
    [
        "founded_on__year=99999999999",
        "founded_on__year=0",
        "founded_on__year=-1",
        "founded_on__year=2024&founded_on__month=99",
        "prefecture__exact=%00",
        "q=%00",
        "is_membership_based__exact=%00",
        "o=99",
        "p=99999999999999999999",
    ],
)
def test_bad_council_list_filters_give_no_server_error(registry, editor_client, query):
    response = editor_client.get(admin_url(Council, "changelist") + "?" + query)
    assert response.status_code in {200, 302, 400}


@pytest.mark.parametrize("term", ["\x00", "a\x00b", "%", "_"])
def test_autocomplete_with_odd_terms_gives_no_server_error(registry, editor_client, term):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": term,
            "app_label": "councils",
            "model_name": "membershipsnapshot",
            "field_name": "council",
        },
    )
    assert response.status_code in {200, 400}


@pytest.mark.parametrize("value", ["おかやま", "1.5", "-1", "99999999999999999999", "\x00"])
def test_a_wrong_type_for_a_related_record_shows_the_forms_error(registry, editor_client, value):
    url = admin_url(MembershipSnapshot, "add")
    data = {"council": value, "as_of": "2024-06-30", "total": "5", "source": "1"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["council"]
    assert not MembershipSnapshot.objects.filter(as_of="2024-06-30").exists()


def test_a_wrong_type_in_an_inline_shows_the_forms_error(registry, editor_client):
    council = Council.objects.order_by("pk").first()
    url = admin_url(Council, "change", council.pk)
    from tests.admin_helpers import form_data

    data = form_data(editor_client.get(url))
    prefix = next(key for key in data if key.endswith("-TOTAL_FORMS") and "snapshot" in key)
    prefix = prefix.removesuffix("-TOTAL_FORMS")
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data[f"{prefix}-{total}-as_of"] = "2030-01-01"
    data[f"{prefix}-{total}-total"] = "3"
    data[f"{prefix}-{total}-source"] = "いち"
    response = editor_client.post(url, data)
    assert response.status_code == 200


@pytest.mark.parametrize("year", ["9999", "0", "-5", "99999999999999999999"])
def test_a_fiscal_year_with_no_dates_lists_no_events(registry, editor_client, year):
    response = editor_client.get(
        admin_url(admin_site_model("events.Event"), "changelist"), {"fiscal_year": year}
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0


def test_a_filter_the_database_cannot_compare_gets_a_400_that_says_so(registry, editor_client):
    response = editor_client.get(
        admin_url(Council, "changelist"), {"founded_on__year": "99999999999"}
    )
    assert response.status_code == 400
    assert "この絞り込みは使えません" in response.content.decode()


def admin_site_model(label):
    from django.apps import apps

    return apps.get_model(label)


# --- The fuzz: every changelist filter of every admin -------------------------------

FRAGMENTS = [
    "\x00",
    "%00",
    "%",
    "%zz",
    "-1",
    "0",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2024-02-30",
    "' OR 1=1 --",
    "<fuzz-canary>",
    "令和6年",
    "x" * 2000,
    "True",
    "None",
]
hostile_value = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20), st.integers().map(str))


def filter_parameters(model):
    """The query parameters each filter of `model`'s changelist reads, and the general ones."""
    model_admin = admin.site._registry[model]
    names = {"q", "o", "p", "all", "_popup", "_to_field", "e"}
    for entry in model_admin.list_filter:
        if isinstance(entry, type) and issubclass(entry, SimpleListFilter):
            names.add(entry.parameter_name)
            continue
        path = entry if isinstance(entry, str) else entry[0]
        for suffix in ("", "__exact", "__id__exact", "__isnull", "__in", "__gte", "__lt"):
            names.add(path + suffix)
    if model_admin.date_hierarchy:
        for part in ("year", "month", "day"):
            names.add(f"{model_admin.date_hierarchy}__{part}")
    return sorted(names)


def as_wsgi(value):
    return value.encode("utf-8", "surrogateescape").decode("latin-1")


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_hostile_changelist_filters_as_an_editor(registry, editor_client, model):
    url = admin_url(model, "changelist")
    names = filter_parameters(model)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        pairs=st.lists(st.tuples(st.sampled_from(names), hostile_value, st.booleans()), max_size=4)
    )
    def check(pairs):
        query = "&".join(
            f"{name}={value}"
            if raw
            else f"{quote(name)}={quote(value, safe='', errors='surrogateescape')}"
            for name, value, raw in pairs
        )
        response = editor_client.get(url, QUERY_STRING=as_wsgi(query))
        assert response.status_code < 500, (url, query)
        if response.get("Content-Type", "").startswith("text/html"):
            assert "<fuzz-canary>" not in response.content.decode("utf-8", "replace"), query

    check()
