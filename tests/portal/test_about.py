"""The about page: publisher, coverage, sources, currency, how to report an
error and the terms of reuse, from settings, in both languages."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from councils.models import Council
from tests.helpers import section, text_of


def test_the_about_page_is_linked_from_every_page(client, registry):
    for url, about in [("/", "/about/"), ("/events/", "/about/"), ("/en/", "/en/about/")]:
        assert f'href="{about}"' in client.get(url).content.decode()


def test_the_about_page_names_the_publisher_and_the_contact_from_settings(
    client, registry, settings
):
    settings.SITE_PUBLISHER = "中国地域半導体データ編集室"
    settings.SITE_PUBLISHER_EN = "Chugoku Semiconductor Data Office"
    settings.SITE_CONTACT_EMAIL = "errata@registry.example.org"
    response = client.get("/about/")
    assert response.status_code == 200
    assert "このサイトは、中国地域半導体データ編集室が発行しています。" in section(
        response, "publisher-heading"
    )
    errors = section(response, "errors-heading")
    assert "errata@registry.example.org" in errors
    assert 'href="mailto:errata@registry.example.org"' in response.content.decode()
    english = client.get("/en/about/")
    assert "This registry is published by Chugoku Semiconductor Data Office." in text_of(english)


def test_the_default_terms_are_the_government_standard_terms_compatible_with_cc_by(
    client, registry
):
    terms = section(client.get("/about/"), "terms-heading")
    assert "このサイトのデータは、政府標準利用規約（第2.0版）に従って利用できます。" in terms
    assert "CC BY 4.0" in terms
    english = section(client.get("/en/about/"), "terms-heading")
    assert "Government of Japan Standard Terms of Use (Version 2.0)" in english
    assert "https://creativecommons.org/licenses/by/4.0/deed.en" in (
        client.get("/en/about/").content.decode()
    )


def test_other_terms_come_from_settings(client, registry, settings):
    settings.SITE_DATA_TERMS = "クリエイティブ・コモンズ 表示 4.0 国際"
    settings.SITE_DATA_TERMS_URL = "https://creativecommons.org/licenses/by/4.0/deed.ja"
    settings.SITE_DATA_TERMS_CC_BY_COMPATIBLE = False
    response = client.get("/about/")
    terms = section(response, "terms-heading")
    assert "クリエイティブ・コモンズ 表示 4.0 国際に従って利用できます。" in terms
    assert "互換性" not in terms
    assert "規約の本文" in terms


def test_the_page_says_what_it_covers_with_counts_from_the_data(client, registry):
    coverage = section(client.get("/about/"), "coverage-heading")
    assert "協議会 5件" in coverage
    assert "鳥取県、島根県、岡山県、広島県、山口県" in coverage
    english = section(client.get("/en/about/"), "coverage-heading")
    assert "Councils 5 records" in english


def test_how_current_it_is_comes_from_the_data(client, registry):
    currency = section(client.get("/about/"), "currency-heading")
    # The newest as-of date any source or membership count gives.
    assert "出典に記載された最も新しい時点：令和6（2024）年3月26日" in currency
    assert "資料から登録した後に更新した情報はありません。" in currency
    council = Council.objects.get(slug="okayama")
    council.purpose = council.purpose + "（更新）"
    council.save()
    edited = section(client.get("/about/"), "currency-heading")
    today = timezone.localdate()
    assert (
        f"最終更新日：令和{today.year - 2018}（{today.year}）年{today.month}月{today.day}日"
        in edited
    )


def test_the_sources_name_the_document(client, registry):
    sources = section(client.get("/about/"), "sources-about-heading")
    assert "「中国地域内の動き」" in sources


def test_the_deployment_check_warns_about_the_placeholder_contact(settings):
    from portal.pages import check_publisher_settings

    settings.SITE_CONTACT_EMAIL = "registry@example.com"
    assert [message.id for message in check_publisher_settings(None)] == ["portal.W001"]
    settings.SITE_CONTACT_EMAIL = "errata@registry.example.org"
    assert check_publisher_settings(None) == []


@pytest.mark.parametrize("url", ["/about/", "/en/about/"])
def test_the_about_page_query_count_is_fixed(client, registry, url, django_assert_num_queries):
    from tests import factories

    client.get(url)
    with django_assert_num_queries(9):
        client.get(url + "?fresh=1")
    for _ in range(3):
        factories.organisation()
        factories.event(date=datetime.date(2024, 5, 1))
    with django_assert_num_queries(9):
        client.get(url + "?fresh=2")


def test_call_command_check_passes():
    call_command("check")
