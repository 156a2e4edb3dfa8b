"""What browsers and search engines expect of every site: robots.txt, a sitemap
of every public page in both languages with hreflang alternates, a favicon, a
description and Open Graph tags per page, and forms that name where they submit; and no
page shows the line numbers of the text file its facts come from."""

import gzip
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import translation

from core.models import Source
from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person
from tests.helpers import load_registry_if_missing, text_of

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def meta(response, attribute, name):
    html = response.content.decode()
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    assert found, f"no {name} on {response.request['PATH_INFO']}"
    return unescape(found.group(1))


def sitemap_urls(client):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {}
    for location in index.iter(f"{SITEMAP}loc"):
        path = location.text.removeprefix("http://testserver")
        response = client.get(path)
        assert response.status_code == 200
        for url in ET.fromstring(response.content).iter(f"{SITEMAP}url"):
            alternates = {
                link.get("hreflang"): link.get("href").removeprefix("http://testserver")
                for link in url.iter(f"{XHTML}link")
            }
            urls[url.find(f"{SITEMAP}loc").text.removeprefix("http://testserver")] = alternates
    return urls


def test_robots_txt_points_at_the_sitemap(client, registry):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /*export.csv$" in lines
    # The pages themselves stay open to crawlers.
    assert "Disallow: /" not in lines


def test_robots_txt_does_not_reveal_the_admin_address(client, registry, settings):
    settings.ADMIN_URL = "back-office-7f3a/"
    body = client.get("/robots.txt").content.decode()
    assert "admin" not in body
    assert "back-office" not in body


def test_the_sitemap_lists_every_public_page_in_both_languages(client, registry):
    urls = sitemap_urls(client)
    expected = [
        "/",
        "/map/",
        "/about/",
        "/changes/",
        "/councils/",
        "/organisations/",
        "/events/",
        "/agreements/",
        "/programmes/",
        "/sources/",
    ]
    expected += [council.get_absolute_url() for council in Council.objects.all()]
    for model in (Organisation, Person, Event, Agreement, Programme, Source):
        expected += [record.get_absolute_url() for record in model.objects.all()]
    for path in expected:
        assert path in urls, path
        assert "/en" + path in urls, path
    assert len(urls) == 2 * len(expected)


def test_each_sitemap_entry_names_both_languages_as_alternates(client, registry):
    urls = sitemap_urls(client)
    assert urls["/councils/okayama/"] == {
        "ja": "/councils/okayama/",
        "en": "/en/councils/okayama/",
        "x-default": "/councils/okayama/",
    }
    assert urls["/en/map/"]["ja"] == "/map/"
    assert all(set(alternates) == {"ja", "en", "x-default"} for alternates in urls.values())


@pytest.fixture(scope="module")
def sitemap_pages(django_db_setup, django_db_blocker):
    """Every page the sitemap lists, in both languages, read once for the checks below
    (a walk took about 8 s).

    They only read, so they share the registry committed at the start of the run,
    loaded again if a transactional test has emptied the database since."""
    client = Client()
    with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
        load_registry_if_missing()
        return {path: client.get(path) for path in sitemap_urls(client)}


def test_every_sitemap_url_answers(sitemap_pages):
    assert len(sitemap_pages) > 100
    statuses = {path: page.status_code for path, page in sitemap_pages.items()}
    assert {path: status for path, status in statuses.items() if status != 200} == {}


def test_no_public_page_shows_line_numbers_of_the_text_file(sitemap_pages, registry):
    # Every slide's internal line range, e.g. "293–332", and the words around one.
    ranges = set(Source.objects.exclude(lines="").values_list("lines", flat=True))
    assert len(ranges) == 10
    assert any(path.startswith("/sources/") for path in sitemap_pages)
    for path, page in sitemap_pages.items():
        text = text_of(page)
        assert "行目" not in text, path
        assert "lines " not in text, path
        for lines in ranges:
            assert lines not in text, (path, lines)


def test_the_favicon_exists_as_svg_and_ico_and_is_linked(client, registry):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg" type="image/svg+xml"' in html
    assert 'rel="icon" href="/static/favicon.ico"' in html
    assert finders.find("img/favicon.svg")
    assert Path(finders.find("favicon.ico")).read_bytes()[:4] == b"\x00\x00\x01\x00"
    # Browsers that ask for /favicon.ico regardless find it too.
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.ico"


@pytest.mark.parametrize(
    ("url", "title", "description_part"),
    [
        ("/about/", "このサイトについて", "このサイトの発行者"),
        ("/en/about/", "About this site", "Who publishes the registry"),
        ("/map/", "中国地域の地図", "中国地域5県の地図です。"),
        ("/en/map/", "Map of the region", "A map of the five prefectures"),
        ("/councils/okayama/", "おかやま半導体関連コンソーシアム", "資料に基づいて掲載しています"),
        ("/en/events/", "Events", "from the registry of the semiconductor-industry councils"),
    ],
)
def test_each_page_has_a_translated_description_and_open_graph_tags(
    client, registry, url, title, description_part
):
    response = client.get(url)
    description = meta(response, "name", "description")
    assert description_part in description
    assert meta(response, "property", "og:description") == description
    assert title in meta(response, "property", "og:title")
    assert meta(response, "property", "og:url") == f"http://testserver{url}"
    assert meta(response, "property", "og:type") == "website"
    locale = "en_GB" if url.startswith("/en/") else "ja_JP"
    assert meta(response, "property", "og:locale") == locale
    if locale == "en_GB":
        assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", description)


def test_descriptions_differ_between_pages(client, registry):
    pages = ["/", "/councils/", "/events/", "/organisations/", "/map/", "/about/"]
    descriptions = {meta(client.get(url), "name", "description") for url in pages}
    assert len(descriptions) == len(pages)


@pytest.mark.parametrize(
    "url", ["/events/", "/organisations/?sector=government", "/search/?q=半導体", "/en/councils/"]
)
def test_forms_submit_to_the_pages_own_url(client, registry, url):
    html = client.get(url).content.decode()
    assert 'action=""' not in html
    path = url.split("?")[0]
    assert f'<form class="filters" method="get" action="{path}"' in html


def test_each_page_links_its_other_language_in_the_head(client, registry):
    html = client.get("/en/events/?council=okayama").content.decode()
    assert (
        '<link rel="alternate" hreflang="ja" href="http://testserver/events/?council=okayama">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/events/?council=okayama">'
        in html
    )
    missing = client.get("/councils/no-such-council/x/")
    assert missing.status_code == 404
    # (Its head still links the feed of recent changes, as every page does.)
    assert 'rel="alternate" hreflang' not in missing.content.decode()


def test_shared_addresses_leave_out_parameters_no_page_reads(client, registry):
    # og:url and the alternates name the page, not one visitor's campaign or click id.
    response = client.get("/organisations/?prefecture=hiroshima&utm_source=mail&fbclid=x&page=1")
    expected = "http://testserver/organisations/?prefecture=hiroshima&page=1"
    assert meta(response, "property", "og:url") == expected
    html = response.content.decode()
    assert f'<link rel="alternate" hreflang="ja" href="{expected.replace("&", "&amp;")}">' in html
    assert "utm_source" not in html.split("</head>")[0]
    assert "fbclid" not in html.split("</head>")[0]
    # A search keeps its words, percent-encoded as in any address.
    search = client.get("/search/?q=半導体&utm_source=mail")
    assert (
        meta(search, "property", "og:url")
        == "http://testserver/search/?q=%E5%8D%8A%E5%B0%8E%E4%BD%93"
    )


def test_pages_are_compressed_for_clients_that_accept_it(client, registry):
    response = client.get("/organisations/", headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "団体" in gzip.decompress(response.content).decode()
    # A client that does not ask for it gets the page as it is.
    assert "Content-Encoding" not in client.get("/organisations/?sort=name")
