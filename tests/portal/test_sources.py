"""Every page says where its facts come from, as a reader cites a source: title,
publisher, dates, a link and the place in it; never the line numbers of a text file."""

import re

from django.utils import timezone

from core.japanese_dates import koyo_date
from core.models import Source
from events.models import Event
from tests.helpers import section, text_of
from tests.portal.test_language import every_page
from tests.portal.test_site_basics import sitemap_urls


def test_every_page_cites_the_slides_its_facts_come_from(client, registry):
    for path in every_page():
        if path.startswith("/search/"):
            continue
        for prefix, heading, slide in (("", "出典", "スライド"), ("/en", "Sources", "Slide")):
            response = client.get(prefix + path)
            sources = section(response, "sources-heading")
            assert heading in sources, prefix + path
            assert slide in sources, prefix + path
            assert "「中国地域内の動き」" in sources, prefix + path
            # Each slide cited links to its own page.
            html = response.content.decode()
            box = html[
                html.index('id="sources-heading"') : html.index(
                    "</section>", html.index('id="sources-heading"')
                )
            ]
            assert re.search(r'href="(/en)?/sources/\d+/"', box), prefix + path


def test_a_page_gives_the_as_of_date_of_its_source(client, registry):
    event = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    sources = section(client.get(event.get_absolute_url()), "sources-heading")
    assert "「中国地域内の動き」 スライド9「令和5年度における取組について」" in sources
    assert "（令和6（2024）年3月26日時点）" in sources
    assert "資料の記載のまま掲載しており" in sources
    english = section(client.get("/en" + event.get_absolute_url()), "sources-heading")
    assert "Slide 9 “Higashihiroshima City: initiatives in FY2023”" in english
    assert "(as of 26 March 2024)" in english


def test_a_page_shows_when_its_record_was_last_edited(client, registry):
    event = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    event.venue = "広島大学 学士会館レセプションホール"
    event.save()
    today = timezone.localdate()
    sources = section(client.get(event.get_absolute_url()), "sources-heading")
    assert re.search(rf"最終更新日：\s*{koyo_date(today)}", sources)
    assert "更新履歴を見る" in sources
    content = client.get(event.get_absolute_url()).content.decode()
    assert f'href="/changes/?record=event-{event.pk}"' in content
    english = section(client.get("/en" + event.get_absolute_url()), "sources-heading")
    assert f"Last updated: {today.day} {today:%B} {today.year}" in english


def test_a_slide_has_its_own_page_with_its_printed_text_quoted(client, registry):
    slide = Source.objects.get(part_of__title="中国地域内の動き", locator="スライド3")
    response = client.get(slide.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    quote = html[html.index("<blockquote") : html.index("</blockquote>")]
    assert 'lang="ja"' in quote
    assert "＜設立趣旨＞" in quote
    page = text_of(response)
    assert "スライド3「おかやま半導体関連コンソーシアム」" in page
    assert "「中国地域内の動き」" in page
    english = text_of(client.get("/en" + slide.get_absolute_url()))
    assert "Slide 3 “Okayama Semiconductor-Related Consortium”" in english


def test_the_deck_page_lists_its_slides(client, registry):
    deck = Source.objects.get(title="中国地域内の動き", part_of=None)
    html = client.get(deck.get_absolute_url()).content.decode()
    for slide in deck.parts.all():
        assert f'href="{slide.get_absolute_url()}"' in html


def test_an_unknown_source_is_a_polite_404(client, registry):
    response = client.get("/sources/999999/")
    assert response.status_code == 404
    assert "ページが見つかりません" in response.content.decode()


def test_no_public_page_shows_line_numbers_of_the_text_file(client, registry):
    # Every slide's internal line range, e.g. "293–332", and the words around one.
    ranges = set(Source.objects.exclude(lines="").values_list("lines", flat=True))
    assert len(ranges) == 10
    paths = list(sitemap_urls(client))
    assert any(path.startswith("/sources/") for path in paths)
    for path in paths:
        page = text_of(client.get(path))
        assert "行目" not in page, path
        assert "lines " not in page, path
        for lines in ranges:
            assert lines not in page, (path, lines)


def test_the_footer_names_the_documents_the_registry_cites(client, registry):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "掲載している情報の出典（1件）" in text_of_html(footer)
    assert "「中国地域内の動き」" in footer
    assert 'href="/sources/"' in footer


def text_of_html(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
