"""Every filtered list, taken away as CSV and JSON: the same rows as its selector, in order.

The page and the exports call the same selector, so comparing an export with
the selector compares it with the page.
"""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core.columns import Column, Export
from core.columns import field as field_column
from core.exports import CsvExportView
from core.models import Source
from councils.models import Council, MembershipSnapshot
from councils.selectors import council_list, membership_history
from events.models import Agreement, AgreementParty, Event
from events.selectors import agreement_list, event_list, programme_list
from members.models import Organisation
from members.selectors import organisation_list
from tests import factories


def read_csv(response):
    """The rows of a CSV export, header first, after checking it is made for Excel."""
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert body.endswith("\r\n")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"), newline="")))


def read_json_pages(client, url):
    """Every record of a JSON export, following its `next` links."""
    records = []
    while url:
        response = client.get(url)
        assert response.status_code == 200
        page = response.json()
        records += page["results"]
        url = page["next"]
    return records


def membership_of(slug):
    def select(*, filters):
        return membership_history(council=Council.objects.get(slug=slug), filters=filters)

    return select


def add_snapshot():
    """A later count for Yamaguchi (test data only): the document gives each council one."""
    MembershipSnapshot.objects.create(
        council=Council.objects.get(slug="yamaguchi"),
        as_of=datetime.date(2025, 3, 31),
        total=120,
        companies=80,
        source=Source.objects.get(locator="スライド5"),
    )


def add_agreements():
    """Three more agreements with two parties each, signed in 2025 (test data only)."""
    source = Source.objects.get(locator="スライド6")
    first, second = Organisation.objects.order_by("pk")[:2]
    for number in range(3):
        agreement = Agreement.objects.create(
            name=f"Test agreement {number}", signed_on=datetime.date(2025, 4, 1), source=source
        )
        for order, organisation in enumerate((first, second), start=1):
            AgreementParty.objects.create(
                agreement=agreement,
                order=order,
                organisation=organisation,
                country="JP",
                source=source,
            )


@dataclass
class Listing:
    name: str
    path: str  # without the extension
    selector: object
    narrowing: str  # a filter that keeps some rows but not all
    invalid: str
    one_row: tuple  # (path, query) selecting one row
    many_rows: tuple  # (path, query) selecting several
    setup: object = field(default=None)


LISTINGS = [
    Listing(
        "councils",
        "/councils/export",
        council_list,
        narrowing="kind=consortium&sort=-name",
        invalid="founded_year=abc",
        one_row=("/councils/export", "prefecture=okayama"),
        many_rows=("/councils/export", "membership_based=true"),
    ),
    Listing(
        "membership",
        "/councils/yamaguchi/membership",
        membership_of("yamaguchi"),
        narrowing="sort=-as_of",
        invalid="sort=size",
        one_row=("/councils/okayama/membership", ""),
        many_rows=("/councils/yamaguchi/membership", ""),
        setup=add_snapshot,
    ),
    Listing(
        "organisations",
        "/organisations/export",
        organisation_list,
        narrowing="sector=industry&sort=-name",
        invalid="sector=mining",
        one_row=("/organisations/export", "q=トクヤマ"),
        many_rows=("/organisations/export", "q=大学"),
    ),
    Listing(
        "events",
        "/events/export",
        event_list,
        narrowing="council=okayama",
        invalid="fiscal_year=abc",
        one_row=("/events/export", "date_before=2023-08-08"),
        many_rows=("/events/export", "date_before=2030-01-01"),
    ),
    Listing(
        "agreements",
        "/agreements/export",
        agreement_list,
        narrowing="year=2025&sort=-name",
        invalid="year=abc",
        one_row=("/agreements/export", "year=2024"),
        many_rows=("/agreements/export", "year=2025"),
        setup=add_agreements,
    ),
    Listing(
        "programmes",
        "/programmes/export",
        programme_list,
        narrowing="fiscal_year=2024&sort=-name",
        invalid="fiscal_year=1800",
        one_row=("/programmes/export", "kind=subsidy"),
        many_rows=("/programmes/export", "fiscal_year=2024"),
    ),
]

by_name = pytest.mark.parametrize("listing", LISTINGS, ids=lambda listing: listing.name)


def prepare(listing):
    """The registry, plus whatever rows the listing needs to have more than one."""
    if listing.setup:
        listing.setup()


def selected_ids(listing, query):
    return [row.pk for row in listing.selector(filters=QueryDict(query))]


@by_name
def test_csv_with_a_filter_has_exactly_the_selectors_rows_in_order(client, registry, listing):
    prepare(listing)
    rows = read_csv(client.get(f"{listing.path}.csv?{listing.narrowing}"))
    expected = selected_ids(listing, listing.narrowing)
    assert [int(row[0]) for row in rows[1:]] == expected
    # The filter did narrow, so the test shows the filter was applied.
    assert len(expected) > 1
    assert len(expected) < len(selected_ids(listing, "")) or listing.name == "membership"


@by_name
def test_every_row_has_the_same_number_of_cells_as_the_header(client, registry, listing):
    prepare(listing)
    header, *rows = read_csv(client.get(f"{listing.path}.csv"))
    assert rows
    assert all(len(row) == len(header) for row in rows)


@by_name
def test_json_and_csv_of_the_same_filter_hold_the_same_records(client, registry, listing):
    prepare(listing)
    rows = read_csv(client.get(f"{listing.path}.csv?{listing.narrowing}"))
    records = read_json_pages(client, f"{listing.path}.json?{listing.narrowing}")
    assert [record["id"] for record in records] == [int(row[0]) for row in rows[1:]]


@by_name
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_csv_links_each_row_to_its_own_page_as_the_json_does(client, registry, listing, prefix):
    prepare(listing)
    _header, *rows = read_csv(client.get(f"{prefix}{listing.path}.csv"))
    records = read_json_pages(client, f"{prefix}{listing.path}.json")
    if "url" not in records[0]:
        pytest.skip("this list has no page column")
    position = list(records[0]).index("url")
    assert rows
    assert [row[position] for row in rows] == [record["url"] for record in records]
    assert records[0]["url"].startswith(f"http://testserver{prefix}/")


SOURCE_KEYS = [
    "source_document",
    "source_document_en",
    "source_publisher",
    "source_published_on",
    "source_checked_on",
    "source_url",
    "source_locator",
    "source_heading",
    "source_heading_en",
    "source_page",
]


@by_name
def test_each_csv_row_cites_the_source_its_json_record_cites(client, registry, listing):
    prepare(listing)
    _header, *rows = read_csv(client.get(f"{listing.path}.csv"))
    records = read_json_pages(client, f"{listing.path}.json")
    keys = list(records[0])
    assert rows
    for row, record in zip(rows, records, strict=True):
        cited = {key: row[keys.index(key)] for key in SOURCE_KEYS}
        assert cited == {key: "" if record[key] is None else record[key] for key in SOURCE_KEYS}


@by_name
def test_json_records_carry_their_as_of_date_and_source(client, registry, listing):
    prepare(listing)
    records = read_json_pages(client, f"{listing.path}.json")
    for record in records:
        assert "as_of" in record
        assert record["source_document"] == "中国地域内の動き"
        assert record["source_locator"].startswith("スライド")
        assert record["source_heading"]
        # The source's own page on this site: for a slide, its printed text.
        assert re.fullmatch(r"http://testserver/sources/\d+/", record["source_page"])
        assert "source_lines" not in record


@by_name
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_an_invalid_filter_gives_400_naming_the_parameter(client, registry, listing, extension):
    prepare(listing)
    response = client.get(f"{listing.path}.{extension}?{listing.invalid}")
    assert response.status_code == 400
    parameter = listing.invalid.split("=")[0]
    if extension == "json":
        assert parameter in response.json()["errors"]
    else:
        # The field's label for a reader, and the parameter itself in brackets.
        assert f"（{parameter}）：" in response.content.decode()


@pytest.mark.parametrize(
    ("prefix", "message"),
    [("", "絞り込み条件が正しくありません。"), ("/en", "These filters are not valid.")],
)
def test_a_json_400_says_in_the_pages_language_that_the_filters_are_not_valid(
    client, registry, prefix, message
):
    response = client.get(f"{prefix}/organisations/export.json?sector=space")
    assert response.status_code == 400
    assert response.json()["error"] == message
    # Readable as it is, as every JSON the portal writes: no \u escapes.
    assert message in response.content.decode()


@by_name
@pytest.mark.parametrize("extension", ["csv", "json"])
def test_the_query_count_of_an_export_does_not_grow_with_the_rows(
    client, registry, django_assert_num_queries, listing, extension
):
    prepare(listing)
    (one_path, one_query), (many_path, many_query) = listing.one_row, listing.many_rows

    def export(path, query):
        response = client.get(f"{path}.{extension}?{query}")
        if extension == "csv":
            return len(read_csv(response)) - 1
        return len(response.json()["results"])

    with CaptureQueriesContext(connection) as one:
        assert export(one_path, one_query) == 1
    with django_assert_num_queries(len(one)):
        assert export(many_path, many_query) > 1


def add_universities(count):
    """`count` universities (試験大学000, ...) citing slide 1."""
    source = Source.objects.get(locator="スライド1")
    Organisation.objects.bulk_create(
        Organisation(
            name=f"試験大学{number:03}", sector="academia", category="university", source=source
        )
        for number in range(count)
    )


def test_the_csv_has_every_matching_row_not_one_page(client, registry, monkeypatch):
    # Chunks of 50 rows instead of thousands, so that 120 rows take several.
    monkeypatch.setattr("core.exports.CHUNK_SIZE", 50)
    add_universities(120)
    expected = selected_ids(LISTINGS[2], "category=university")
    assert len(expected) > 100
    response = client.get("/organisations/export.csv?category=university")
    chunks = list(response.streaming_content)
    # Written a chunk at a time, not built whole in memory: the header, then three chunks.
    assert len(chunks) == 4
    rows = list(csv.reader(io.StringIO(b"".join(chunks).decode()[1:], newline="")))
    assert [int(row[0]) for row in rows[1:]] == expected


def test_a_source_cited_in_every_chunk_is_read_once_per_export(client, registry, monkeypatch):
    monkeypatch.setattr("core.exports.CHUNK_SIZE", 50)
    add_universities(120)
    response = client.get("/organisations/export.csv?category=university")
    with CaptureQueriesContext(connection) as queries:
        rows = read_csv(response)

    source_reads = [query for query in queries if '"core_source"' in query["sql"].split("WHERE")[0]]
    assert len(source_reads) == 1, [query["sql"] for query in queries]
    header = rows[0]
    added = [row for row in rows[1:] if row[header.index("名称")].startswith("試験大学")]
    assert len(added) == 120
    assert {row[header.index("該当箇所")] for row in added} == {"スライド1"}


def test_json_is_paginated_by_50_with_links_that_keep_the_filters(client, registry):
    add_universities(60)
    first = client.get(
        "/organisations/export.json?utm_source=mail&category=university&sort=-name"
    ).json()
    assert first["count"] == len(selected_ids(LISTINGS[2], "category=university"))
    assert len(first["results"]) == 50
    assert first["previous"] is None
    assert first["next"].startswith("http://testserver/organisations/export.json?")
    # The filters and the sort, as the list page's own links keep them; not one
    # visitor's tracking parameter.
    assert first["next"].endswith("?category=university&sort=-name&page=2")
    second = client.get(first["next"]).json()
    assert second["previous"].endswith("?category=university&sort=-name&page=1")
    assert second["next"] is None
    assert len(second["results"]) == first["count"] - 50


@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5"])
def test_a_page_that_is_no_number_gives_the_first_page_with_a_notice_as_the_list_page_does(
    client, registry, page
):
    first = client.get("/events/export.json").json()
    response = client.get(f"/events/export.json?page={page}")
    assert response.status_code == 200
    body = response.json()
    assert body["results"] == first["results"]
    assert "最初のページを表示しています" in body["notice"]
    assert "notice" not in first
    html = client.get(f"/events/?page={page}")
    assert html.status_code == 200
    assert "最初のページを表示しています" in html.content.decode()


@pytest.mark.parametrize("path", ["/events/", "/events/export.json", "/en/events/export.json"])
def test_a_page_past_the_end_is_404_in_every_format(client, registry, path):
    response = client.get(f"{path}?page=99")
    assert response.status_code == 404
    if path.endswith(".json"):
        assert "page" in response.json()["errors"]


@pytest.mark.parametrize(
    "query",
    [
        "date_after=2024-03-01&date_before=2024-01-01",
        "date_after=2024-02-30",
        "council=nowhere",
        "fiscal_year=99999999999999999999",
        "city=" + "x" * 51,
        "city=%00",
        "sort=price",
    ],
)
@pytest.mark.parametrize("extension", ["csv", "json", "ics"])
def test_bad_event_filters_get_400_in_every_format(client, registry, query, extension):
    path = "/events/calendar.ics" if extension == "ics" else f"/events/export.{extension}"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    assert "Content-Disposition" not in response


def test_the_csv_file_is_named_after_the_list_and_the_day(client, registry):
    response = client.get("/organisations/export.csv?sector=industry")
    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="organisations-{today}.csv"'
    membership = client.get("/councils/okayama/membership.csv")
    assert membership["Content-Disposition"] == (
        f'attachment; filename="membership-okayama-{today}.csv"'
    )


def test_membership_of_an_unknown_council_is_404(client, registry):
    assert client.get("/councils/nowhere/membership.csv").status_code == 404
    assert client.get("/councils/nowhere/membership.json").status_code == 404


@pytest.mark.parametrize(
    "name", ["=1+2", "+81 82", "-1", "@SUM(A1)", "＝1+2", "＋1", "－1", "＠A1", "\tx", "\rx", "\nx"]
)
def test_a_name_that_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(
    client, registry, name
):
    Organisation.objects.create(
        name=name,
        sector="industry",
        category="company",
        source=Source.objects.get(locator="スライド1"),
    )
    rows = read_csv(client.get("/organisations/export.csv"))
    names = [row[1] for row in rows[1:]]
    assert "'" + name in names
    assert name not in names


def test_numbers_stay_numbers_and_ordinary_text_is_untouched(client, registry):
    header, *rows = read_csv(client.get("/en/events/export.csv?council=higashihiroshima"))
    forum = dict(zip(header, rows[0], strict=True))
    assert forum["People attending"] == "95"
    assert forum["Organisations attending"] == "42"
    assert forum["Date"] == "2023-08-10"
    assert forum["As of"] == "2024-03-26"
    assert forum["Start time"] == "14:00"
    assert forum["Title"] == "第2回ひがしひろしま半導体フォーラム"


@pytest.mark.parametrize(("prefix", "yes", "no"), [("", "はい", "いいえ"), ("/en", "Yes", "No")])
def test_yes_or_no_is_a_word_in_the_pages_language(client, registry, prefix, yes, no):
    # SQLite returns a yes-or-no field as 1 or 0: the CSV must still write a word.
    header, *rows = read_csv(client.get(f"{prefix}/councils/export.csv"))
    page = header.index("ページ" if not prefix else "Page")
    membership_based = header.index("会員制" if not prefix else "Membership-based")
    by_slug = {row[page].rstrip("/").rsplit("/", 1)[-1]: row[membership_based] for row in rows}
    assert by_slug["okayama"] == yes
    assert by_slug["higashihiroshima"] == no


def test_an_export_whose_columns_cite_no_source_writes_each_row_alike(rf, registry):
    # Every list's export has a source's columns; one without them takes the plain path.
    export = Export("organisations", [Column("id", "ID"), field_column(Organisation, "name")])
    view = CsvExportView.as_view(selector=organisation_list, export=export)
    add_universities(3)
    factories.organisation(name=FORMULA)
    header, *rows = read_csv(view(rf.get("/organisations/export.csv")))
    assert header == ["ID", "名称"]
    expected = organisation_list(filters=QueryDict()).values_list("pk", "name")
    assert rows == [[str(pk), "'" + name if name == FORMULA else name] for pk, name in expected]


def test_the_header_row_is_in_the_pages_language(client, registry):
    japanese = read_csv(client.get("/events/export.csv"))[0]
    english = read_csv(client.get("/en/events/export.csv"))[0]
    assert english[:5] == ["ID", "Council", "Kinds", "Initiative of", "Title"]
    assert japanese[:5] == ["ID", "協議会", "種別", "取組の主体", "名称"]
    # Labels of choices follow the page too.
    assert read_csv(client.get("/en/events/export.csv?kind=forum"))[1][2] == "Forum"
    assert read_csv(client.get("/events/export.csv?kind=forum"))[1][2] == "フォーラム"


def test_every_row_of_counts_carries_its_as_of_date(client, registry):
    header, *rows = read_csv(client.get("/en/councils/export.csv?membership_based=true"))
    assert len(rows) == 4
    for row in (dict(zip(header, cells, strict=True)) for cells in rows):
        assert row["Members"].isdigit()
        assert datetime.date.fromisoformat(row["Members as of"])
        assert row["Source heading"]


def test_json_has_iso_dates_integer_yen_and_stable_english_keys(client, registry):
    okayama = Organisation.objects.get(name="岡山県").pk
    english = read_json_pages(client, f"/en/programmes/export.json?owner={okayama}")
    japanese = read_json_pages(client, f"/programmes/export.json?owner={okayama}")
    assert len(english) == len(japanese) > 0
    assert [sorted(record) for record in english] == [sorted(record) for record in japanese]
    amounts = english[0]["amounts"]
    assert [amount["amount_yen"] for amount in amounts] == [2_000_000, 10_000_000]
    assert all(isinstance(amount["amount_yen"], int) for amount in amounts)
    events = read_json_pages(client, "/events/export.json?council=higashihiroshima")
    assert events[0]["date"] == "2023-08-10"
    assert events[0]["as_of"] == "2024-03-26"
    forum = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    assert events[0]["url"] == f"http://testserver{forum.get_absolute_url()}"
    assert "amounts_yen" not in english[0]


def test_the_programme_csv_writes_amounts_as_printed_and_gives_the_exact_figures(client, registry):
    okayama = Organisation.objects.get(name="岡山県").pk
    header, *rows = read_csv(client.get(f"/programmes/export.csv?owner={okayama}"))
    amounts = next(
        row for row in (dict(zip(header, row, strict=True)) for row in rows) if row["金額"]
    )
    assert amounts["金額"] == (
        "グリーン補助金 試行研究：200万円（上限）／グリーン補助金 本格研究：1,000万円（上限）"
    )
    assert amounts["金額（円）"] == "2000000; 10000000"


def test_json_is_utf8_without_escapes(client, registry):
    response = client.get("/councils/export.json?prefecture=okayama")
    assert response["Content-Type"] == "application/json"
    assert "おかやま半導体関連コンソーシアム" in response.content.decode("utf-8")
    assert json.loads(response.content)["count"] == 1


def test_the_csv_keeps_the_pages_language_however_late_it_is_written(client, registry):
    response = client.get("/en/events/export.csv?kind=forum")
    # A server may write the body after another request switched the language.
    with translation.override("ja"):
        body = b"".join(response.streaming_content).decode()
    assert body.startswith("\ufeffID,Council,Kinds,Initiative of,Title")
    assert ",Forum," in body


FORMULA = '=HYPERLINK("http://example.com","x")'


def cells_of(response):
    return [cell for row in read_csv(response)[1:] for cell in row]


# Each CSV export, and how to add a record to it whose name (or printed count) is `text`.
RECORD_NAMED = [
    ("/councils/export.csv", lambda text: factories.council(name=text)),
    (
        "/councils/okayama/membership.csv",
        lambda text: factories.snapshot(
            Council.objects.get(slug="okayama"), datetime.date(2025, 3, 31), printed=text
        ),
    ),
    ("/organisations/export.csv", lambda text: factories.organisation(name=text)),
    ("/events/export.csv", lambda text: factories.event(name=text)),
    ("/agreements/export.csv", lambda text: factories.agreement(name=text)),
    ("/programmes/export.csv", lambda text: factories.programme(name=text)),
]
EXPORT_IDS = ["councils", "membership", "organisations", "events", "agreements", "programmes"]


@pytest.mark.parametrize(("path", "make"), RECORD_NAMED, ids=EXPORT_IDS)
def test_every_csv_export_writes_a_formula_as_text(client, registry, path, make):
    make(FORMULA)
    cells = cells_of(client.get(path))
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


# Cells a CSV must quote: one with a comma, quotes and a line break, one with
# only a line break.
AWKWARD = '一行目、"引用", 続き\r\n二行目'
TWO_LINES = "一行目\n二行目"


@pytest.mark.parametrize(("path", "make"), RECORD_NAMED, ids=EXPORT_IDS)
def test_quoted_cells_around_the_source_columns_read_back_as_written(client, registry, path, make):
    # The source's columns are written once per source and joined to each line
    # (core.exports.csv_chunk_writer): the cells before and after them, and theirs,
    # must still be quoted as a spreadsheet reads them.
    record = make(AWKWARD)
    record.source.title = TWO_LINES
    record.source.save()
    rows = read_csv(client.get(path))
    header = rows[0]
    assert {len(row) for row in rows} == {len(header)}
    [row] = [row for row in rows[1:] if AWKWARD in row[: header.index("出典の見出し")]]
    assert row[header.index("出典の見出し")] == TWO_LINES
    assert row[header.index("該当箇所")] == record.source.locator


def test_a_code_outside_the_choices_is_written_as_text_too(client, registry):
    # A code saved around validation (a changed list of choices, a shell) is written
    # as it is, and must not run as a formula either.
    organisation = factories.organisation(name="選択肢外の団体")
    Organisation.objects.filter(pk=organisation.pk).update(sector="=cmd|' /C calc'!A0")
    cells = cells_of(client.get("/organisations/export.csv?q=選択肢外"))
    assert "'=cmd|' /C calc'!A0" in cells
    assert "=cmd|' /C calc'!A0" not in cells


def test_a_one_day_date_range_selects_that_days_events(client, registry):
    query = "date_after=2024-02-23&date_before=2024-02-23"
    names = [record["name"] for record in read_json_pages(client, f"/events/export.json?{query}")]
    assert sorted(names) == ["MOU締結式", "商談会"]
    rows = read_csv(client.get(f"/events/export.csv?{query}"))
    assert len(rows) == 3


def test_an_inverted_date_range_is_named_by_both_its_parameters(client, registry):
    query = "date_after=2024-03-01&date_before=2024-01-01"
    errors = client.get(f"/events/export.json?{query}").json()["errors"]
    assert list(errors) == ["date_after, date_before"]
    assert errors["date_after, date_before"] != []
    text = client.get(f"/events/export.csv?{query}").content.decode()
    assert "開催日（から）、開催日（まで）（date_after, date_before）：" in text


def test_a_400_says_what_is_wrong_with_the_value(client, registry):
    errors = client.get("/organisations/export.json?sector=mining").json()["errors"]
    assert "mining" in " ".join(errors["sector"])
    text = client.get("/organisations/export.csv?sector=mining").content.decode()
    assert "mining" in text.split("（sector）：", 1)[1]


def test_a_400_to_a_csv_is_plain_text_listing_every_message_of_each_parameter(client, registry):
    query = "city=%00" + "x" * 60
    english = client.get(f"/en/events/export.csv?{query}")
    assert english.status_code == 400
    assert english["Content-Type"] == "text/plain; charset=utf-8"
    assert english.content.decode() == (
        "These filters are not valid:\n"
        "City (city): Ensure this value has at most 50 characters (it has 61). "
        "Null characters are not allowed.\n"
    )
    japanese = client.get(f"/events/export.csv?{query}").content.decode()
    assert japanese.startswith("次の絞り込み条件が正しくありません：\n市町村（city）：")


def test_a_blank_choice_is_an_empty_cell(client, registry):
    header, *rows = read_csv(client.get("/en/councils/export.csv"))
    by_slug = {row[header.index("Slug")]: dict(zip(header, row, strict=True)) for row in rows}
    assert (by_slug["chugoku"]["Prefecture"], by_slug["chugoku"]["Scope"]) == ("", "Chugoku region")
    assert (by_slug["setouchi"]["Prefecture"], by_slug["setouchi"]["Scope"]) == ("", "")
    assert by_slug["okayama"]["Prefecture"] == "Okayama"
