"""Bad filter input of any kind gets the list with a clear message, never a server error."""

import os

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import results, text_of

LISTS = {
    "councils:list": ["prefecture", "kind", "scope", "founded_year", "membership_based", "sort"],
    "members:organisation-list": [
        "q",
        "sector",
        "category",
        "prefecture",
        "country",
        "council",
        "role",
        "sort",
    ],
    "events:event-list": [
        "council",
        "kind",
        "date_after",
        "date_before",
        "fiscal_year",
        "city",
        "sort",
    ],
    "events:agreement-list": ["council", "country", "year", "sort"],
    "events:programme-list": ["owner", "fiscal_year", "kind", "sort"],
}

BAD_INPUTS = [
    ("councils:list", "founded_year=abc"),
    ("councils:list", "founded_year=20２3x"),
    ("councils:list", "founded_year=99999999999999999999"),
    ("councils:list", "prefecture=atlantis"),
    ("councils:list", "sort=password"),
    ("members:organisation-list", "q=" + "半" * 5000),
    ("members:organisation-list", "sector=space"),
    ("members:organisation-list", "council=nowhere"),
    ("members:organisation-list", "country=XX"),
    ("members:organisation-list", "role=emperor"),
    ("members:organisation-list", "q=%00"),
    ("events:event-list", "date_after=2024-02-30"),
    ("events:event-list", "date_after=yesterday"),
    ("events:event-list", "date_after=2024-03-01&date_before=2024-01-01"),
    ("events:event-list", "fiscal_year=abc"),
    ("events:event-list", "fiscal_year=1800"),
    ("events:event-list", "fiscal_year=NaN"),
    ("events:event-list", "fiscal_year=1e400"),
    ("events:event-list", "city=" + "x" * 1000),
    ("events:event-list", "council=%00"),
    ("events:agreement-list", "year=two-thousand"),
    ("events:agreement-list", "country=JP%00"),
    ("events:programme-list", "owner=abc"),
    ("events:programme-list", "owner=99999"),
    ("events:programme-list", "owner=-1"),
    ("events:programme-list", "kind=" + "k" * 10000),
]


@pytest.mark.parametrize(("name", "query"), BAD_INPUTS)
def test_invalid_filter_shows_the_list_with_the_error_and_no_rows(client, registry, name, query):
    response = client.get(reverse(name) + "?" + query)
    assert response.status_code == 200
    page = text_of(response)
    assert "絞り込みの条件に正しくない値があるため" in page
    assert "0件" in page
    assert results(response) == ""


def test_an_inverted_date_range_says_so(client, registry):
    response = client.get(
        reverse("events:event-list") + "?date_after=2024-03-01&date_before=2024-01-01"
    )
    assert "期間の終了日が開始日より前になっています" in text_of(response)


def test_an_unknown_choice_names_the_field_in_english(client, registry):
    response = client.get("/en" + reverse("members:organisation-list") + "?sector=space")
    page = text_of(response)
    assert "Sector : Select a valid choice." in page


@pytest.mark.parametrize("name", list(LISTS))
@pytest.mark.parametrize(
    ("number", "status"), [("0", 200), ("-1", 200), ("abc", 200), ("", 200), ("99999", 404)]
)
def test_odd_page_numbers_show_the_first_page_or_a_404(client, registry, name, number, status):
    # Every list of the registry fits on one page, so 99999 is past the end.
    response = client.get(reverse(name), {"page": number})
    assert response.status_code == status
    if status == 200:
        assert 'id="results-caption"' in response.content.decode()


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(sorted(LISTS)),
    data=st.data(),
)
def test_any_query_string_gets_a_page_not_a_server_error(client, registry, name, data):
    fields = LISTS[name] + ["page"]
    params = data.draw(
        st.dictionaries(
            st.sampled_from(fields),
            st.one_of(
                st.text(max_size=300),
                st.integers(min_value=-(10**30), max_value=10**30).map(str),
                st.dates().map(str),
            ),
            max_size=4,
        )
    )
    response = client.get(reverse(name), params)
    assert response.status_code in (200, 404)


def test_search_refuses_an_absurdly_long_query_with_a_message(client, registry):
    response = client.get(reverse("search"), {"q": "半" * 1000})
    assert response.status_code == 200
    # The error names the box as its label does, and counts as Japanese does.
    assert "検索する語句（日本語または英語）：200文字以内で入力してください（現在1000文字）。" in (
        text_of(response).replace(" ：", "：")
    )
    assert 'id="results-1"' not in response.content.decode()  # no search was run


def test_an_absurdly_long_value_is_not_echoed_in_full(client, registry):
    response = client.get(reverse("events:programme-list"), {"kind": "k" * 10000})
    assert response.status_code == 200
    html = response.content.decode()
    errors = html[
        html.index('class="form-errors"') : html.index("</div>", html.index("form-errors"))
    ]
    assert "k" * 150 in errors
    assert "k" * 300 not in errors
