"""An editor keeps the registry current with a fact from a new source: Okayama's count
of 60 as of 1 April 2025, cited to a web page created from the count's own form.

The public then sees the count with that source, cited as a reader expects, on the
home page, the council page and in the CSV, and the footer names both sources.
"""

import csv
import io
import json
import re
from html import unescape

import pytest
from django.urls import reverse

from core.models import Source
from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import admin_url
from tests.helpers import section, text_of

TITLE = "岡山県内の半導体関連企業の状況"
PUBLISHER = "岡山県産業労働部"
URL = "https://www.pref.okayama.jp/page/semiconductor-2025.html"


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


def add_web_page_source(client):
    """What the popup behind the "+" beside a source field sends."""
    return client.post(
        admin_url(Source, "add") + "?_to_field=id&_popup=1",
        {
            "kind": "web_page",
            "title": TITLE,
            "title_en": "",
            "publisher": PUBLISHER,
            "publisher_en": "",
            "published_on": "",
            "checked_on": "2025-04-15",
            "url": URL,
            "locator": "",
            "locator_en": "",
            "part_of": "",
            "position": "",
            "printed_text": "",
            "as_of": "",
            "as_of_printed": "",
            "lines": "",
            "_popup": "1",
            "_to_field": "id",
        },
    )


def add_count(client, council, source):
    return client.post(
        admin_url(MembershipSnapshot, "add"),
        {
            "council": council.pk,
            "as_of": "2025-04-01",
            "as_of_printed": "",
            "total": "60",
            "companies": "",
            "education": "",
            "government": "",
            "other": "",
            "printed": "",
            "source": source.pk,
            "corroborating_source": "",
            "corroborating_printed": "",
        },
    )


@pytest.fixture
def new_count(editor_client, okayama):
    response = add_web_page_source(editor_client)
    # The popup hands the new source back to the form that opened it.
    assert response.status_code == 200
    assert response.templates[0].name == "admin/popup_response.html"
    source = Source.objects.get(title=TITLE)
    assert f'"value": "{source.pk}"' in unescape(response.content.decode())
    assert add_count(editor_client, okayama, source).status_code == 302
    editor_client.logout()
    return source


def test_every_source_field_offers_search_and_add_another_in_a_popup(editor_client, okayama):
    page = editor_client.get(admin_url(MembershipSnapshot, "add")).content.decode()
    for name in ("source", "corroborating_source"):
        field = re.search(rf'<select name="{name}"[^>]*>', page).group(0)
        assert "admin-autocomplete" in field
        add = re.search(rf'id="add_id_{name}"\s+data-popup="yes"\s+href="([^"]+)"', page)
        assert unescape(add.group(1)) == admin_url(Source, "add") + "?_to_field=id&_popup=1"
    council_page = editor_client.get(admin_url(Council, "change", okayama.pk)).content.decode()
    # The inline rows of the council's form too (its empty template row included).
    assert 'id="add_id_snapshots-__prefix__-source"' in council_page


def test_the_source_form_speaks_the_staff_terms(editor_client):
    page = text_of(editor_client.get(admin_url(Source, "add")))
    for label in ("出典の種類", "出典の名称", "発行者", "公表日", "確認日", "URL", "該当箇所"):
        assert label in page, label
    assert "ウェブページ" in page and "報道発表" in page


def test_staff_find_a_source_by_its_title_or_publisher(client, new_count, django_user_model):
    client.force_login(django_user_model.objects.get(username="editor"))
    for term in ("半導体関連企業の状況", "産業労働部"):
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "term": term,
                "app_label": "councils",
                "model_name": "membershipsnapshot",
                "field_name": "source",
            },
        )
        assert response.status_code == 200
        results = json.loads(response.content)["results"]
        assert [result["id"] for result in results] == [str(new_count.pk)], term


def test_a_source_needs_its_title(editor_client):
    response = editor_client.post(admin_url(Source, "add"), {"kind": "web_page", "title": ""})
    assert response.status_code == 200
    assert "この項目は必須です。" in response.content.decode()
    assert not Source.objects.filter(kind="web_page").exists()


def test_the_home_page_shows_the_new_count_with_its_source(client, new_count):
    response = client.get("/")
    page = text_of(response)
    assert "60" in page and "令和7（2025）年4月1日" in page
    sources = section(response, "sources-heading")
    assert f"「{TITLE}」" in sources
    assert PUBLISHER in sources
    assert "確認日：令和7（2025）年4月15日" in sources
    assert f'<a href="{URL}">「{TITLE}」</a>' in response.content.decode()


def test_the_council_page_cites_the_new_source_beside_the_count(client, new_count):
    response = client.get("/councils/okayama/")
    html = response.content.decode()
    history = html[
        html.index('id="history-caption"') : html.index(
            "</table>", html.index('id="history-caption"')
        )
    ]
    row = next(row for row in history.split("<tr") if "2025-04-01" in row)
    assert ">60<" in row
    assert f'href="{URL}"' in row and TITLE in row and PUBLISHER in row
    sources = section(response, "sources-heading")
    assert f"「{TITLE}」" in sources and PUBLISHER in sources
    # The deck's slides are still cited for the council's other facts.
    assert "「中国地域内の動き」" in sources


def test_the_english_pages_cite_it_in_japanese_marked_as_such(client, new_count):
    html = client.get("/en/councils/okayama/").content.decode()
    assert f'<span lang="ja">「{TITLE}」</span>' in html
    assert f'<span lang="ja">{PUBLISHER}</span>' in html
    assert "checked 15 April 2025" in html


def rows_of(response):
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def test_the_csv_exports_carry_the_count_and_its_source(client, new_count):
    rows = rows_of(client.get("/councils/okayama/membership.csv"))
    (row,) = [row for row in rows if row["時点"] == "2025-04-01"]
    assert row["合計"] == "60"
    assert (row["出典"], row["発行者"], row["出典のURL"]) == (TITLE, PUBLISHER, URL)
    assert row["確認日"] == "2025-04-15"
    assert row["出典のページ"] == f"http://testserver{new_count.get_absolute_url()}"
    okayama = Council.objects.get(slug="okayama")
    (council,) = [
        row for row in rows_of(client.get("/councils/export.csv")) if row["ID"] == str(okayama.pk)
    ]
    assert council["会員数"] == "60"
    assert council["会員数の出典"] == TITLE
    assert council["会員数の出典のURL"] == URL


def test_the_footer_names_every_document_cited_and_no_longer_only_the_deck(client, new_count):
    html = client.get("/").content.decode()
    footer = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index("site-footer") :]))
    assert "掲載している情報の出典（2件）" in footer
    assert f"「{TITLE}」" in footer and "「中国地域内の動き」" in footer
    assert "スライド資料「中国地域内の動き」による" not in footer


def test_the_new_source_has_its_own_public_page_in_the_sitemap(client, new_count):
    response = client.get(new_count.get_absolute_url())
    page = text_of(response)
    assert TITLE in page and PUBLISHER in page and URL in page and "ウェブページ" in page
    sitemap = client.get("/sitemap-sources.xml").content.decode()
    assert new_count.get_absolute_url() in sitemap
