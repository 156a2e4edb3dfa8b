"""The portal's main journeys, as a person makes them in a browser.

Each test starts from the registry as the fixtures load it, on a live server,
and moves only the way a visitor can: links, forms, the keyboard.
"""

import csv
import functools
import io
import re

from django.urls import reverse
from playwright.sync_api import expect

from councils.models import Council
from events.models import Talk
from members.models import Organisation

from .pages import path


def pks_linked(page, route):
    """The record ids of the `/<route>/<pk>/` links in the page's results table."""
    hrefs = page.locator(f"main table a[href*='/{route}/']").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    return [int(re.search(rf"/{route}/(\d+)/", href)[1]) for href in hrefs]


# 1 --------------------------------------------------------------------------


def test_newcomer_compares_the_councils_and_reaches_an_okayama_event(page):
    councils = list(Council.objects.order_by("founded_on"))
    okayama = Council.objects.get(slug="okayama")
    snapshot = okayama.snapshots.get()
    event = okayama.events.order_by("date").last()

    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    # All five councils are there to compare, each a link to its own page.
    for council in councils:
        expect(page.locator(f"main a[href='{council.get_absolute_url()}']").first).to_be_visible()

    page.locator(f"main a[href='{okayama.get_absolute_url()}']").first.click()
    expect(page).to_have_url(re.compile(r"/councils/okayama/$"))
    expect(page.locator("h1")).to_contain_text(okayama.name)

    # The membership history: the count on the date the document gives.
    history = page.locator("#membership table")
    expect(history).to_be_visible()
    expect(history.locator("tbody tr")).to_have_count(1)
    expect(history.locator("tbody tr").first).to_contain_text(str(snapshot.total))
    expect(history.locator(f"time[datetime='{snapshot.as_of:%Y-%m-%d}']")).to_be_visible()

    page.locator(f"main a[href='{event.get_absolute_url()}']").first.click()
    expect(page).to_have_url(re.compile(rf"/events/{event.pk}/$"))
    expect(page.locator("h1")).to_contain_text(event.name)
    expect(page.locator("main")).to_contain_text(okayama.name)


# 2 --------------------------------------------------------------------------


def test_filtered_organisations_page_through_and_download_the_same_rows(page, monkeypatch):
    import core.views
    from core.pagination import paginate

    # The registry has 24 organisations, fewer than one page of 50; two to a
    # page lets the journey page through a filtered result of three.
    monkeypatch.setattr(core.views, "paginate", functools.partial(paginate, per_page=2))
    expected = Organisation.objects.filter(prefecture="yamaguchi", sector="government")
    assert expected.count() == 3

    page.goto(path("members:organisation-list"))
    form = page.locator("form.filters")
    form.locator("select[name=prefecture]").select_option("yamaguchi")
    form.locator("select[name=sector]").select_option("government")
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"prefecture=yamaguchi"))
    expect(page).to_have_url(re.compile(r"sector=government"))
    first_page = pks_linked(page, "organisations")
    assert len(first_page) == 2

    page.locator("a[rel=next]").first.click()
    # The filters stay: in the address and in the form.
    expect(page).to_have_url(re.compile(r"page=2"))
    expect(page).to_have_url(re.compile(r"prefecture=yamaguchi"))
    expect(page).to_have_url(re.compile(r"sector=government"))
    expect(form.locator("select[name=prefecture]")).to_have_value("yamaguchi")
    expect(form.locator("select[name=sector]")).to_have_value("government")
    second_page = pks_linked(page, "organisations")
    assert len(second_page) == 1
    assert sorted(first_page + second_page) == sorted(expected.values_list("pk", flat=True))

    with page.expect_download() as download_info:
        page.locator("main a[href*='export.csv']").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = download.path().read_bytes().decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3
    # The file holds the rows of the pages, in the pages' order, not just the page shown.
    csv_pks = [int(re.search(r"/organisations/(\d+)/", ",".join(row))[1]) for row in rows]
    assert csv_pks == first_page + second_page
    names = {organisation.pk: organisation.name for organisation in expected}
    for pk, row in zip(csv_pks, rows, strict=True):
        assert names[pk] in row


# 3 --------------------------------------------------------------------------


def switch_language(page, language):
    switch = page.locator("form.language-switch")
    switch.locator("select").select_option(language)
    switch.locator("button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_language_choice_is_kept_while_moving_between_pages(page):
    okayama = Council.objects.get(slug="okayama")

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")

    switch_language(page, "en")
    expect(page).to_have_url(re.compile(r"/en/$"))
    page.locator("main a[href='/en/councils/okayama/']").first.click()
    expect(page).to_have_url(re.compile(r"/en/councils/okayama/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_contain_text(okayama.name_en)
    page.locator("header a[href='/en/organisations/']").click()
    expect(page).to_have_url(re.compile(r"/en/organisations/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")

    # Back to Japanese, on the page the visitor was reading.
    switch_language(page, "ja")
    expect(page).to_have_url(re.compile(r"/organisations/$"))
    assert "/en/" not in page.url
    page.locator("header a[href='/']").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    page.locator("main a[href='/councils/okayama/']").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.locator("h1")).to_contain_text(okayama.name)


# 4 --------------------------------------------------------------------------


def test_search_for_a_speaker_leads_to_the_forum_where_they_spoke(page):
    talk = Talk.objects.select_related("speaker", "event").get(speaker__name="寺本 章伸")
    speaker, forum = talk.speaker, talk.event

    page.goto("/")
    search = page.locator("form[role=search]")
    search.locator("input[name=q]").fill("寺本")
    search.locator("input[name=q]").press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q="))

    page.locator(f"main a[href='{speaker.get_absolute_url()}']").click()
    expect(page.locator("h1")).to_contain_text(speaker.name)
    page.locator(f"main a[href='{forum.get_absolute_url()}']").first.click()
    expect(page.locator("h1")).to_contain_text(forum.name)
    expect(page.locator("main")).to_contain_text(talk.name)
    expect(page.locator("main")).to_contain_text(speaker.name)


# 5 --------------------------------------------------------------------------

# What tests/conftest.py's staff_user gives every user it makes.
STAFF_PASSWORD = "correct horse battery staple"


def choose_autocomplete(page, field, text):
    """Pick `text` in one of the admin's autocomplete (select2) drop-downs."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_records_a_snapshot_that_the_public_page_shows_and_a_bad_one_is_refused(
    transactional_db, page, staff_user
):
    # The only browser test that writes: transactional_db empties the database after
    # it, and the next test's `site` loads the registry again.
    okayama = Council.objects.get(slug="okayama")
    source = okayama.snapshots.get().source
    staff_user("editor")

    page.goto(reverse("admin:index"))
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()

    def fill_snapshot(as_of, total, companies):
        page.goto(reverse("admin:councils_membershipsnapshot_add"))
        choose_autocomplete(page, "council", okayama.short_name)
        page.locator("#id_as_of").fill(as_of)
        page.locator("#id_total").fill(str(total))
        page.locator("#id_companies").fill(str(companies))
        choose_autocomplete(page, "source", source.title[:10])
        page.locator("input[name=_save]").first.click()

    fill_snapshot("2024-04-01", 61, 55)
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert okayama.snapshots.count() == 2

    page.goto(okayama.get_absolute_url())
    history = page.locator("#membership table tbody tr")
    expect(history).to_have_count(2)
    expect(history.last).to_contain_text("61")
    expect(history.last.locator("time[datetime='2024-04-01']")).to_be_visible()

    # A breakdown larger than the total: the form says so, and nothing is saved.
    fill_snapshot("2024-05-01", 10, 20)
    expect(page.locator(".errornote")).to_be_visible()
    # The message sits by the total and gives both figures; what was typed stays.
    expect(page.locator(".field-total .errorlist")).to_contain_text("20")
    expect(page.locator(".field-total .errorlist")).to_contain_text("10")
    expect(page.locator("#id_total")).to_have_value("10")
    assert okayama.snapshots.count() == 2
    page.goto(okayama.get_absolute_url())
    expect(page.locator("#membership table tbody tr")).to_have_count(2)
    expect(page.locator("#membership time[datetime='2024-05-01']")).to_have_count(0)


# 6 --------------------------------------------------------------------------


def focused(page):
    """What has the keyboard focus: its tag, name and href, and whether the focus shows."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                name: el.getAttribute("name"),
                href: el.getAttribute("href"),
                inResults: Boolean(el.closest("main table")),
                visible: style.outlineStyle !== "none" || style.boxShadow !== "none",
            };
        }"""
    )


def tab_until(page, wanted, *, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    raise AssertionError(f"{limit} presses of Tab never reached the element")


def test_keyboard_only_reaches_the_filters_applies_one_and_reaches_the_results(page):
    page.goto(path("members:organisation-list"))

    # The first Tab reaches the skip link, which takes the focus past the header.
    page.keyboard.press("Tab")
    assert focused(page)["href"] == "#main"
    page.keyboard.press("Enter")

    sector = tab_until(page, lambda now: now["name"] == "sector")
    assert sector["visible"], "the focused filter shows no focus indicator"
    # On a closed drop-down, the arrow keys change the choice.
    for _ in range(10):
        if page.locator("form.filters select[name=sector]").input_value() == "government":
            break
        page.keyboard.press("ArrowDown")
    expect(page.locator("form.filters select[name=sector]")).to_have_value("government")

    apply = tab_until(page, lambda now: now["tag"] == "button")
    assert apply["visible"]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sector=government"))

    government = Organisation.objects.filter(sector="government").order_by("name", "pk")
    result = tab_until(page, lambda now: now["inResults"] and now["tag"] == "a")
    assert result["visible"], "the focused result shows no focus indicator"
    assert result["href"] == government.first().get_absolute_url()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(government.first().name)
