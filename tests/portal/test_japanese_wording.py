"""Japanese screens read like a prefecture's own site, and stay that way.

Every public page is read in Japanese: no English word may appear outside the
document's own names and a short allow-list, and no half-width bracket or colon
may touch Japanese text outside a quotation of the document. The glossary
(docs/glossary.md) is checked against the catalogue.
"""

import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.helpers import load_registry_if_missing

ROOT = Path(settings.BASE_DIR)

# Words a Japanese page may show in Latin letters: file formats and units, the
# language switch (each language names itself), the map data's credit, licence
# names, and the example of an English search.
ALLOWED_WORDS = {
    "CSV", "JSON", "URL", "ID", "ics", "iCal", "km", "ha", "MB",
    "Language", "English",
    "Natural", "Earth", "Made", "with",
    "CC", "BY", "Creative", "Commons",
    "Hiroshima",
}  # fmt: skip

# Lists narrowed by a filter, as a visitor narrows them (the filter names show too).
FILTERED_LISTS = [
    "/councils/?prefecture=okayama&sort=-founded",
    "/organisations/?sector=industry&sort=-name",
    "/events/?kind=forum&fiscal_year=2023",
    "/agreements/?country=TW",
    "/programmes/?fiscal_year=2024",
    "/events/?date_after=2024-13-01",  # an invalid value: the error is Japanese too
]
OTHER_PAGES = ["/search/?q=半導体", "/search/?q=見つからない語句", "/about/", "/map/"]

JAPANESE = r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]"
HALF_WIDTH_NEXT_TO_JAPANESE = re.compile(rf"{JAPANESE} ?[():]|[():] ?{JAPANESE}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "div", "option", "br", "tr"}


class PageText(HTMLParser):
    """The text a reader sees, in two versions: all of it, and the part outside the
    document's quotations (<q lang="ja">, <blockquote lang="ja">). Text marked as
    English (lang="en") is left out of both: it is English on purpose."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.all, self.outside = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in BLOCKS:
            self.all.append("\n")
            self.outside.append("\n")
        if tag in VOID:
            return
        hidden = tag in ("script", "style") or attrs.get("lang") == "en"
        quoted = tag in ("q", "blockquote") and attrs.get("lang") == "ja"
        self.stack.append((tag, hidden, quoted))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if any(hidden for _, hidden, _ in self.stack):
            return
        self.all.append(data)
        if not any(quoted for _, _, quoted in self.stack):
            self.outside.append(data)


def fixture_texts():
    """The document's own Japanese wording (names, titles, as-printed values), longest
    first: a page may quote it as it is, Latin letters and half-width brackets included."""
    texts = set()
    for record in json.loads((ROOT / "fixtures" / "registry.json").read_text("utf-8")):
        for name, value in record["fields"].items():
            if isinstance(value, str) and not name.endswith("_en") and name != "slug":
                texts.update(line.strip() for line in value.splitlines() if line.strip())
    return sorted(texts, key=len, reverse=True)


def without_document_wording(text, quoted):
    text = re.sub(r"[ \t]+", " ", text)
    for piece in quoted:
        text = text.replace(piece, "\n")
    # An address or a mail address is not a word of the page.
    return re.sub(r"\S+@\S+|https?://\S+", " ", text)


def public_pages(client):
    """Every page the sitemap lists in Japanese, the lists with filters, and the rest."""
    index = client.get(reverse("sitemap")).content.decode()
    pages = set()
    for section in re.findall(r"<loc>([^<]+)</loc>", index):
        body = client.get(re.sub(r"^https?://[^/]+", "", section)).content.decode()
        pages.update(
            re.sub(r"^https?://[^/]+", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", body)
        )
    pages = {page for page in pages if not page.startswith("/en/")}
    return sorted(pages) + FILTERED_LISTS + OTHER_PAGES


@pytest.fixture(scope="module")
def japanese_pages(django_db_setup, django_db_blocker):
    """Every public page, read once for the checks below (a crawl takes seconds).

    They only read, so they share the registry committed at the start of the run,
    loaded again if a transactional test has emptied the database since."""
    quoted = fixture_texts()
    client = Client()
    with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE):
        load_registry_if_missing()
        return [read_page(client, path, quoted) for path in public_pages(client)]


class ReadPage(NamedTuple):
    path: str
    # The page's text, and the part of it outside quotations, the document's own wording
    # taken out of both.
    text: str
    outside: str
    # The part outside quotations with the document's wording left in: names as printed.
    outside_with_names: str


def read_page(client, path, quoted):
    response = client.get(path)
    assert response.status_code == 200, path
    parser = PageText()
    parser.feed(response.content.decode())
    outside = "".join(parser.outside)
    return ReadPage(
        path,
        without_document_wording("".join(parser.all), quoted),
        without_document_wording(outside, quoted),
        outside,
    )


def test_the_crawl_reaches_every_kind_of_public_page(japanese_pages):
    paths = [page.path for page in japanese_pages]
    for kind in ("/councils/", "/organisations/", "/people/", "/events/", "/agreements/"):
        assert sum(path.startswith(kind) for path in paths) >= 2, kind
    assert "/programmes/" in paths and "/" in paths and len(paths) > 60


def test_japanese_pages_show_no_english_words(japanese_pages):
    found = {}
    for path, text, *_ in japanese_pages:
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9]*", text)) - ALLOWED_WORDS
        if words:
            found[path] = sorted(words)
    assert found == {}


def test_no_half_width_bracket_or_colon_touches_japanese_text(japanese_pages):
    found = {}
    for path, _, text, _ in japanese_pages:
        hits = [match.group() for match in HALF_WIDTH_NEXT_TO_JAPANESE.finditer(text)]
        if hits:
            found[path] = hits
    assert found == {}


def test_no_bracket_follows_another_or_repeats_what_it_follows(japanese_pages):
    """「官（行政）（3件）」 reads as two asides; a full-width space separates them instead.
    Names are read too: a name ending in （官民連携） is not followed by （令和6年度）, and an
    event called 設立会議 is not followed by its kind, （設立会議）."""
    found = {}
    for path, *_, text in japanese_pages:
        hits = re.findall(r".{0,12}[）)]（.{0,12}", text)
        hits += [match.group() for match in re.finditer(r"([^\s（）：]{2,20})（\1）", text)]
        if hits:
            found[path] = hits
    assert found == {}


def test_a_number_and_its_counter_are_not_spaced_apart(japanese_pages):
    found = {}
    for path, text, *_ in japanese_pages:
        hits = re.findall(r"\d (?:件|団体|名|社|者|回|km|ha|円|万円|行目|ページ)", text)
        if hits:
            found[path] = hits
    assert found == {}


def test_a_document_quotation_is_marked_as_one(client, registry):
    from events.models import Agreement

    html = client.get(Agreement.objects.get().get_absolute_url()).content.decode()
    assert re.search(r'<blockquote[^>]*lang="ja"[^>]*>半導体産業の振興に関する', html)
    # A value as printed is quoted: its half-width brackets are the document's.
    assert '資料の表記：<q lang="ja">令和6(2024)年2月23日(金)</q>' in html


def test_the_checks_catch_english_and_half_width_marks():
    parser = PageText()
    parser.feed(
        '<p>Filter 絞り込み (降順)</p><q lang="ja">（再掲）A(B)</q><span lang="en">Okayama</span>'
    )
    outside = "".join(parser.outside)
    assert set(re.findall(r"[A-Za-z]+", outside)) == {"Filter"}
    assert [hit.group() for hit in HALF_WIDTH_NEXT_TO_JAPANESE.finditer(outside)] == ["み (", "順)"]
    assert "Okayama" not in "".join(parser.all)


# The glossary -------------------------------------------------------------------


def glossary():
    """(Japanese term, [terms not to use]) for each row of docs/glossary.md's table."""
    rows = []
    for line in (ROOT / "docs" / "glossary.md").read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if (
            not line.startswith("|")
            or len(cells) != 4
            or cells[0] in ("日本語", "")
            or set(cells[0]) <= {"-", " "}
        ):
            continue
        avoid = [] if cells[3] in ("", "—") else [term.strip() for term in cells[3].split("、")]
        rows.append((cells[0], avoid))
    return rows


def catalogue_texts():
    with open(ROOT / "locale" / "ja" / "LC_MESSAGES" / "django.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)._catalog
    return [text for key, text in catalogue.items() if key != ""]


def test_the_glossary_has_the_reviewed_terms():
    terms = dict(glossary())
    for term in (
        "関係機関・団体",
        "開催実績",
        "覚書",
        "支援事業・取組",
        "役職",
        "コーディネーター",
    ):
        assert term in terms


@pytest.mark.parametrize(("term", "avoid"), glossary(), ids=[row[0] for row in glossary()])
def test_the_catalogue_uses_each_glossary_term_and_none_of_its_variants(term, avoid):
    texts = catalogue_texts()
    assert any(term in text for text in texts), f"「{term}」 is in no translation"
    for variant in avoid:
        assert [text for text in texts if variant in text] == [], variant


def test_a_fiscal_year_typed_as_an_era_year_gets_the_western_year_explained(client, registry):
    page = client.get(reverse("events:programme-list") + "?fiscal_year=6").content.decode()
    assert "年度は西暦4桁で入力してください（例：令和6年度は2024）。" in page
    assert "1989 以上" not in page


def test_no_translation_puts_a_half_width_mark_or_a_space_into_japanese_text():
    spaced_counter = re.compile(r"(?:%\(\w+\)s|\d) (?:件|団体|名|社|者|回|分|秒|行|MB)")
    found = [
        text
        for text in catalogue_texts()
        if HALF_WIDTH_NEXT_TO_JAPANESE.search(text) or spaced_counter.search(text)
    ]
    assert found == []
