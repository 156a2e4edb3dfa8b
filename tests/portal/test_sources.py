"""Every page says where its facts come from, as a reader cites a source: title,
publisher, dates, a link and the place in it; never the line numbers of a text file
(checked on every page of the sitemap in tests/portal/test_site_basics.py)."""

import re

from django.utils import timezone

from core.japanese_dates import koyo_date
from core.models import Source
from events.models import Event
from tests.helpers import section, text_of
from tests.portal.test_language import every_page


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


def test_the_footer_names_the_documents_the_registry_cites(client, registry):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "掲載している情報の出典（1件）" in text_of_html(footer)
    assert "「中国地域内の動き」" in footer
    assert 'href="/sources/"' in footer


def text_of_html(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def slide(locator):
    return Source.objects.get(part_of__title="中国地域内の動き", locator=locator)


def test_a_slide_page_lists_the_facts_that_cite_it_by_kind_with_links(client, registry):
    forum_slide = slide("スライド9")
    response = client.get(forum_slide.get_absolute_url())
    facts = section(response, "citing-heading")
    assert "この出典に基づく情報" in facts
    assert "開催実績（2件）" in facts
    assert "第2回ひがしひろしま半導体フォーラム" in facts
    assert "講演（5件）" in facts
    assert "（「第2回ひがしひろしま半導体フォーラム」のページに掲載）" in facts
    assert "人物（5件）" in facts
    html = response.content.decode()
    box = html[
        html.index('id="citing-heading"') : html.index(
            "</section>", html.index('id="citing-heading"')
        )
    ]
    forum = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    assert f'<a href="{forum.get_absolute_url()}">第3回ひがしひろしま半導体フォーラム</a>' in box
    # A talk has no page of its own: it links to its event's, which shows it.
    talk = forum.talks.first()
    assert f'<a href="{forum.get_absolute_url()}">{talk.name}</a>' in box
    # Facts of other slides are not listed.
    assert "おかやまグリーン成長支援事業" not in facts


def test_the_english_slide_page_lists_them_in_english(client, registry):
    response = client.get("/en" + slide("スライド9").get_absolute_url())
    facts = section(response, "citing-heading")
    assert "Facts that cite this source" in facts
    assert "Events (2)" in facts
    assert "Higashihiroshima Semiconductor Forum" in facts
    assert "(on the page of" in facts


def test_the_deck_page_lists_the_facts_citing_any_of_its_slides(client, registry):
    deck = Source.objects.get(title="中国地域内の動き", part_of=None)
    facts = section(client.get(deck.get_absolute_url()), "citing-heading")
    assert "各箇所に基づく情報を含みます。" in facts
    assert f"開催実績（{Event.objects.count()}件）" in facts
    assert "おかやまグリーン成長支援事業" in facts
    assert "第2回ひがしひろしま半導体フォーラム" in facts


def test_a_slide_no_fact_cites_has_no_such_list(client, registry):
    unused = Source.objects.create(
        part_of=slide("スライド1").part_of, locator="スライド99", title="未使用"
    )
    response = client.get(unused.get_absolute_url())
    assert response.status_code == 200
    assert 'id="citing-heading"' not in response.content.decode()


def test_a_deleted_fact_is_no_longer_listed(client, registry):
    forum = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    forum.delete()
    facts = section(client.get(slide("スライド9").get_absolute_url()), "citing-heading")
    assert "開催実績（1件）" in facts
    assert "第2回ひがしひろしま半導体フォーラム</a>" not in facts


def test_the_source_page_costs_the_same_however_many_facts_cite_it(client, registry):
    from tests import factories
    from tests.portal.test_query_counts import queries_for

    forum_slide = slide("スライド9")

    def cite(times):
        for _ in range(times):
            event = factories.event(source=forum_slide)
            factories.talk(event, 1)
            event.talks.update(source=forum_slide)
            factories.person(source=forum_slide)

    cite(1)
    one = queries_for(client, forum_slide.get_absolute_url())
    cite(3)
    assert queries_for(client, forum_slide.get_absolute_url()) == one
    # The footer, the source, its parts and its siblings; one query per kind of record
    # that may cite it (14), and one per kind of record the facts name or are shown on.
    assert one <= 23


def test_names_on_the_source_page_are_text_and_japanese_ones_are_marked_on_english_pages(
    client, registry
):
    forum = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    forum.name, forum.name_en = "<b>第3回</b>", ""
    forum.save()
    path = slide("スライド9").get_absolute_url()
    assert "&lt;b&gt;第3回&lt;/b&gt;" in client.get(path).content.decode()
    english = client.get("/en" + path).content.decode()
    assert '<span lang="ja">&lt;b&gt;第3回&lt;/b&gt;</span>' in english
    assert "<b>第3回</b>" not in english
