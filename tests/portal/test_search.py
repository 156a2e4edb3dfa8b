"""Search across every kind of record, in Japanese or English."""

from django.urls import reverse

from tests import factories
from tests.helpers import section, text_of


def search(client, text, language=""):
    return client.get(language + reverse("search"), {"q": text})


def test_search_finds_every_kind_of_record_by_a_japanese_substring(client, registry):
    page = text_of(search(client, "半導体"))
    assert "中国地域半導体関連産業振興協議会" in page  # council
    assert "第2回ひがしひろしま半導体フォーラム" in page  # event
    assert "半導体産業の振興に関するMOU(覚書)" in page  # agreement
    assert "成長産業等企業育成事業" in page  # programme (its purpose mentions 半導体産業)


def test_search_finds_organisations_and_people(client, registry):
    page = text_of(search(client, "広島大学"))
    assert "広島大学ナノデバイス研究所" in page
    people = text_of(search(client, "田中"))
    assert "田中 保宣" in people


def test_search_finds_an_event_by_a_talk_title(client, registry):
    response = search(client, "サプライチェーン")
    assert "第3回ひがしひろしま半導体フォーラム" in section(response, "results-4")


def test_search_matches_english_names_on_english_pages(client, registry):
    page = text_of(search(client, "tokuyama", "/en"))
    assert "Tokuyama" in page
    assert "1 record matches" in page


def test_an_empty_search_explains_itself(client, registry):
    page = text_of(search(client, "   "))
    assert "名称の一部だけでも検索できます" in page


def test_a_search_that_finds_nothing_says_so(client, registry):
    page = text_of(search(client, "存在しない語句"))
    assert "「存在しない語句」に一致する情報：0件" in page


def test_search_queries_do_not_grow_with_hits(client, db, django_assert_num_queries):
    factories.organisation(name="半導体テスト団体")
    with django_assert_num_queries(7):
        search(client, "半導体")
    for _ in range(60):
        factories.organisation(name=f"半導体{factories.next_number()}")
        factories.event(name=f"半導体の勉強会{factories.next_number()}")
        factories.programme(name=f"半導体の事業{factories.next_number()}")
    with django_assert_num_queries(7):
        response = search(client, "半導体")
    assert "一覧でさらに見る" in text_of(response)
