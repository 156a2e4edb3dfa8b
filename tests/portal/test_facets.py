"""Filters that show their counts: each choice says how many records it would return
given the other active filters, 「未記載」 finds the records with no value, and the
summary says how many more records have no value for an active filter."""

import csv
import io
import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Council
from events.models import Event
from members.models import Organisation
from tests import factories
from tests.helpers import text_of
from tests.portal.test_query_counts import queries_for

OPTION = re.compile(r'<option value="([^"]*)"[^>]*>([^<]*)</option>')
SELECT = re.compile(r'<select name="([^"]+)"[^>]*>(.*?)</select>', re.S)
# 広島県　3件 in Japanese (a full-width space: 官（行政） keeps its own brackets),
# Hiroshima (3) in English.
COUNTED = re.compile(r"^(.*?)(?:\u3000(\d+)件| \((\d+)\))$")


def result_count(response):
    """The number of records the result summary reports (the page may come from the cache)."""
    match = re.search(r'class="result-count"[^>]*>\s*(\d+)', response.content.decode())
    return int(match.group(1))


def counted_choices(response):
    """{filter: {value: (label, count)}} of the filter form's selects that show counts."""
    facets = {}
    for name, options in SELECT.findall(response.content.decode()):
        for value, label in OPTION.findall(options):
            match = COUNTED.match(unescape(label))
            if value and match and name != "sort":
                count = int(match.group(2) or match.group(3))
                facets.setdefault(name, {})[value] = (match.group(1), count)
    return facets


# Each list, with filters already active, so that the counts are "given the others".
LISTS = [
    ("/councils/", {}),
    ("/councils/", {"kind": "council"}),
    ("/organisations/", {}),
    ("/organisations/", {"sector": "academia"}),
    ("/organisations/", {"council": "setouchi"}),
    ("/organisations/", {"role": "member", "q": "大学"}),
    ("/events/", {}),
    ("/events/", {"fiscal_year": "2024"}),
    ("/agreements/", {}),
    ("/programmes/", {}),
    ("/en/organisations/", {"country": "JP"}),
]


@pytest.mark.parametrize(("path", "active"), LISTS)
def test_every_choice_shows_the_number_of_rows_it_returns(client, registry, path, active):
    response = client.get(f"{path}?{urlencode(active)}")
    facets = counted_choices(response)
    assert facets, "no choice shows a count"
    for name, choices in facets.items():
        for value, (label, shown) in choices.items():
            # The list's JSON counts with the page's own FilterSet, at a fifth of the
            # page's cost; the page's summary is checked against it once, below.
            chosen = client.get(f"{path}export.json?{urlencode({**active, name: value})}")
            assert chosen.status_code == 200
            assert chosen.json()["count"] == shown, (name, value, label)
    name, choices = next(iter(facets.items()))
    value, (label, shown) = next(iter(choices.items()))
    chosen = client.get(f"{path}?{urlencode({**active, name: value})}")
    assert result_count(chosen) == shown, (name, value, label)


def test_the_facets_cover_every_choice_filter_of_each_list(client, registry):
    expected = {
        "/councils/": {"prefecture", "kind", "scope"},
        "/organisations/": {"sector", "category", "prefecture", "country", "council", "role"},
        "/events/": {"council", "kind"},
        "/agreements/": {"council", "country"},
        "/programmes/": {"owner", "kind"},
    }
    for path, names in expected.items():
        assert set(counted_choices(client.get(path))) == names, path


def test_a_choice_counts_within_the_other_filters_not_within_itself(client, registry):
    everyone = counted_choices(client.get("/organisations/"))
    academia = counted_choices(client.get("/organisations/?sector=academia"))
    # Choosing a sector leaves the sector choices as they were, and narrows the others.
    assert academia["sector"] == everyone["sector"]
    assert (
        sum(count for _, count in academia["prefecture"].values())
        == (everyone["sector"]["academia"][1])
    )


def test_the_prefecture_filter_offers_not_recorded_and_finds_thirteen(client, registry):
    response = client.get("/organisations/")
    assert counted_choices(response)["prefecture"]["none"] == ("未記載", 13)
    listed = client.get("/organisations/?prefecture=none")
    assert result_count(listed) == 13
    prefectures = re.findall(r'<td data-label="県">([^<]*)</td>', listed.content.decode())
    assert prefectures == ["—"] * 13
    english = client.get("/en/organisations/")
    assert counted_choices(english)["prefecture"]["none"] == ("Not recorded", 13)


def test_not_recorded_gives_the_same_rows_in_the_csv_and_the_json(client, registry):
    expected = set(Organisation.objects.filter(prefecture="").values_list("name", flat=True))
    body = b"".join(client.get("/organisations/export.csv?prefecture=none").streaming_content)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert {list(row.values())[1] for row in rows} == expected
    data = json.loads(client.get("/organisations/export.json?prefecture=none").content)
    records = data["results"] if isinstance(data, dict) else data
    assert len(records) == 13


def test_not_recorded_is_offered_only_where_a_value_is_missing(client, registry):
    facets = counted_choices(client.get("/organisations/"))
    # A sector is always recorded; a council is not a field of an organisation.
    assert "none" not in facets["sector"]
    assert "none" not in facets["council"]
    # An event held as 山口県's own initiative has no council: 協議会以外 finds those three.
    facets = counted_choices(client.get("/events/"))
    assert facets["council"]["none"] == ("協議会以外", 3)
    Event.objects.filter(council=None).update(council=Council.objects.get(slug="yamaguchi"))
    # (A query string not asked for before, so that the page is not the cached one.)
    assert "none" not in counted_choices(client.get("/events/?sort=date"))["council"]
    # ...until someone follows a link asking for them.
    assert counted_choices(client.get("/events/?council=none"))["council"]["none"][1] == 0


def test_the_summary_says_how_many_more_have_no_value_and_links_to_them(client, registry):
    response = client.get("/organisations/?prefecture=hiroshima&sort=name")
    assert "ほかに県が未記載の関係機関・団体が13件あります。" in text_of(response)
    link = re.search(r'<a href="([^"]+)">ほかに県が未記載', response.content.decode())
    followed = client.get("/organisations/" + unescape(link.group(1)))
    assert result_count(followed) == 13
    english = client.get("/en/organisations/?prefecture=hiroshima")
    assert "There are 13 more organisations with no prefecture recorded." in text_of(english)


def test_the_summary_counts_within_the_other_filters(client, registry):
    # The academic organisations with no prefecture, not all thirteen.
    unknown = Organisation.objects.filter(sector="academia", prefecture="").count()
    response = client.get("/organisations/?prefecture=hiroshima&sector=academia")
    if unknown:
        assert f"ほかに県が未記載の関係機関・団体が{unknown}件あります。" in text_of(response)
    else:
        assert "未記載の関係機関・団体" not in text_of(response)


def test_no_note_without_a_filter_or_when_not_recorded_is_chosen(client, registry):
    assert "ほかに" not in text_of(client.get("/organisations/"))
    assert "ほかに" not in text_of(client.get("/organisations/?prefecture=none"))


def test_invalid_filters_show_no_counts(client, registry):
    response = client.get("/organisations/?prefecture=atlantis")
    assert response.status_code == 200
    assert counted_choices(response) == {}


def test_the_event_city_filter_folds_width_and_case(client, registry):
    plain = client.get("/events/?city=台北")
    assert result_count(plain) > 0
    # Full-width spaces around the word, as a Japanese keyboard types them.
    spaced = client.get("/events/?city=%E3%80%80台北%E3%80%80")
    assert result_count(spaced) == result_count(plain)


# With filters active: the page's own queries, one grouped query per choice filter,
# and a look-up of each council named in the query string (for the rows and again
# for the counts).
FILTERED_PAGES = {
    "/organisations/?prefecture=hiroshima": 11,
    "/organisations/?prefecture=none&sector=industry": 11,
    "/organisations/?council=factory-council&role=member": 13,
    "/events/?council=factory-council&city=東広島": 9,
    "/councils/?prefecture=none": 7,
    "/agreements/?council=factory-council&country=JP": 10,
    "/programmes/?kind=subsidy": 7,
}


def test_facets_cost_the_same_queries_for_few_rows_and_many(client, db):
    def make(number):
        for index in range(number):
            prefecture = "hiroshima" if index % 2 else ""
            organisation = factories.organisation(prefecture=prefecture)
            factories.role(factories.shared_council(), organisation=organisation)
            factories.event(city="東広島市")
            factories.council(prefecture=prefecture)
            factories.party(factories.agreement(), 1)
            factories.programme()

    def counts():
        return {path: queries_for(client, path) for path in FILTERED_PAGES}

    # Every page is measured on the same records, made once for all of them.
    make(2)
    assert counts() == FILTERED_PAGES
    make(30)
    assert counts() == FILTERED_PAGES
    for path in FILTERED_PAGES:
        queries_for(client, path)
        # Asked for again (past the page cache), the list comes whole from the content cache.
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{path}&utm_source=again")
        assert len(queries) == 0, path


def test_the_summary_of_the_filters_in_force_names_the_plain_choice(client, registry):
    html = client.get("/organisations/?sector=government").content.decode()
    summary = re.search(r'<span class="filters__current">(.*?)</summary>', html, re.S).group(1)
    assert "区分（産学官）：官（行政）<" in summary
    # The count follows a full-width space: 「官（行政）（3件）」 would nest the brackets.
    assert re.search(r'<option value="government" selected>官（行政）\u3000\d+件</option>', html)


@pytest.mark.parametrize("path", ["/councils/", "/organisations/", "/events/", "/agreements/"])
def test_no_choice_puts_its_count_in_a_second_pair_of_brackets(client, registry, path):
    labels = [unescape(label) for _, label in OPTION.findall(client.get(path).content.decode())]
    counted = [label for label in labels if COUNTED.match(label)]
    assert counted
    assert [label for label in labels if re.search(r"）（\d+件）|（\d+件）$", label)] == []


def test_events_of_no_council_are_offered_as_not_a_councils_in_both_languages(client, registry):
    response = client.get("/events/?council=none")
    summary = re.search(
        r'<span class="filters__current">(.*?)</summary>', response.content.decode(), re.S
    )
    assert "協議会：協議会以外" in summary.group(1)
    assert counted_choices(response)["council"]["none"] == ("協議会以外", 3)
    assert "未記載" not in text_of(response)
    english = client.get("/en/events/?council=none")
    assert counted_choices(english)["council"]["none"] == ("Not a council's", 3)
    # The parameter is the same one: links and bookmarks keep working.
    assert result_count(english) == 3


def test_events_held_by_no_council_are_not_called_missing_under_a_council_filter(client, registry):
    """山口県's own events have no council: that is a fact, not a gap, so a list filtered
    by council does not tell of "more with no council", though 協議会以外 still finds them."""
    response = client.get("/events/?council=okayama")
    assert "未記載の開催実績" not in text_of(response)
    assert counted_choices(response)["council"]["none"][1] == 3
