"""The pages say what the document says: every kind of an event, whose initiative a record is,
a speaker's affiliation in full, qualifiers kept, and printed text only where it is labelled so."""

import icalendar
import pytest
from django.urls import reverse
from django.utils import translation

from councils.models import MembershipSnapshot
from events.models import Agreement, Event, Programme
from members.models import Person
from tests.helpers import results, section, text_of
from tests.portal.test_list_exports import read_csv, read_json_pages

FOUNDING = "設立及び第1回勉強会"


def url(name, language="ja", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def founding(registry):
    return Event.objects.get(name=FOUNDING)


# An event of several kinds (document line 294)


@pytest.mark.parametrize("kind", ["study_session", "founding_meeting"])
def test_the_founding_meeting_is_found_as_either_of_its_kinds(client, registry, kind):
    assert FOUNDING in results(client.get(url("events:event-list") + f"?kind={kind}"))


def test_a_kind_the_event_is_not_leaves_it_out(client, registry):
    assert FOUNDING not in results(client.get(url("events:event-list") + "?kind=forum"))


def test_the_list_and_the_page_show_every_kind(client, founding):
    row = results(client.get(url("events:event-list") + "?kind=study_session"))
    assert "設立会議、勉強会" in row
    page = text_of(client.get(founding.get_absolute_url()))
    assert "設立会議、勉強会" in page


def test_csv_json_and_calendar_carry_every_kind(client, founding):
    header, *rows = read_csv(client.get(url("events:event-csv") + "?kind=study_session"))
    (row,) = [row for row in rows if FOUNDING in row]
    assert row[header.index("種別")] == "設立会議、勉強会"
    header, *rows = read_csv(client.get(url("events:event-csv", "en") + "?kind=founding_meeting"))
    (row,) = [row for row in rows if FOUNDING in row]
    assert row[header.index("Kinds")] == "Founding meeting, Study session"
    records = read_json_pages(client, url("events:event-json") + "?kind=study_session")
    (record,) = [record for record in records if record["name"] == FOUNDING]
    assert record["kinds"] == ["founding_meeting", "study_session"]
    calendar = icalendar.Calendar.from_ical(
        client.get(f"{founding.get_absolute_url()}calendar.ics").content
    )
    (vevent,) = calendar.walk("VEVENT")
    assert [str(category) for category in vevent["CATEGORIES"].cats] == ["設立会議", "勉強会"]


# Whose initiative (slide 6: 山口県の取組み ②)


def test_the_mou_and_the_taipei_events_are_the_prefectures_initiative(client, registry):
    agreement = Agreement.objects.get()
    assert agreement.council is None
    assert agreement.initiative_of.name == "山口県"
    page = text_of(client.get(agreement.get_absolute_url()))
    assert "取組の主体 山口県" in page
    for name in ("企業見学", "商談会", "MOU締結式"):
        event = Event.objects.get(name=name)
        assert (event.council, event.initiative_of.name) == (None, "山口県")
    listed = results(client.get(url("events:event-list") + "?council=yamaguchi"))
    assert "設立会議" in listed and "MOU締結式" not in listed
    prefecture = text_of(client.get(agreement.initiative_of.get_absolute_url()))
    assert "自らの取組" in prefecture and "MOU締結式" in prefecture


def test_the_event_list_names_the_prefecture_for_its_own_events(client, registry):
    row = results(client.get(url("events:event-list") + "?kind=signing_ceremony"))
    assert "山口県 の取組" in row  # the prefecture's name is a link
    assert "山口県 の取組" in results(client.get(url("events:agreement-list")))
    english = results(client.get(url("events:agreement-list", "en")))
    assert "Yamaguchi Prefecture ’s initiative" in english


# A speaker's affiliation in full (line 551)


def test_a_speakers_affiliation_is_shown_in_full(client, registry):
    full = "国立研究開発法人産業技術総合研究所 先進パワーエレクトロニクス研究センター"
    forum = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    assert full in section(client.get(forum.get_absolute_url()), "talks-heading")
    person = Person.objects.get(name="田中 保宣")
    assert f"所属 {full}" in text_of(client.get(person.get_absolute_url()))
    english = text_of(client.get(url("members:person-detail", "en", pk=person.pk)))
    english = english.replace(" , ", ", ")  # each name is a link
    assert (
        "Advanced Power Electronics Research Center, National Institute of Advanced "
        "Industrial Science and Technology (AIST)"
    ) in english


def test_an_affiliation_that_names_its_parent_is_not_repeated(client, registry):
    forum = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    talks = section(client.get(forum.get_absolute_url()), "talks-heading")
    assert "広島大学ナノデバイス研究所" in talks
    assert "広島大学 広島大学ナノデバイス研究所" not in talks


# Amounts and headings (lines 172-173, 557-570)


def test_a_plain_cap_reads_jougen(client, registry):
    programme = Programme.objects.get(name="おかやまグリーン成長支援事業")
    amounts = section(client.get(programme.get_absolute_url()), "amounts-heading")
    assert "上限" in amounts
    assert "1件あたりの上限" not in amounts


def test_all_three_land_measures_show_their_heading(client, registry):
    names = [
        "市主体の産業団地整備の推進",
        "民間による産業用地整備における支援制度の創設（官民連携）",
        "県有地を活用した産業団地整備の推進",
    ]
    for name in names:
        page = text_of(client.get(Programme.objects.get(name=name).get_absolute_url()))
        assert "資料の見出し 産業用地確保に向けた施策の推進" in page, name
    listed = results(client.get(url("events:programme-list")))
    assert listed.count("産業用地確保に向けた施策の推進") == 3


# One count reported twice is one point


def test_yamaguchis_two_reports_of_108_are_one_point_with_two_sources(client, registry):
    (snapshot,) = MembershipSnapshot.objects.filter(council__slug="yamaguchi")
    assert (snapshot.total, snapshot.source.locator, snapshot.corroborating_source.locator) == (
        108,
        "スライド1",
        "スライド5",
    )
    html = client.get(url("councils:detail", slug="yamaguchi")).content.decode()
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert chart.count('class="chart__value"') == 1


# Printed text only where the page says 資料の表記


def test_printed_role_names_are_not_labels(client, registry):
    response = client.get(url("councils:detail", slug="okayama"))
    profile = section(response, "profile-heading")
    assert "（主催）" not in profile and "（座長）" not in profile
    assert "主 催 岡山県" not in profile
    people = section(response, "people-heading")
    assert "資料の表記" in people and "主 催 岡山県" in people
    yamaguchi = client.get(url("councils:detail", slug="yamaguchi"))
    assert "会 長 ： 知 事" not in section(yamaguchi, "profile-heading")
    assert "会 長 ： 知 事" in section(yamaguchi, "people-heading")


def test_okayamas_activities_are_listed_once(client, registry):
    activities = section(client.get(url("councils:detail", slug="okayama")), "activities-heading")
    assert activities.count("勉強会") == 1
    assert "(1)半導体関連の市場" not in activities


def test_the_image_caption_without_an_image_is_gone(client, registry):
    programme = Programme.objects.get(name="おかやまグリーン成長支援事業")
    assert "イメージ図" not in text_of(client.get(programme.get_absolute_url()))
    assert not Programme.objects.filter(description__contains="イメージ図").exists()
