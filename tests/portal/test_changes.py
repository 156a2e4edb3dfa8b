"""最近の更新: the public list of changes, its filters and its Atom feed."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Council, MembershipSnapshot
from events.models import Event, Programme
from tests.admin_helpers import add_snapshot_inline, admin_url

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


@pytest.fixture
def added(client, staff_user, okayama):
    """The judging scenario's first step: an editor adds Okayama's count of 60 inline."""
    client.force_login(staff_user("editor", username="sato"))
    assert add_snapshot_inline(client, okayama).status_code == 302
    client.logout()
    return okayama.snapshots.get(as_of="2025-04-01")


def page(client, url="/changes/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def feed(client, url="/changes/feed/"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content.decode(), ET.fromstring(response.content)


def entries(root):
    return root.findall(f"{ATOM}entry")


def test_the_loaded_registry_has_no_changes_and_says_so(client, registry):
    content = page(client)
    assert "まだ変更はありません" in content
    _text, root = feed(client)
    assert entries(root) == []


def test_a_count_added_inline_is_listed_with_its_source_and_without_the_staff_name(
    client, added, okayama
):
    content = page(client)
    assert "会員数の記録「令和7（2025）年4月1日：60」を追加" in content
    assert "合計：60" in content
    assert f'href="{okayama.get_absolute_url()}"' in content
    assert f"出典：{added.source}" in content
    assert "sato" not in content


def test_the_english_page_says_the_same_in_english(client, added):
    content = page(client, "/en/changes/")
    assert "Membership snapshot 1 April 2025: 60 added" in content
    assert "Total: 60" in content
    assert "sato" not in content


def test_a_changed_choice_shows_its_labels_old_and_new(client, staff_user, registry):
    # An event's kinds are a many-to-many relation now; a programme's kind is a choice.
    programme = Programme.objects.exclude(kind="subsidy").first()
    old_label = programme.get_kind_display()
    programme.kind = "subsidy"
    programme._change_reason = "管理画面で編集"
    programme.save()
    content = page(client)
    assert f"種別：{old_label} → {programme.get_kind_display()}" in content
    assert "subsidy" not in content.split('id="change-')[1]


def test_the_feed_is_valid_atom_and_names_no_staff(client, added, okayama):
    text, root = feed(client)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text
    [entry] = entries(root)
    for required in ("id", "title", "updated"):
        assert entry.find(f"{ATOM}{required}").text
    assert entry.find(f"{ATOM}title").text == "会員数の記録「令和7（2025）年4月1日：60」を追加"
    assert entry.find(f"{ATOM}link").get("href").endswith(okayama.get_absolute_url())
    assert "sato" not in text


def test_a_feed_reader_subscribes_from_the_home_page_and_reads_the_change(client, added, okayama):
    """What a subscriber's feed reader does: find the feed in the page's head, fetch it,
    and parse it with a real (lenient but validating) feed parser."""
    head = page(client, "/").split("</head>")[0]
    [feed_link] = [line for line in head.splitlines() if 'type="application/atom+xml"' in line]
    href = feed_link.split('href="')[1].split('"')[0]
    parsed = feedparser.parse(client.get(href).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title and parsed.feed.link
    [entry] = parsed.entries
    assert entry.title == "会員数の記録「令和7（2025）年4月1日：60」を追加"
    assert entry.link.endswith(okayama.get_absolute_url())
    assert entry.updated_parsed is not None
    assert "sato" not in str(parsed)


def test_every_page_links_the_feed_in_its_head(client, registry):
    for url in ("/", "/councils/", "/en/about/"):
        head = page(client, url).split("</head>")[0]
        assert 'type="application/atom+xml"' in head
        assert "/changes/feed/" in head


def test_the_changes_filter_by_council_and_kind(client, added):
    assert "60」を追加" in page(client, "/changes/?council=okayama")
    assert "60」を追加" not in page(client, "/changes/?council=yamaguchi")
    assert "60」を追加" in page(client, "/changes/?kind=membershipsnapshot")
    assert "60」を追加" not in page(client, "/changes/?kind=event")
    _text, root = feed(client, "/changes/feed/?council=yamaguchi")
    assert entries(root) == []
    _text, root = feed(client, "/changes/feed/?council=okayama")
    assert len(entries(root)) == 1


@pytest.mark.parametrize(
    "query",
    ["council=nowhere", "kind=x", "record=council-abc", "record=x-1", "record=council-" + "9" * 30],
)
def test_invalid_filters_get_a_message_not_an_error(client, registry, query):
    response = client.get(f"/changes/?{query}")
    assert response.status_code == 200
    assert 'id="filter-errors"' in response.content.decode()
    assert client.get(f"/changes/feed/?{query}").status_code == 400


def test_a_record_page_shows_when_it_was_last_updated_and_links_its_changes(client, added, okayama):
    content = page(client, okayama.get_absolute_url())
    link = f"/changes/?record=council-{okayama.pk}"
    assert link in content
    assert "最終更新日：" in content
    assert "60」を追加" in page(client, link)
    other = Council.objects.get(slug="yamaguchi")
    assert "60」を追加" not in page(client, f"/changes/?record=council-{other.pk}")


def test_delete_and_restore_show_on_the_public_side(client, staff_user, added, okayama):
    editor = client
    editor.force_login(staff_user("editor"))
    url = admin_url(MembershipSnapshot, "delete", added.pk)
    assert editor.post(url, {"post": "yes"}).status_code == 302
    editor.logout()
    assert 'datetime="2025-04-01"' not in page(client, okayama.get_absolute_url())
    assert "会員数の記録「令和7（2025）年4月1日：60」を削除" in page(client)
    editor.force_login(staff_user("editor", username="editor2"))
    assert editor.post(admin_url(MembershipSnapshot, "restore", added.pk)).status_code == 302
    editor.logout()
    assert 'datetime="2025-04-01"' in page(client, okayama.get_absolute_url())
    content = page(client)
    assert "会員数の記録「令和7（2025）年4月1日：60」を復元" in content
    _text, root = feed(client)
    assert len(entries(root)) == 3


def test_the_page_and_the_feed_are_not_served_stale_from_the_cache(client, added, okayama):
    page(client)
    feed(client)
    assert client.get("/changes/")["X-Cache"] == "hit"
    snapshot = okayama.snapshots.get(as_of="2025-04-01")
    snapshot.total = 61
    snapshot._change_reason = "管理画面で編集"
    snapshot.save()
    assert client.get("/changes/")["X-Cache"] == "miss"
    assert "合計：60 → 61" in page(client)
    text, _root = feed(client)
    assert "合計：60 → 61" in text


def make_changes(count):
    """`count` corrections to one count and to one event: the records they name stay the same."""
    snapshot = MembershipSnapshot.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    for _ in range(count):
        for record, field in ((snapshot, "printed"), (event, "venue")):
            setattr(record, field, f"{getattr(record, field)}（訂正）")
            record._change_reason = "管理画面で編集"
            record.save()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/changes/", "/changes/feed/"])
def test_the_query_count_does_not_grow_with_the_changes(client, registry, url, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_changes(1)
    one = queries(client, url)
    make_changes(3)
    assert queries(client, url) == one
    # The page, its filters, the footer's cited documents, and the kinds the events' versions hold.
    assert one <= 14


def test_a_record_link_names_the_record_and_keeps_to_its_parts(client, staff_user, registry):
    event = Event.objects.filter(talks__isnull=False).first()
    talk = event.talks.first()
    talk.part = "【第１部】訂正"
    talk._change_reason = "管理画面で編集"
    talk.save()
    content = page(client, f"/changes/?record=event-{event.pk}")
    assert f"「{event.name}」" in content
    assert "【第１部】訂正" in content
    other = Event.objects.exclude(pk=event.pk).first()
    assert "【第１部】訂正" not in page(client, f"/changes/?record=event-{other.pk}")


def test_the_sitemap_lists_the_changes_page(client, registry):
    content = client.get("/sitemap-pages.xml").content.decode()
    assert "/changes/</loc>" in content
    assert "/en/changes/</loc>" in content


def test_the_judging_scenario_from_adding_to_restoring(client, staff_user, okayama):
    """An editor adds Okayama's 60 as of 2025-04-01 inline, deletes it, and restores it."""
    staff = client
    staff.force_login(staff_user("editor", username="sato"))
    assert add_snapshot_inline(staff, okayama).status_code == 302
    snapshot = okayama.snapshots.get(as_of="2025-04-01")
    history = staff.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "会員数の記録「令和7（2025）年4月1日：60」を追加" in history
    staff.logout()

    assert 'datetime="2025-04-01"' in page(client, okayama.get_absolute_url())
    assert "60」を追加" in page(client)
    text, _root = feed(client)
    assert "60」を追加" in text
    assert "sato" not in page(client) + text

    staff.force_login(staff_user("editor", username="suzuki"))
    delete = admin_url(MembershipSnapshot, "delete", snapshot.pk)
    assert staff.post(delete, {"post": "yes"}).status_code == 302
    history = staff.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "60」を削除" in history
    staff.logout()
    assert 'datetime="2025-04-01"' not in page(client, okayama.get_absolute_url())
    assert "60」を削除" in page(client)

    staff.force_login(staff_user("editor", username="tanaka"))
    assert staff.post(admin_url(MembershipSnapshot, "restore", snapshot.pk)).status_code == 302
    history = staff.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "60」を復元" in history
    staff.logout()
    assert 'datetime="2025-04-01"' in page(client, okayama.get_absolute_url())
    text, root = feed(client)
    titles = [entry.find(f"{ATOM}title").text for entry in entries(root)]
    assert titles == [
        "会員数の記録「令和7（2025）年4月1日：60」を復元",
        "会員数の記録「令和7（2025）年4月1日：60」を削除",
        "会員数の記録「令和7（2025）年4月1日：60」を追加",
    ]
    assert not {"sato", "suzuki", "tanaka"} & set((page(client) + text).split())
