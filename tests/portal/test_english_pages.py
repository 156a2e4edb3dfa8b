"""English pages are in English: Japanese appears only as a name or a quotation marked lang="ja".

Every public page of the registry is read in English. Japanese text outside an
element marked lang="ja" fails, wherever it is; and in a page's facts, Japanese
marked lang="ja" must be a proper name that has no English form in the registry
(a person, or an organisation without an English name), or text labelled as
printed. Posts, cities and places with an established English form
(Governor, Higashihiroshima City, Taipei) are shown in it.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person
from tests.helpers import text_of

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff9f\u3000-\u303f]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class JapaneseText(HTMLParser):
    """Japanese text nodes of a page's body: those outside lang="ja", and those inside it
    that sit in a list of facts (`dl.facts`) and are not printed text (`.muted`, `.printed`)."""

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, is lang="ja", is a fact, is a printed note)
        self.unmarked = []
        self.in_facts = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        printed = "muted" in classes or "printed" in classes
        self.open.append((tag, attrs.get("lang") == "ja", "facts" in classes, printed))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        text = data.strip()
        tags = [entry[0] for entry in self.open]
        if not JAPANESE.search(text) or "body" not in tags or {"script", "style"} & set(tags):
            return
        marked = any(entry[1] for entry in self.open)
        if not marked:
            self.unmarked.append(text)
        elif any(entry[2] for entry in self.open) and not any(entry[3] for entry in self.open):
            self.in_facts.append(text)


def english(location):
    """The English address of a page, given by its URL name or by its record."""
    with translation.override("en"):
        return location.get_absolute_url() if hasattr(location, "pk") else reverse(location)


def english_council(slug):
    with translation.override("en"):
        return reverse("councils:detail", args=[slug])


def english_pages():
    """Every kind of public page, and every record's page, in English."""
    pages = [
        english(name)
        for name in (
            "home",
            "councils:list",
            "members:organisation-list",
            "events:event-list",
            "events:agreement-list",
            "events:programme-list",
        )
    ]
    for model in (Council, Organisation, Person, Event, Agreement, Programme):
        pages += [english(record) for record in model.objects.all()]
    return pages


def read(client, page):
    response = client.get(page)
    assert response.status_code == 200, page
    parser = JapaneseText()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def proper_names(registry):
    """Names the registry keeps only in Japanese: they stay Japanese on English pages."""
    return {
        *Person.objects.values_list("name", flat=True),
        # A post named after its committee, with no established English form.
        *Person.objects.filter(title_en="").exclude(title="").values_list("title", flat=True),
        *Organisation.objects.filter(name_en="").values_list("name", flat=True),
    }


# One reading of each page serves both checks: each reading of the sixty-odd pages cost
# about 3.5 s.
def test_english_pages_have_japanese_only_in_lang_ja_and_as_proper_names_in_facts(
    client, proper_names
):
    unmarked, facts = {}, {}
    for page in english_pages():
        text = read(client, page)
        if text.unmarked:
            unmarked[page] = text.unmarked
        if japanese := [fact for fact in text.in_facts if fact not in proper_names]:
            facts[page] = japanese
    assert unmarked == {}, "Japanese outside lang=ja"
    assert facts == {}, "Japanese facts that are not proper names"


def test_a_japanese_fact_would_be_found(client, registry):
    """The check above can fail: a post without its English form is reported."""
    Organisation.objects.filter(name="山口県").update(name_en="")
    assert "山口県" in read(client, english_council("yamaguchi")).in_facts


def test_posts_and_places_read_in_english(client, registry):
    yamaguchi = text_of(client.get(english_council("yamaguchi")))
    assert "Governor, Yamaguchi Prefecture" in yamaguchi
    assert "Director-General for GX" in yamaguchi
    okayama = text_of(client.get(english_council("okayama")))
    assert "Director, Industrial Promotion Division, Okayama Prefecture" in okayama
    forum = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    page = text_of(client.get(english(forum)))
    assert "City Higashihiroshima City" in page
    assert "President and Representative Director" in page
    ceremony = Event.objects.get(name="MOU締結式")
    assert "City Taipei" in text_of(client.get(english(ceremony)))
    assert "Place Taipei (Taiwan)" in text_of(client.get(english(Agreement.objects.get())))


def test_japanese_pages_keep_the_japanese_forms(client, registry):
    with translation.override("ja"):
        council_page = reverse("councils:detail", args=["yamaguchi"])
        forum = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム").get_absolute_url()
    yamaguchi = text_of(client.get(council_page))
    assert "知事" in yamaguchi and "Governor" not in yamaguchi
    assert "東広島市" in text_of(client.get(forum))
