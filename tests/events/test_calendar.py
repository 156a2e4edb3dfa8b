"""The events list as an iCalendar feed, and each event as its own .ics file."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from events.models import Event
from events.selectors import event_list


def read_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar):
    return calendar.walk("VEVENT")


def test_the_feed_has_one_event_per_filtered_event_in_order(client, registry):
    calendar = read_calendar(client.get("/events/calendar.ics?council=yamaguchi"))
    expected = event_list(filters=QueryDict("council=yamaguchi"))
    assert [str(vevent["UID"]) for vevent in vevents(calendar)] == [
        f"event-{event.pk}@chugoku-semiconductor-registry" for event in expected
    ]
    # The Taipei visits, business meeting and signing are the prefecture's, not the council's.
    assert len(vevents(calendar)) == 1


def test_uids_do_not_change_when_an_event_is_edited(client, registry):
    first = read_calendar(client.get("/events/calendar.ics"))
    forum = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    forum.name = "第2回ひがしひろしま半導体フォーラム（改）"
    forum.save()
    second = client.get("/events/calendar.ics")
    assert second["X-Cache"] == "miss"  # built again, not the first file from the cache
    second = read_calendar(second)
    assert "ひがしひろしま半導体フォーラム：第2回ひがしひろしま半導体フォーラム（改）" in [
        str(v["SUMMARY"]) for v in vevents(second)
    ]
    uids = [str(vevent["UID"]) for vevent in vevents(first)]
    assert uids == [str(vevent["UID"]) for vevent in vevents(second)]
    assert len(set(uids)) == Event.objects.count() == 9


def test_a_timed_event_starts_at_its_time_in_tokyo(client, registry):
    forum = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    calendar = read_calendar(client.get(f"{forum.get_absolute_url()}calendar.ics"))
    (forum,) = vevents(calendar)
    start = forum.decoded("DTSTART")
    assert start == datetime.datetime(2023, 8, 10, 5, 0, tzinfo=datetime.UTC)
    assert str(start.tzinfo) == "Asia/Tokyo"
    assert forum["DTSTART"].params["TZID"] == "Asia/Tokyo"
    assert [timezone["TZID"] for timezone in calendar.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    assert "東広島商工会議所" in str(forum["LOCATION"])


def test_an_event_without_a_time_is_an_all_day_event(client, registry):
    event = Event.objects.get(name="MOU締結式")
    (ceremony,) = vevents(read_calendar(client.get(f"{event.get_absolute_url()}calendar.ics")))
    assert ceremony.decoded("DTSTART") == datetime.date(2024, 2, 23)
    # DTEND is exclusive: a one-day event ends on the next day.
    assert ceremony.decoded("DTEND") == datetime.date(2024, 2, 24)
    assert ceremony["DTSTART"].params["VALUE"] == "DATE"


def test_each_event_links_to_its_page_and_cites_its_source(client, registry):
    pk = Event.objects.get(name="MOU締結式").pk
    (ceremony,) = vevents(read_calendar(client.get(f"/en/events/{pk}/calendar.ics")))
    assert str(ceremony["URL"]) == f"http://testserver/en/events/{pk}/"
    # 山口県の取組み: the summary names the prefecture whose initiative it was.
    assert str(ceremony["SUMMARY"]) == "Yamaguchi Prefecture: MOU signing ceremony"
    assert str(ceremony["LOCATION"]) == "台北市, Taiwan"
    description = str(ceremony["DESCRIPTION"])
    assert "Slide 6" in description and "towards overseas markets" in description
    # The line numbers of the deck's text file are the editors' own; they stay out.
    assert "406" not in description


def test_summaries_follow_the_pages_language(client, registry):
    japanese = vevents(read_calendar(client.get("/events/calendar.ics?kind=forum")))
    english = vevents(read_calendar(client.get("/en/events/calendar.ics?kind=forum")))
    assert (
        str(japanese[0]["SUMMARY"])
        == "ひがしひろしま半導体フォーラム：第2回ひがしひろしま半導体フォーラム"
    )
    assert str(english[0]["SUMMARY"]) == (
        "Higashihiroshima Semiconductor Forum: 2nd Higashihiroshima Semiconductor Forum"
    )


def test_each_summary_names_the_council_in_japanese_style(client, registry):
    summaries = {
        str(vevent["SUMMARY"])
        for vevent in vevents(read_calendar(client.get("/events/calendar.ics")))
    }
    assert "やまぐち半導体・蓄電池産業ネットワーク協議会：設立会議" in summaries
    assert "おかやま半導体関連コンソーシアム：設立及び第1回勉強会" in summaries
    # A full-width colon, no space, as Japanese text writes it.
    assert all("：" in summary and ": " not in summary for summary in summaries)


def test_the_feed_is_a_valid_rfc5545_calendar(client, registry):
    body = client.get("/events/calendar.ics").content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    # Folded lines stay within 75 octets, as RFC 5545 requires.
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    for vevent in vevents(calendar):
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY", "URL", "DESCRIPTION"} <= set(vevent)


def test_an_unknown_event_is_404(client, registry):
    assert client.get("/events/999/calendar.ics").status_code == 404


@pytest.mark.parametrize("query", ["fiscal_year=abc", "kind=party", "council=nowhere"])
def test_an_invalid_filter_gives_400_not_a_calendar_of_everything(client, registry, query):
    response = client.get(f"/events/calendar.ics?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.content.decode()


def test_the_feeds_query_count_does_not_grow_with_the_events(
    client, registry, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as one:
        assert (
            len(vevents(read_calendar(client.get("/events/calendar.ics?kind=signing_ceremony"))))
            == 1
        )
    with django_assert_num_queries(len(one)):
        assert len(vevents(read_calendar(client.get("/events/calendar.ics")))) == 9


def test_a_japanese_calendar_writes_as_the_pages_do(client, registry):
    calendar = read_calendar(client.get("/events/calendar.ics?council=higashihiroshima"))
    assert str(calendar["X-WR-CALNAME"]) == "中国地域の半導体関連協議会：開催実績"
    forum = vevents(calendar)[0]
    description = str(forum["DESCRIPTION"])
    assert "出典：「中国地域内の動き」" in description
    assert description.endswith("令和6（2024）年3月26日時点")
    assert "2024-03-26" not in description
    assert str(forum["LOCATION"]) == "東広島商工会議所 ４階文化ホール、東広島市、日本"
