"""Search finds records however a visitor types: width, case, kana and several words."""

import pytest
from django.urls import reverse

from tests import factories
from tests.helpers import results, section, text_of


def search(client, text, language=""):
    return client.get(language + reverse("search"), {"q": text})


MICRON = "マイクロンメモリジャパン株式会社"


@pytest.mark.parametrize(
    "typed", ["ﾏｲｸﾛﾝ", "Ｍｉｃｒｏｎ", "まいくろん", "マイクロン", "MICRON", "micron"]
)
def test_width_case_and_kana_variants_find_micron(client, registry, typed):
    assert MICRON in section(search(client, typed), "results-2")


def test_english_names_are_searched_on_japanese_pages(client, registry):
    # The organisation's name_en is "Micron Memory Japan"; "memory" is not in its Japanese name.
    assert MICRON in section(search(client, "Memory Japan"), "results-2")


def test_a_katakana_query_finds_text_stored_in_hiragana(client, registry):
    assert "第2回ひがしひろしま半導体フォーラム" in section(search(client, "ﾋｶﾞｼﾋﾛｼﾏ"), "results-4")


@pytest.mark.parametrize("typed", ["半導体 フォーラム", "半導体　フォーラム", "　半導体　　ﾌｫｰﾗﾑ "])
def test_several_words_must_all_be_found(client, registry, typed):
    response = search(client, typed)
    events = section(response, "results-4")
    assert "第2回ひがしひろしま半導体フォーラム" in events
    assert "第3回ひがしひろしま半導体フォーラム" in events
    # 半導体 alone finds the council; with フォーラム, it no longer does.
    assert "中国地域半導体関連産業振興協議会" in text_of(search(client, "半導体"))
    assert "中国地域半導体関連産業振興協議会" not in text_of(response)


def test_words_may_mix_languages_and_be_found_in_different_fields(client, registry):
    # フォーラム is in the event's name, sustainability in the English title of one of its talks.
    events = section(search(client, "ﾌｫｰﾗﾑ Sustainability"), "results-4")
    assert "第2回ひがしひろしま半導体フォーラム" in events
    assert "第3回" not in events


def test_words_may_be_found_in_different_talks_of_one_event(client, db):
    event = factories.event(name="勉強会")
    first, second = factories.talk(event, 1), factories.talk(event, 2)
    first.name, second.name = "クリーンルームの基礎", "パワー半導体の動向"
    first.save(), second.save()
    assert "勉強会" in section(search(client, "くりーんるーむ パワー"), "results-4")


def test_one_word_that_is_not_found_empties_the_result(client, registry):
    page = text_of(search(client, "マイクロン 存在しない語句"))
    assert "「マイクロン 存在しない語句」に一致する情報：0件" in page


@pytest.mark.parametrize("typed", ["%", "_", "\\", "%_%"])
def test_like_wildcards_are_ordinary_characters(client, registry, typed):
    response = search(client, typed)
    assert response.status_code == 200
    assert "一致する情報：0件" in text_of(response)


def test_a_quote_is_an_ordinary_character(client, registry):
    # The talk "Micron's work on environmental sustainability" has one.
    events = section(search(client, "ＭＩＣＲＯＮ＇Ｓ"), "results-4")
    assert "第2回ひがしひろしま半導体フォーラム" in events


def test_an_empty_result_suggests_fewer_words_and_the_lists(client, registry):
    response = search(client, "マイクロン 存在しない語句")
    page = text_of(response)
    html = response.content.decode()
    assert "語句を減らしてお試しください。次のいずれか一語だけでも検索できます。" in page
    assert 'href="?q=%E3%83%9E%E3%82%A4%E3%82%AF%E3%83%AD%E3%83%B3"' in html  # マイクロン alone
    assert "絞り込み条件を指定してお探しください。" in page
    assert f'href="{reverse("members:organisation-list")}"' in html
    assert f'href="{reverse("events:event-list")}"' in html
    # The suggested single word does find something.
    assert MICRON in text_of(search(client, "マイクロン"))


def test_an_empty_result_of_one_word_suggests_only_the_lists(client, registry):
    page = text_of(search(client, "存在しない語句"))
    assert "語句を減らして" not in page
    assert "絞り込み条件を指定してお探しください。" in page


def test_the_suggestions_are_in_english_on_english_pages(client, registry):
    response = search(client, "Micron nothing-like-this", "/en")
    page = text_of(response)
    assert "Try fewer words. You can search for one of them alone:" in page
    assert "open a list and narrow it down with its filters" in page
    assert 'href="/en/organisations/"' in response.content.decode()


def test_a_result_with_hits_makes_no_suggestions(client, registry):
    assert "語句を減らして" not in text_of(search(client, "ﾏｲｸﾛﾝ"))
    assert "絞り込み条件を指定して" not in text_of(search(client, "ﾏｲｸﾛﾝ"))


def test_the_organisation_list_filter_folds_the_same_way(client, registry):
    url = reverse("members:organisation-list")
    for typed in ("ﾏｲｸﾛﾝ", "Ｍｉｃｒｏｎ", "まいくろん", "micron　japan"):
        assert MICRON in results(client.get(url, {"q": typed})), typed
    assert MICRON not in results(client.get(url, {"q": "マイクロン 広島"}))


def test_the_organisation_csv_applies_the_same_search(client, registry):
    response = client.get("/organisations/export.csv", {"q": "ﾏｲｸﾛﾝ"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert MICRON in body
    assert "トクヤマ" not in body


def test_several_words_keep_the_query_count(client, db, django_assert_num_queries):
    factories.organisation(name="半導体テスト団体")
    with django_assert_num_queries(7):
        search(client, "半導体 ﾃｽﾄ　団体")
