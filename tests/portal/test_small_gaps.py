"""The smaller gaps of the staff-side review: each one closed, each with its test."""

import re

import pytest
from django.conf import settings
from django.core.cache import cache

from members.models import Organisation
from tests.admin_helpers import admin_url
from tests.helpers import results

BAD_YES_NO = ["garbage", "yes", "2024", "%00"]


@pytest.mark.parametrize("path", ["/councils/export.csv", "/en/councils/export.json"])
@pytest.mark.parametrize("value", BAD_YES_NO)
def test_an_export_with_a_membership_filter_that_is_not_yes_or_no_is_refused(
    client, registry, path, value
):
    response = client.get(f"{path}?membership_based={value}")
    assert response.status_code == 400


@pytest.mark.parametrize("value", BAD_YES_NO)
def test_the_list_with_a_membership_filter_that_is_not_yes_or_no_shows_the_error_and_no_rows(
    client, registry, value
):
    # What every other invalid filter does on a list page.
    expected = client.get("/councils/?prefecture=garbage")
    response = client.get(f"/councils/?membership_based={value}")
    assert response.status_code == expected.status_code
    assert results(response) == results(expected) == ""


@pytest.mark.parametrize("value", ["true", "false", ""])
def test_yes_no_and_unset_membership_filters_still_work(client, registry, value):
    assert client.get(f"/councils/?membership_based={value}").status_code == 200


def test_the_admin_export_page_has_no_inline_script(editor_client, registry):
    page = editor_client.get(admin_url(Organisation, "export")).content.decode()
    assert "select-toggle" in page  # the "select all" box is there
    assert not re.search(r"\son[a-z]+=", page), "an inline event handler, blocked by the CSP"
    assert "admin/js/export_select_all.js" in page


def page_cache_keys():
    return [key for key in cache._cache if "page-cache:" in key and "version" not in key]


@pytest.mark.skipif(
    settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), reason="counts local entries"
)
def test_junk_query_parameters_never_grow_the_page_cache(client, registry):
    client.get("/councils/")
    before = len(page_cache_keys())
    for number in range(20):
        assert client.get(f"/councils/?junk{number}={number}").status_code == 200
        assert client.get(f"/councils/?prefecture=okayama&utm_source={number}").status_code == 200
    assert len(page_cache_keys()) == before


def test_known_filters_are_still_cached(client, registry):
    client.get("/councils/?prefecture=okayama")
    assert client.get("/councils/?prefecture=okayama")["X-Cache"] == "hit"
