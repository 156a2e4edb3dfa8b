"""The home page, the council list and the council pages, in Japanese and English."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from councils.models import Council, MembershipSnapshot, Source
from tests import factories
from tests.helpers import results, section, text_of


def url(name, language="ja", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# Home: the councils side by side, as the document's first table.


def test_home_compares_the_five_councils_as_the_document_does(client, registry):
    page = text_of(client.get(url("home")))
    for name, founded in [
        ("中国地域半導体関連産業振興協議会", "令和4（2022）年10月5日"),
        ("おかやま半導体関連コンソーシアム", "令和5（2023）年11月13日"),
        ("せとうち半導体共創コンソーシアム", "令和5（2023）年3月9日"),
        ("やまぐち半導体・蓄電池産業ネットワーク協議会", "令和5（2023）年8月8日"),
        ("ひがしひろしま半導体フォーラム", "令和5（2023）年1月24日"),
    ]:
        assert name in page
        assert founded in page
    assert "ポテンシャルの見える化と裾野拡大" in page
    assert "広島大学ナノデバイス研究所" in page
    assert "河原昭二" in page and "東正信" in page and "トクヤマ" in page
    assert "会員制ではない" in page


def test_home_shows_each_latest_count_with_its_breakdown_and_date(client, registry):
    comparison = section(client.get(url("home")), "comparison-heading")
    assert "139者 企業102、教育15、その他22 令和6（2024）年3月26日時点" in comparison
    assert "49者 企業45、教育2、その他2 令和6（2024）年3月8日時点" in comparison
    assert "22者 企業19、行政3 令和6（2024）年2月1日時点" in comparison
    # Yamaguchi has two counts of 108; the newer one (1 March) has the breakdown.
    assert "108者 企業74、教育5、その他29 令和6（2024）年3月1日時点" in comparison


def test_home_totals_across_councils_with_the_overlap_note(client, registry):
    composition = section(client.get(url("home")), "composition-heading")
    assert "全協議会の合計 240 22 3 53 318" in composition
    assert "複数の協議会に加入" in composition


def test_home_chart_is_drawn_from_the_data(client, registry):
    html = client.get(url("home")).content.decode()
    assert html.count("<svg") == 1
    assert ">139</text>" in html
    MembershipSnapshot.objects.create(
        council=Council.objects.get(slug="setouchi"),
        as_of=datetime.date(2024, 6, 1),
        total=31,
        companies=25,
        government=6,
        source=Source.objects.get(locator="スライド1"),
    )
    html = client.get(url("home")).content.decode()
    assert ">31</text>" in html
    assert ">22</text>" not in html


def test_home_in_english(client, registry):
    page = text_of(client.get(url("home", "en")))
    assert "Chugoku Regional Semiconductor-Related Industry Promotion Council" in page
    assert "5 October 2022" in page
    assert "Companies 102, Education 15, Other 22" in page
    assert "as of 26 March 2024" in page
    assert "Not membership-based" in page


# The council list and its filters.


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("prefecture=okayama", "おかやま半導体関連", "中国地域半導体関連"),
        ("kind=forum", "ひがしひろしま半導体", "せとうち半導体共創"),
        ("scope=region", "中国地域半導体関連", "おかやま半導体関連"),
        ("founded_year=2023", "せとうち半導体共創", "中国地域半導体関連"),
        ("membership_based=false", "ひがしひろしま半導体", "やまぐち半導体"),
    ],
)
def test_council_filters_narrow_the_list(client, registry, query, shown, hidden):
    page = results(client.get(url("councils:list") + "?" + query))
    assert shown in page
    assert hidden not in page


def test_council_list_counts_and_sorts(client, registry):
    assert "5件" in text_of(client.get(url("councils:list")))
    page = results(client.get(url("councils:list") + "?sort=-founded"))
    assert page.index("おかやま半導体関連") < page.index("中国地域半導体関連")


# A council's own page.


def test_council_page_shows_everything_the_model_holds(client, registry):
    response = client.get(url("councils:detail", slug="okayama"))
    page = text_of(response)
    assert response.status_code == 200
    assert "県内企業の交流の場を創出し" in page  # purpose
    assert "グリーン成長戦略の14分野の中で" in page  # aims
    assert "市場及び技術の最新情報に関する勉強会" in page  # pillar ①
    # 組織 役職 as Japanese writes a post: 岡山県産業振興課長 (the link ends before 長).
    for role_holder in ["岡山県", "岡山県産業振興課 長", "中国経済産業局", "岡山県産業振興財団"]:
        assert role_holder in page
    assert "河原昭二" in page
    assert "令和5（2023）年11月13日" in page
    assert "設立及び第1回勉強会" in page and "先進企業視察" in page and "第2回勉強会" in page
    assert "おかやまグリーン成長支援事業" in page
    assert "スライド3" in page


def test_council_page_lists_events_in_date_order(client, registry):
    events = section(client.get(url("councils:detail", slug="okayama")), "events-heading")
    assert events.index("設立及び第1回勉強会") < events.index("先進企業視察")
    assert events.index("先進企業視察") < events.index("第2回勉強会")


def test_council_page_membership_history_has_every_snapshot_with_date_and_source(client, registry):
    response = client.get(url("councils:detail", slug="yamaguchi"))
    history = section(response, "membership-heading")
    # Two reports of 108 (slide 1 and slide 5) are one point with two sources, not a trend.
    assert "令和6（2024）年2月29日" not in history
    assert "令和6（2024）年3月1日" in history and "74" in history
    assert "会員数 １０８者 （令和６年２月末時点）" in history
    assert "スライド5" in history and "スライド1" in history
    html = response.content.decode()
    assert html.count("<svg") == 1
    assert html.count('class="chart__value"') == 1


def test_council_page_in_english_marks_japanese_only_values(client, registry):
    response = client.get(url("councils:detail", "en", slug="yamaguchi"))
    page = text_of(response)
    html = response.content.decode()
    assert "Yamaguchi Semiconductor and Storage Battery Industry Network Council" in page
    assert "8 August 2023" in page
    assert "Attracting companies and promoting investment" in page
    assert "Governor" in page and "Director-General for GX" in page
    assert '<span lang="ja">東正信</span>' in html


def test_unknown_council_is_a_styled_404(client, registry):
    response = client.get(url("councils:detail", slug="nowhere"))
    assert response.status_code == 404
    assert "ページが見つかりません" in text_of(response)


# Query counts do not grow with the rows.


def test_home_queries_do_not_grow_with_councils(client, db, django_assert_num_queries):
    first = factories.council()
    factories.snapshot(first, datetime.date(2024, 1, 1), total=5, companies=5)
    factories.pillar(first, 1)
    factories.role(first, organisation=factories.organisation(), kind="host")
    with django_assert_num_queries(5):
        client.get(url("home"))
    for _ in range(4):
        extra = factories.council()
        factories.snapshot(extra, datetime.date(2024, 1, 1))
        factories.snapshot(extra, datetime.date(2024, 2, 1))
        factories.pillar(extra, 1)
        factories.pillar(extra, 2)
        factories.role(extra, person=factories.person(), kind="coordinator")
    with django_assert_num_queries(5):
        client.get(url("home"))


def test_council_list_queries_do_not_grow_with_councils(client, db, django_assert_num_queries):
    # Three of them count the filters' choices (prefecture, kind, scope).
    factories.snapshot(factories.council(), datetime.date(2024, 1, 1))
    with django_assert_num_queries(7):
        client.get(url("councils:list"))
    for _ in range(60):
        factories.snapshot(factories.council(), datetime.date(2024, 1, 1))
    with django_assert_num_queries(7):
        client.get(url("councils:list"))


def test_council_page_queries_do_not_grow_with_its_records(client, db, django_assert_num_queries):
    council = factories.council()
    factories.pillar(council, 1)
    factories.snapshot(council, datetime.date(2024, 1, 1))
    factories.role(council, organisation=factories.organisation())
    factories.event(council=council)
    factories.party(factories.agreement(council=council), 1)
    factories.amount(factories.programme(council=council), 1)
    page = url("councils:detail", slug=council.slug)
    with django_assert_num_queries(13):
        client.get(page)
    for order in range(2, 6):
        factories.pillar(council, order)
        factories.snapshot(council, datetime.date(2024, order, 1))
        factories.role(council, person=factories.person(affiliation=factories.organisation()))
        factories.event(council=council)
        agreement = factories.agreement(council=council)
        factories.party(agreement, 1)
        factories.party(agreement, 2, country="TW")
        factories.amount(factories.programme(council=council), 1)
    with django_assert_num_queries(13):
        client.get(page)


# Members: the council page lists a slice, the home page none.


def test_council_page_lists_few_members_in_full_without_a_link(client, db):
    council = factories.council()
    factories.role(council, organisation=factories.organisation(name="議長団体"), kind="chair")
    for name in ["会員B", "会員A"]:
        factories.role(council, organisation=factories.organisation(name=name))
    people = section(client.get(url("councils:detail", slug=council.slug)), "people-heading")
    assert "議長団体" in people
    assert "2" in people and people.index("会員A") < people.index("会員B")
    assert "role=member" not in client.get(url("councils:detail", slug=council.slug)).text


def test_council_page_shows_the_first_members_by_name_and_links_to_all(client, db):
    council = factories.council(slug="big")
    factories.role(council, person=factories.person(name="事務局担当"), kind="secretariat")
    for number in range(60):
        factories.role(council, organisation=factories.organisation(name=f"会員{number:03d}"))
    response = client.get(url("councils:detail", language="en", slug=council.slug))
    people = section(response, "people-heading")
    assert "事務局担当" in people
    assert "60 member organisations" in people
    assert "会員000" in people and "会員049" in people
    assert "会員050" not in people
    link = f"{url('members:organisation-list', language='en')}?council=big&amp;role=member"
    assert f'<a href="{link}">All 60 member organisations</a>' in response.text
    listed = client.get(
        url("members:organisation-list", language="en") + "?council=big&role=member"
    )
    assert "会員000" in results(listed) and "60" in text_of(listed)


def test_council_page_queries_do_not_grow_with_members(client, db, django_assert_num_queries):
    council = factories.council()
    factories.role(council, organisation=factories.organisation(), kind="host")
    page = url("councils:detail", slug=council.slug)
    with django_assert_num_queries(9):
        client.get(page)
    for _ in range(60):
        factories.role(council, organisation=factories.organisation())
    with django_assert_num_queries(9):
        client.get(page)


def test_home_shows_hosts_but_not_members(client, db, django_assert_num_queries):
    council = factories.council()
    factories.role(council, organisation=factories.organisation(name="主催団体"), kind="host")
    factories.role(council, organisation=factories.organisation(name="一会員"))
    with django_assert_num_queries(5):
        page = text_of(client.get(url("home")))
    assert "主催団体" in page
    assert "一会員" not in page


def test_council_page_counts_members_in_japanese(client, db):
    council = factories.council()
    for number in range(51):
        factories.role(council, organisation=factories.organisation(name=f"会員{number:03d}"))
    people = section(client.get(url("councils:detail", slug=council.slug)), "people-heading")
    assert "会員企業・団体：51件" in people
    assert "名称順に50件を表示しています。" in people
    assert "会員企業・団体の一覧（全51件）" in people


def test_council_roles_read_in_japanese_order_and_in_english_order(client, registry):
    japanese = section(client.get(url("councils:detail", slug="yamaguchi")), "profile-heading")
    # 組織 役職 (山口県知事), 役職 氏名, and the document's own word for the chair (会長).
    assert "会長 山口県 知事 事務局" in japanese
    assert "コーディネーター GX統括監 東正信 （ トクヤマ から出向）" in japanese
    english = section(client.get(url("councils:detail", "en", slug="yamaguchi")), "profile-heading")
    assert "Coordinator 東正信 , Director-General for GX (seconded from Tokuyama )" in english
