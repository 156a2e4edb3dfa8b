"""How many queries each public page and export makes on the registry itself.

The factories' rows leave out what the document's records carry (several sources,
officers, parents), so counts pinned on factory data alone can miss a query per row;
these are pinned on the real registry. A count that grows means a query in a loop.
Every HTML page makes one query for its footer: the documents the registry cites.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Agreement, Event, Programme
from members.models import Organisation, Person

# (page, membership CSV, membership JSON). A list's prefetches run only when it has
# rows: a council's events bring their kinds, its programmes their amounts, and an
# export's rows the sources they cite; Higashihiroshima has no membership counts to
# page through.
COUNCIL_PAGES = {
    "chugoku": (9, 3, 4),
    "okayama": (11, 3, 4),
    "setouchi": (9, 3, 4),
    "yamaguchi": (11, 3, 4),
    "higashihiroshima": (11, 2, 2),
}

# A list page counts the choices of each of its choice filters: one grouped query
# per filter (3 councils, 6 organisations, 2 events, 2 agreements, 2 programmes).
PAGES = {
    "/": 5,
    "/councils/": 7,
    "/organisations/": 11,
    "/events/": 7,
    "/agreements/": 8,
    "/programmes/": 7,
    "/search/?q=半導体": 7,
    "/councils/export.csv": 2,
    "/councils/export.json": 3,
    "/organisations/export.csv": 2,
    "/organisations/export.json": 3,
    "/events/export.csv": 3,
    "/events/export.json": 4,
    "/events/calendar.ics": 2,
    "/agreements/export.csv": 3,
    "/agreements/export.json": 4,
    "/programmes/export.csv": 3,
    "/programmes/export.json": 4,
}


def queries_for(client, path):
    # Counted as a first visit: content another page cached (the footer's sources) is not reused.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, path
    assert response.get("X-Cache") != "hit", path
    return len(queries)


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize(("path", "expected"), PAGES.items(), ids=list(PAGES))
def test_each_page_makes_a_fixed_number_of_queries_on_the_registry(
    client, registry, language, path, expected
):
    assert queries_for(client, language + path) == expected


@pytest.mark.parametrize(("slug", "expected"), COUNCIL_PAGES.items())
def test_each_council_page_makes_a_fixed_number_of_queries(client, registry, slug, expected):
    paths = [f"/councils/{slug}/", *(f"/councils/{slug}/membership.{x}" for x in ("csv", "json"))]
    assert tuple(queries_for(client, path) for path in paths) == expected


def test_every_organisation_page_makes_the_same_queries(client, registry):
    # Nine lists (units, people, roles, ...), the amounts of the programmes it owns, the footer.
    counts = {}
    expected = {}
    for organisation in Organisation.objects.all():
        counts[organisation.name] = queries_for(client, f"/organisations/{organisation.pk}/")
        owns = Programme.objects.filter(owner=organisation).exists()
        expected[organisation.name] = 13 if owns else 12
    assert len(counts) == 24
    assert counts == expected


DETAIL_PAGES = [
    (Person, "/people/{pk}/", 4),
    (Event, "/events/{pk}/", 4),
    (Agreement, "/agreements/{pk}/", 5),
    (Programme, "/programmes/{pk}/", 4),
]


@pytest.mark.parametrize(
    ("model", "path", "expected"), DETAIL_PAGES, ids=[m.__name__ for m, *_ in DETAIL_PAGES]
)
def test_every_record_page_of_a_kind_makes_the_same_queries(
    client, registry, model, path, expected
):
    counts = {
        record.name: queries_for(client, path.format(pk=record.pk))
        for record in model.objects.all()
    }
    assert len(counts) == model.objects.count() > 0
    assert counts == dict.fromkeys(counts, expected)
