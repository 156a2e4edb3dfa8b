"""Japanese by default, English by choice, with a switch on every page and stable URLs."""

import pytest
from django.conf import settings
from django.urls import reverse

from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person
from tests.helpers import text_of


def every_page():
    return [
        reverse("home"),
        reverse("search") + "?q=半導体",
        reverse("councils:list"),
        Council.objects.get(slug="chugoku").get_absolute_url(),
        reverse("members:organisation-list"),
        Organisation.objects.get(name="広島大学").get_absolute_url(),
        Person.objects.get(name="河原昭二").get_absolute_url(),
        reverse("events:event-list"),
        Event.objects.get(name="第3回ひがしひろしま半導体フォーラム").get_absolute_url(),
        reverse("events:agreement-list"),
        Agreement.objects.get().get_absolute_url(),
        reverse("events:programme-list"),
        Programme.objects.get(name="成長産業等企業育成事業").get_absolute_url(),
    ]


def test_every_page_is_japanese_by_default_and_english_under_en(client, registry):
    for path in every_page():
        japanese = client.get(path)
        assert japanese.status_code == 200, path
        assert '<html lang="ja">' in japanese.content.decode(), path
        english = client.get("/en" + path)
        assert english.status_code == 200, path
        assert '<html lang="en">' in english.content.decode(), path


def test_every_page_has_the_language_switch_with_its_own_address(client, registry):
    for path in every_page():
        html = client.get(path).content.decode()
        assert f'action="{reverse("set_language")}"' in html, path
        assert '<option value="en" lang="en">English</option>' in html, path
        assert 'name="next"' in html, path


def test_every_page_has_one_h1_and_the_landmarks(client, registry):
    for path in every_page():
        for prefix in ("", "/en"):
            html = client.get(prefix + path).content.decode()
            assert html.count("<h1") == 1, prefix + path
            for landmark in ("<header", "<nav", "<main", "<footer"):
                assert landmark in html, (prefix + path, landmark)


def test_switching_to_english_keeps_the_page_and_its_filters_and_is_remembered(client, registry):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "/events/?kind=forum&page=1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/events/?kind=forum&page=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = text_of(client.get(response["Location"]))
    assert "2nd Higashihiroshima Semiconductor Forum" in page


def test_switching_back_to_japanese_drops_the_prefix(client, registry):
    response = client.post(
        reverse("set_language"), {"language": "ja", "next": "/en/councils/okayama/"}
    )
    assert response["Location"] == "/councils/okayama/"


def test_links_on_an_english_page_stay_in_english(client, registry):
    html = client.get("/en/").content.decode()
    assert 'href="/en/councils/okayama/"' in html
    assert 'href="/en/organisations/"' in html
    assert 'href="/councils/okayama/"' not in html


def test_english_pages_mark_japanese_only_names(client, registry):
    html = client.get("/en" + Person.objects.get(name="河原昭二").get_absolute_url()).content
    assert '<h1><span lang="ja">河原昭二</span></h1>' in html.decode()


@pytest.mark.parametrize(
    ("path", "japanese", "english"),
    [
        (
            "/",
            "中国地域の半導体関連協議会",
            "Semiconductor-industry councils of the Chugoku region",
        ),
        ("/events/", "絞り込みと並べ替え", "Filter and sort"),
        ("/programmes/", "実施主体", "Run by"),
    ],
)
def test_interface_text_is_translated(client, registry, path, japanese, english):
    assert japanese in text_of(client.get(path))
    assert english in text_of(client.get("/en" + path))
