"""The region map: each prefecture's figures, their links to the filtered lists,
the table beside the map, both languages, and a query count that does not grow."""

import re
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.helpers import text_of

PREFECTURES = ["tottori", "shimane", "okayama", "hiroshima", "yamaguchi"]


def svg_of(response):
    html = response.content.decode()
    return html[html.index("<svg") : html.index("</svg>")]


def table_row(response, prefecture):
    html = response.content.decode()
    start = html.index(f'id="figures-{prefecture}"')
    return html[start : html.index("</tr>", start)]


def links_in(html):
    return [unescape(href) for href in re.findall(r'href="([^"]+)"', html)]


def listed_count(client, url):
    """How many rows the linked list says it has."""
    response = client.get(url)
    assert response.status_code == 200
    return int(re.search(r'class="result-count"[^>]*>\s*(\d+)', response.content.decode())[1])


def test_the_map_is_reached_from_the_home_page_and_the_footer(client, registry):
    home = client.get("/")
    assert 'href="/map/"' in home.content.decode()
    english = client.get("/en/")
    assert 'href="/en/map/"' in english.content.decode()


def test_the_map_draws_the_five_prefectures_with_a_title_and_a_description(client, registry):
    response = client.get("/map/")
    assert response.status_code == 200
    svg = svg_of(response)
    assert '<title id="region-map-title">中国地域5県の地図</title>' in svg
    assert "<desc" in svg
    assert svg.count('class="map-area"') == 5
    for name in ["鳥取県", "島根県", "岡山県", "広島県", "山口県"]:
        assert f">{name}</text>" in svg
    # Drawn on the server: the page needs no script.
    assert "<script" not in response.content.decode()


def test_each_prefecture_links_to_its_organisations_and_the_count_matches_the_list(
    client, registry
):
    response = client.get("/map/")
    svg = svg_of(response)
    for prefecture in PREFECTURES:
        url = f"/organisations/?prefecture={prefecture}"
        assert f'href="{url}"' in svg
        row = table_row(response, prefecture)
        assert url in links_in(row)
        shown = int(re.search(r">(\d+)件</a>", row).group(1))
        assert shown == listed_count(client, url), prefecture
    hiroshima = table_row(response, "hiroshima")
    assert ">3件</a>" in hiroshima
    assert "機関・団体3件" in svg


def test_event_counts_link_to_the_events_of_the_councils_based_there(client, registry):
    response = client.get("/map/")
    yamaguchi = table_row(response, "yamaguchi")
    assert "/events/?council=yamaguchi" in links_in(yamaguchi)
    assert "やまぐち半導体・蓄電池産業ネットワーク協議会" in text_of(response)
    # The Taipei events are the prefecture's (山口県の取組み), not the council's.
    assert listed_count(client, "/events/?council=yamaguchi") == 1
    assert ">1件</a>" in yamaguchi
    assert 'href="/events/?council=okayama"' in svg_of(response)
    assert listed_count(client, "/events/?council=okayama") == 3
    # No council is based in Tottori: no event link, and the table says so.
    tottori = table_row(response, "tottori")
    assert "記録なし" in tottori
    assert "/events/" not in tottori


def test_councils_not_based_in_one_prefecture_are_named_beside_the_map(client, registry):
    text = text_of(client.get("/map/")).replace(" ：", "：")
    assert "中国地域半導体関連産業振興協議会：中国地域全域が対象" in text
    assert "せとうち半導体共創コンソーシアム：拠点の県は資料に記載がありません" in text
    assert "所在県の記録がない13件は、どの県にも含めていません。" in text


def test_the_map_marks_where_each_council_is_based(client, registry):
    svg = svg_of(client.get("/map/"))
    assert svg.count('class="map-council"') == 3 + 1  # three councils and the legend
    assert 'aria-label="拠点を置く協議会：おかやま半導体関連コンソーシアム"' in svg
    assert 'href="/councils/okayama/"' in svg


def test_the_english_map_is_in_english(client, registry):
    response = client.get("/en/map/")
    assert response.status_code == 200
    svg = svg_of(response)
    assert ">Hiroshima</text>" in svg
    assert "3 organisations" in svg
    assert 'href="/en/organisations/?prefecture=hiroshima"' in svg
    text = text_of(response)
    assert "Map of the region" in text
    assert "Natural Earth" in text
    for japanese in ["広島県", "機関・団体", "開催実績", "記録なし"]:
        assert japanese not in text


def test_the_dataset_is_credited_on_the_page(client, registry):
    for url in ["/map/", "/en/map/"]:
        html = client.get(url).content.decode()
        assert 'href="https://www.naturalearthdata.com/"' in html
    assert "パブリックドメイン" in text_of(client.get("/map/"))
    assert "public domain" in text_of(client.get("/en/map/"))


def test_the_map_query_count_does_not_grow_with_the_records(
    client, registry, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as before:
        client.get("/map/")
    hiroshima = factories.council(prefecture="hiroshima")
    for _ in range(3):
        factories.organisation(prefecture="shimane")
        factories.event(council=hiroshima)
    with django_assert_num_queries(len(before)):
        response = client.get("/map/")
    # The new records show: a second council in Hiroshima, three more in Shimane.
    assert "機関・団体3件" in svg_of(response)
    hiroshima_row = table_row(response, "hiroshima")
    assert f"/events/?council={hiroshima.slug}" in links_in(hiroshima_row)
    assert 'href="#figures-hiroshima"' in svg_of(response)


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_map_only_answers_reads(client, registry, method):
    assert getattr(client, method)("/map/").status_code == 405


def test_the_figures_take_two_queries(registry, django_assert_num_queries):
    from portal.regionmap import region_figures

    with django_assert_num_queries(2):
        figures = region_figures()
    assert [prefecture.prefecture for prefecture in figures.prefectures] == PREFECTURES
    assert figures.organisations_total == 24
    assert figures.organisations_unplaced == 13
