"""The organisation list and pages, and the people pages."""

import pytest
from django.urls import reverse
from django.utils import translation

from councils.models import Council
from members.models import Organisation, Person
from tests import factories
from tests.helpers import results, text_of


def url(name, language="ja", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def organisation_page(name, language="ja"):
    return url("members:organisation-detail", language, pk=Organisation.objects.get(name=name).pk)


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("sector=academia", "広島大学ナノデバイス研究所", "トクヤマ"),
        ("category=chamber_of_commerce", "東広島商工会議所", "東広島市"),
        ("prefecture=yamaguchi", "産業政策課", "岡山県産業振興課"),
        ("country=TW", "(社)台湾電子設備協会", "(公財)やまぐち産業振興財団"),
        ("council=okayama", "岡山県産業振興財団", "山口県"),
        ("role=observer", "中国経済産業局", "岡山県"),
        ("q=ナノデバイス", "広島大学ナノデバイス研究所", "東広島市"),
        ("q=tokuyama", "トクヤマ", "東広島市"),
    ],
)
def test_organisation_filters_narrow_the_list(client, registry, query, shown, hidden):
    table = results(client.get(url("members:organisation-list") + "?" + query))
    assert shown in table
    assert hidden not in table


def test_organisation_list_counts_every_organisation(client, registry):
    page = text_of(client.get(url("members:organisation-list")))
    assert "24件" in page


def test_organisation_list_shows_each_role(client, registry):
    table = results(client.get(url("members:organisation-list") + "?council=okayama&role=chair"))
    assert "岡山県産業振興課" in table
    assert "おかやま：座長・会長" in table


def test_organisation_page_shows_every_council_role_and_event(client, registry):
    page = text_of(client.get(organisation_page("中国経済産業局")))
    assert "中国地域半導体関連産業振興協議会 ：主催" in page
    assert "おかやま半導体関連コンソーシアム ：オブザーバー" in page
    venue = text_of(client.get(organisation_page("東広島商工会議所")))
    assert "第2回ひがしひろしま半導体フォーラム" in venue
    speaker_employer = text_of(client.get(organisation_page("エーエスエムエル・ジャパン株式会社")))
    assert "藤原 祥二郎" in speaker_employer
    assert "ASML:Change the world" in speaker_employer


def test_organisation_page_shows_agreements_and_programmes(client, registry):
    party = text_of(client.get(organisation_page("(財)工業技術研究院")))
    assert "半導体産業の振興に関するMOU(覚書)" in party and "台湾側" in party
    owner = text_of(client.get(organisation_page("東広島市")))
    assert "市主体の産業団地整備の推進" in owner


def test_organisation_page_shows_a_secondment(client, registry):
    page = text_of(client.get(organisation_page("トクヤマ")))
    assert "ネットワーク協議会 ：コーディネーターとして職員を出向（ 東正信 ）" in page


def test_organisation_page_in_english(client, registry):
    page = text_of(client.get(organisation_page("中国経済産業局", "en")))
    assert "Chugoku Bureau of Economy, Trade and Industry" in page
    assert "Okayama Semiconductor-Related Consortium : Observer" in page
    html = client.get(organisation_page("岡山財団", "en")).content.decode()
    assert '<h1><span lang="ja">岡山財団</span></h1>' in html


def test_person_page_shows_roles_and_talks(client, registry):
    coordinator = Person.objects.get(name="東正信")
    page = text_of(client.get(url("members:person-detail", pk=coordinator.pk)))
    assert "GX統括監" in page and "トクヤマ" in page
    assert "やまぐち半導体・蓄電池産業ネットワーク協議会" in page
    speaker = Person.objects.get(name="寺本 章伸")
    page = text_of(client.get(url("members:person-detail", "en", pk=speaker.pk)))
    assert "The semiconductor supply chain and the work of the Setouchi" in page
    assert "2 February 2024" in page
    assert "Research Institute for Nanodevices, Hiroshima University" in page


def test_unknown_organisation_is_a_404(client, registry):
    assert client.get(url("members:organisation-detail", pk=99999)).status_code == 404


def test_organisation_list_queries_do_not_grow_with_rows(client, db, django_assert_num_queries):
    # Six of them count the filters' choices, one grouped query per filter.
    council = factories.council()
    factories.role(council, organisation=factories.organisation(), kind="host")
    with django_assert_num_queries(11):
        client.get(url("members:organisation-list"))
    for _ in range(60):
        organisation = factories.organisation(parent=factories.organisation())
        factories.role(council, organisation=organisation)
        factories.role(factories.council(), organisation=organisation, kind="chair")
    with django_assert_num_queries(11):
        client.get(url("members:organisation-list") + "?page=2")


def test_organisation_page_queries_do_not_grow(client, db, django_assert_num_queries):
    organisation = factories.organisation()
    council = factories.council()
    factories.role(council, organisation=organisation)
    factories.event(venue_organisation=organisation)
    factories.programme(owner=organisation)
    factories.event(council=None, initiative_of=organisation)
    factories.agreement(council=None, initiative_of=organisation)
    page = url("members:organisation-detail", pk=organisation.pk)
    # Two more than before the initiatives: its own events and its own agreements.
    with django_assert_num_queries(13):
        client.get(page)
    for order in range(1, 6):
        factories.organisation(parent=organisation)
        factories.person(affiliation=organisation)
        factories.role(factories.council(), organisation=organisation, kind="host")
        factories.event(venue_organisation=organisation)
        talk = factories.talk(factories.event(), order)
        talk.speaker_organisation = organisation
        talk.save()
        factories.programme(owner=organisation)
        factories.event(council=None, initiative_of=organisation)
        factories.agreement(council=None, initiative_of=organisation)
    with django_assert_num_queries(13):
        client.get(page)


def test_person_page_queries_do_not_grow(client, db, django_assert_num_queries):
    person = factories.person(affiliation=factories.organisation())
    factories.role(factories.council(), person=person)
    page = url("members:person-detail", pk=person.pk)
    with django_assert_num_queries(4):
        client.get(page)
    for order in range(1, 6):
        factories.role(factories.council(), person=person, kind="coordinator")
        talk = factories.talk(factories.event(), order)
        talk.speaker = person
        talk.save()
    with django_assert_num_queries(4):
        client.get(page)


def test_council_choices_are_shown_in_english_on_english_pages(client, registry):
    html = client.get(url("members:organisation-list", "en")).content.decode()
    assert f'value="{Council.objects.get(slug="okayama").slug}">Okayama Semiconductor' in html


def test_an_organisations_people_are_named_post_first_in_japanese_and_name_first_in_english(
    client, registry
):
    speaker = Person.objects.get(name="藤原 祥二郎")
    page = text_of(client.get(organisation_page(speaker.affiliation.name)))
    assert f"{speaker.title} {speaker.name}" in page
    assert f"{speaker.name}（{speaker.title}）" not in page
    english = text_of(client.get(organisation_page(speaker.affiliation.name, "en")))
    assert speaker.title_en in english
    assert english.index(speaker.name_en) < english.index(speaker.title_en)
