"""Every page says where its facts come from, as of when, and when they were last edited."""

from django.utils import timezone

from events.models import Event
from tests.helpers import section
from tests.portal.test_language import every_page


def test_every_page_cites_the_slides_its_facts_come_from(client, registry):
    for path in every_page():
        if path.startswith("/search/"):
            continue
        for prefix, heading, slide in (("", "出典", "スライド"), ("/en", "Sources", "slide")):
            sources = section(client.get(prefix + path), "sources-heading")
            assert heading in sources, prefix + path
            assert slide in sources, prefix + path
            assert "中国地域内の動き" in sources, prefix + path


def test_a_page_gives_the_as_of_date_of_its_source(client, registry):
    event = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    sources = section(client.get(event.get_absolute_url()), "sources-heading")
    assert "スライド9" in sources
    assert "（令和6（2024）年3月26日時点" in sources
    assert "資料の記載のまま掲載しており" in sources


def test_a_page_shows_when_its_record_was_last_edited(client, registry):
    event = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    event.venue = "広島大学 学士会館レセプションホール"
    event.save()
    today = timezone.localdate()
    sources = section(client.get(event.get_absolute_url()), "sources-heading")
    reiwa = today.year - 2018
    assert f"最終更新日： 令和{reiwa}（{today.year}）年{today.month}月{today.day}日" in sources
    english = section(client.get("/en" + event.get_absolute_url()), "sources-heading")
    assert f"Last updated: {today.day} {today:%B} {today.year}" in english
