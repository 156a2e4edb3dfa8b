"""The event, agreement and programme lists and pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import Agreement, Event, Programme
from tests import factories
from tests.helpers import results, section, text_of


def url(name, language="ja", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# Events


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("council=higashihiroshima", "第3回ひがしひろしま半導体フォーラム", "設立会議"),
        ("kind=company_visit", "先進企業視察", "商談会"),
        ("date_after=2024-02-20&date_before=2024-02-28", "MOU締結式", "先進企業視察"),
        (
            "fiscal_year=2023&council=higashihiroshima",
            "第2回ひがしひろしま半導体フォーラム",
            "第2回勉強会",
        ),
        ("city=台北", "MOU締結式", "商談会"),
    ],
)
def test_event_filters_narrow_the_list(client, registry, query, shown, hidden):
    table = results(client.get(url("events:event-list") + "?" + query))
    assert shown in table
    assert hidden not in table


def test_fiscal_year_runs_from_1_april_to_31_march(client, registry):
    for day in ("2023-03-31", "2023-04-01", "2024-03-31", "2024-04-01"):
        factories.event(name=f"境界の催し{day}", date=datetime.date.fromisoformat(day))
    table = results(client.get(url("events:event-list") + "?fiscal_year=2023"))
    assert "境界の催し2023-04-01" in table
    assert "境界の催し2024-03-31" in table
    assert "境界の催し2023-03-31" not in table
    assert "境界の催し2024-04-01" not in table
    # 令和5年度 holds the registry's nine events and the two boundary days.
    assert table.count("令和5（2023）年度") == 11


def test_a_fiscal_year_without_events_lists_none(client, registry):
    page = client.get(url("events:event-list") + "?fiscal_year=2024")
    assert page.status_code == 200
    assert results(page) == ""
    assert "0件" in text_of(page)


def test_event_list_counts_and_sorts(client, registry):
    page = text_of(client.get(url("events:event-list") + "?sort=-date"))
    assert "9件" in page
    table = results(client.get(url("events:event-list") + "?sort=-date"))
    assert table.index("MOU締結式") < table.index("設立及び第1回勉強会")


def test_event_page_shows_venue_time_attendance_and_talks(client, registry):
    event = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    page = text_of(client.get(url("events:event-detail", pk=event.pk)))
    # 公用文's date, with the weekday the document prints (「８月１０日（木）」) and the time.
    assert "令和5（2023）年8月10日（木） 14:00" in page
    assert "東広島商工会議所 ４階文化ホール" in page
    # Every count with its counter, as the document writes it (４２団体９５名…１５社).
    assert "参加団体数 42団体" in page and "参加者数 95名" in page
    assert "うち市内に事業所を有する企業数 15社" in page
    # 組織 役職 氏名 氏, as an event report names an outside speaker.
    assert "講演者： エーエスエムエル・ジャパン株式会社 代表取締役社長 藤原 祥二郎 氏" in page
    assert "マイクロンの環境持続可能性への取組み" in page and "大津 雅人" in page
    assert "国際競争力強化を実現するための半導体戦略" in page and "三井 豊興" in page


def test_event_page_in_english(client, registry):
    event = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    response = client.get(url("events:event-detail", "en", pk=event.pk))
    page = text_of(response)
    assert "3rd Higashihiroshima Semiconductor Forum" in page
    assert "2 February 2024" in page and "FY2023" in page
    assert "Latest technology trends in next-generation power semiconductors" in page
    assert '<span lang="ja">田中 保宣</span>' in response.content.decode()


def test_business_meeting_shows_both_sides(client, registry):
    event = Event.objects.get(name="商談会")
    page = text_of(client.get(url("events:event-detail", pk=event.pk)))
    assert "県内企業４社が参加（台湾側は８社が対応）" in page
    assert "半導体産業の振興に関するMOU(覚書)" in page


# Agreements


@pytest.mark.parametrize(
    ("query", "count"),
    [
        # The MOU is 山口県の取組み ②, signed by the prefecture's support bodies.
        ("council=yamaguchi", 0),
        ("council=okayama", 0),
        ("country=TW", 1),
        ("year=2024", 1),
        ("year=2023", 0),
    ],
)
def test_agreement_filters_narrow_the_list(client, registry, query, count):
    table = results(client.get(url("events:agreement-list") + "?" + query))
    assert ("半導体産業の振興に関するMOU(覚書)" in table) == bool(count)


def test_agreement_page_shows_parties_place_scope_and_events(client, registry):
    agreement = Agreement.objects.get()
    response = client.get(url("events:agreement-detail", pk=agreement.pk))
    page = text_of(response)
    assert "令和6（2024）年2月23日" in page
    assert "台北市" in page
    assert "技術及びマーケティング情報の相互共有" in page
    parties = section(response, "parties-heading")
    for name, side in [
        ("(財)工業技術研究院", "台湾側"),
        ("(社)台湾電子設備協会", "台湾側"),
        ("(公財)やまぐち産業振興財団", "山口県側"),
        ("(地独)山口県産業技術センター", "山口県側"),
    ]:
        assert f"{name} {side}" in parties
    related = section(response, "events-heading")
    assert "企業見学" in related and "商談会" in related and "MOU締結式" in related


def test_agreement_page_in_english(client, registry):
    page = text_of(client.get(url("events:agreement-detail", "en", pk=Agreement.objects.get().pk)))
    assert "MOU on promoting the semiconductor industry" in page
    assert "23 February 2024" in page
    assert "Industrial Technology Research Institute (ITRI)" in page
    assert "Taiwan" in page


# Programmes


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("fiscal_year=2024", "成長産業等企業育成事業", "おかやまグリーン成長支援事業"),
        ("kind=land_development", "県有地を活用した産業団地整備の推進", "成長産業等企業育成事業"),
        (
            "owner={higashihiroshima}",
            "ひがしひろしま半導体フォーラムの継続開催",
            "令和６年度の取組み",
        ),
    ],
)
def test_programme_filters_narrow_the_list(client, registry, query, shown, hidden):
    owner = Programme.objects.get(name="市主体の産業団地整備の推進").owner_id
    query = query.format(higashihiroshima=owner)
    table = results(client.get(url("events:programme-list") + "?" + query))
    assert shown in table
    assert hidden not in table


def test_programme_page_shows_amounts_units_and_conditions(client, registry):
    programme = Programme.objects.get(name__startswith="民間による産業用地整備")
    page = text_of(client.get(url("events:programme-detail", pk=programme.pk)))
    # The amount once, in 万円 as the document prints it.
    assert "3,500万円" in page and "35,000,000" not in page
    assert "1haあたりの上限" in page
    assert "ＩＣ周辺半径２ｋｍ圏内" in page and "2km以内" in page
    # 概ね stays: the condition is about 3 ha, not a hard 3 ha.
    assert "分譲面積が概ね３ha 以上" in page and "概ね3ha以上" in page
    assert "（3ha以上）" not in page
    assert "民間開発事業者" in page
    assert "令和6（2024）年度" in page


def test_programme_page_in_english(client, registry):
    programme = Programme.objects.get(name="おかやまグリーン成長支援事業")
    page = text_of(client.get(url("events:programme-detail", "en", pk=programme.pk)))
    assert "Okayama Green Growth Support Programme" in page
    assert "Green subsidy: trial research: ¥2,000,000" not in page
    assert "¥2,000,000" in page and "¥10,000,000" in page
    # The document says only 上限: not per project.
    assert "Cap per project" not in page
    assert page.count("Cap ") >= 2


def test_programme_list_shows_yen_with_separators(client, registry):
    table = results(client.get(url("events:programme-list")))
    # The label is not repeated when it is the kind of amount (予算額).
    assert "予算額：3,000万円" in table
    assert "予算額：3,000万円 （予算額）" not in table


# Query counts do not grow with the rows.


def test_event_list_queries_do_not_grow(client, db, django_assert_num_queries):
    # Two of them count the filters' choices (council, kind).
    factories.event(council=factories.council())
    with django_assert_num_queries(7):
        client.get(url("events:event-list"))
    for _ in range(60):
        factories.event(
            council=factories.council(),
            venue_organisation=factories.organisation(),
            kinds=[Event.Kind.FOUNDING_MEETING, Event.Kind.STUDY_SESSION],
        )
    with django_assert_num_queries(7):
        client.get(url("events:event-list") + "?page=2")


def test_agreement_list_queries_do_not_grow(client, db, django_assert_num_queries):
    # Two of them count the filters' choices (council, country).
    factories.party(factories.agreement(council=factories.council()), 1)
    with django_assert_num_queries(8):
        client.get(url("events:agreement-list"))
    for _ in range(10):
        agreement = factories.agreement(council=factories.council())
        factories.party(agreement, 1)
        factories.party(agreement, 2, country="TW")
    with django_assert_num_queries(8):
        client.get(url("events:agreement-list"))


def test_programme_list_queries_do_not_grow(client, db, django_assert_num_queries):
    # Two of them count the filters' choices (owner, kind).
    factories.amount(factories.programme(), 1)
    with django_assert_num_queries(7):
        client.get(url("events:programme-list"))
    for _ in range(10):
        programme = factories.programme(council=factories.council())
        factories.amount(programme, 1)
        factories.amount(programme, 2)
    with django_assert_num_queries(7):
        client.get(url("events:programme-list"))


def test_event_page_queries_do_not_grow(client, db, django_assert_num_queries):
    event = factories.event(council=factories.council())
    factories.talk(event, 1)
    with django_assert_num_queries(4):
        client.get(url("events:event-detail", pk=event.pk))
    for order in range(2, 7):
        factories.talk(event, order)
    with django_assert_num_queries(4):
        client.get(url("events:event-detail", pk=event.pk))


def test_agreement_page_queries_do_not_grow(client, db, django_assert_num_queries):
    agreement = factories.agreement()
    factories.party(agreement, 1)
    factories.event(agreement=agreement)
    with django_assert_num_queries(5):
        client.get(url("events:agreement-detail", pk=agreement.pk))
    for order in range(2, 7):
        factories.party(agreement, order)
        factories.event(agreement=agreement, date=datetime.date(2024, 3, order))
    with django_assert_num_queries(5):
        client.get(url("events:agreement-detail", pk=agreement.pk))


def test_programme_page_queries_do_not_grow(client, db, django_assert_num_queries):
    programme = factories.programme()
    factories.amount(programme, 1)
    factories.item(programme, 1)
    with django_assert_num_queries(4):
        client.get(url("events:programme-detail", pk=programme.pk))
    for order in range(2, 7):
        factories.amount(programme, order)
        factories.item(programme, order)
        factories.item(programme, order, kind="condition")
    with django_assert_num_queries(4):
        client.get(url("events:programme-detail", pk=programme.pk))
