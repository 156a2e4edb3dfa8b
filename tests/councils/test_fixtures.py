"""The fixtures hold the document's facts, exactly as printed."""

import datetime

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from core.registry import REGISTRY_APPS
from councils.models import Council, MembershipSnapshot
from events.models import Agreement, Event, Programme, Talk
from members.models import CouncilRole, Organisation, Person
from tests.conftest import FIXTURE


def dump_registry():
    models = [model for app in REGISTRY_APPS for model in apps.get_app_config(app).get_models()]
    return {
        model._meta.label: serializers.serialize("json", model.objects.order_by("pk"))
        for model in models
    }


def test_loading_the_fixtures_twice_leaves_the_database_as_loading_once(db):
    call_command("loaddata", FIXTURE, verbosity=0)
    once = dump_registry()
    call_command("loaddata", FIXTURE, verbosity=0)
    assert dump_registry() == once
    assert Council.objects.count() == 5


def test_loading_the_registry_records_each_record_as_its_first_version(registry):
    # Fixtures are the document itself, not an edit; but without this first version
    # the first staff edit of a loaded record could not be undone.
    assert Council.history.count() == Council.objects.count()
    first = Council.history.earliest()
    assert (first.history_type, first.history_user) == ("+", None)
    assert first.history_change_reason == "資料から登録"


def test_loading_the_registry_again_adds_no_history(registry):
    before = MembershipSnapshot.history.count()
    call_command("load_registry", verbosity=0)
    assert MembershipSnapshot.history.count() == before


# (slug, name, founded, host as printed, snapshots: (as_of, total, companies, education,
#  government, other))
COUNCILS = [
    (
        "chugoku",
        "中国地域半導体関連産業振興協議会",
        datetime.date(2022, 10, 5),
        "中国経済産業局",
        [(datetime.date(2024, 3, 26), 139, 102, 15, None, 22)],
    ),
    (
        "okayama",
        "おかやま半導体関連コンソーシアム",
        datetime.date(2023, 11, 13),
        "岡山県",
        [(datetime.date(2024, 3, 8), 49, 45, 2, None, 2)],
    ),
    (
        "setouchi",
        "せとうち半導体共創コンソーシアム",
        datetime.date(2023, 3, 9),
        "広島大学ナノデバイス研究所",
        [(datetime.date(2024, 2, 1), 22, 19, None, 3, None)],
    ),
    (
        "yamaguchi",
        "やまぐち半導体・蓄電池産業ネットワーク協議会",
        datetime.date(2023, 8, 8),
        "山口県",
        # 2024.3.1 in the comparison table, and 令和６年２月末時点 on the council's own
        # slide: one count reported twice, so one snapshot with two sources.
        [(datetime.date(2024, 3, 1), 108, 74, 5, None, 29)],
    ),
    (
        "higashihiroshima",
        "ひがしひろしま半導体フォーラム",
        datetime.date(2023, 1, 24),
        "東広島市",
        [],
    ),
]


@pytest.mark.parametrize(("slug", "name", "founded", "host", "snapshots"), COUNCILS)
def test_each_council_matches_the_document(registry, slug, name, founded, host, snapshots):
    council = Council.objects.get(slug=slug)
    assert council.name == name
    assert council.founded_on == founded
    hosts = CouncilRole.objects.filter(council=council, kind=CouncilRole.Kind.HOST)
    assert [role.organisation.name for role in hosts] == [host]
    assert [
        (s.as_of, s.total, s.companies, s.education, s.government, s.other)
        for s in council.snapshots.order_by("as_of")
    ] == snapshots
    assert council.is_membership_based == bool(snapshots)


def test_every_snapshot_cites_its_source_and_as_of_date_as_printed(registry):
    printed = {
        (s.council.slug, s.as_of_printed, s.source.locator)
        for s in MembershipSnapshot.objects.select_related("council", "source")
    }
    assert printed == {
        ("chugoku", "（2024.3.26時点）", "スライド1"),
        ("okayama", "(2024.3.8時点）", "スライド1"),
        ("setouchi", "（2024.2.1時点）", "スライド1"),
        ("yamaguchi", "（2024.3.1時点）", "スライド1"),
    }
    yamaguchi = MembershipSnapshot.objects.get(council__slug="yamaguchi")
    assert yamaguchi.corroborating_source.locator == "スライド5"
    assert yamaguchi.corroborating_printed == "会員数 １０８者 （令和６年２月末時点）"
    okayama = MembershipSnapshot.objects.get(council__slug="okayama")
    assert okayama.corroborating_printed == "会員数 ４９社・機関 *令和6年３月８日現在"


def test_the_activity_pillars_are_numbered_as_printed(registry):
    pillars = Council.objects.get(slug="yamaguchi").pillars.order_by("order")
    assert [(p.marker, p.name) for p in pillars] == [
        ("①", "誘致・投資促進"),
        ("②", "研究開発・事業化"),
        ("③", "販路拡大・参入促進"),
        ("④", "人材の育成・確保"),
        ("⑤", "情報共有"),
        ("⑥", "情報発信"),
    ]
    assert pillars[0].detail == "▶新規立地・投資拡大"


def test_the_okayama_council_has_its_chair_secretariat_observer_and_coordinator(registry):
    roles = {
        role.kind: role
        for role in CouncilRole.objects.filter(council__slug="okayama").select_related(
            "organisation", "person"
        )
    }
    assert roles["chair"].organisation.name == "岡山県産業振興課"
    assert roles["chair"].title == "課長"
    assert roles["secretariat"].organisation.name == "岡山県産業振興財団"
    assert roles["observer"].organisation.name == "中国経済産業局"
    assert roles["coordinator"].person.name == "河原昭二"


def test_the_yamaguchi_coordinator_is_seconded_from_tokuyama(registry):
    role = CouncilRole.objects.get(council__slug="yamaguchi", kind="coordinator")
    assert (role.person.name, role.title, role.seconded_from.name) == (
        "東正信",
        "GX統括監",
        "トクヤマ",
    )


def test_the_mou_has_four_parties_two_on_each_side(registry):
    mou = Agreement.objects.get()
    assert mou.signed_on == datetime.date(2024, 2, 23)
    assert mou.place == "台北市"
    parties = [(p.organisation.name, p.side, p.country) for p in mou.parties.all()]
    assert parties == [
        ("(財)工業技術研究院", "台湾側", "TW"),
        ("(社)台湾電子設備協会", "台湾側", "TW"),
        ("(公財)やまぐち産業振興財団", "山口県側", "JP"),
        ("(地独)山口県産業技術センター", "山口県側", "JP"),
    ]
    assert sorted(e.name for e in mou.events.all()) == ["MOU締結式", "企業見学", "商談会"]


def test_the_forums_have_their_attendance_and_talks(registry):
    second = Event.objects.get(name="第2回ひがしひろしま半導体フォーラム")
    assert (second.date, second.start_time) == (datetime.date(2023, 8, 10), datetime.time(14))
    assert (
        second.organisations_attending,
        second.people_attending,
        second.local_companies_attending,
    ) == (42, 95, 15)
    third = Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")
    assert (third.organisations_attending, third.people_attending) == (51, 100)
    speakers = list(
        Talk.objects.filter(event=third).order_by("order").values_list("speaker__name", flat=True)
    )
    assert speakers == ["寺本 章伸", "田中 保宣"]
    assert Talk.objects.count() == 5


def test_programme_amounts_are_in_yen(registry):
    amounts = {
        (a.programme.name, a.label): (a.amount_yen, a.unit)
        for programme in Programme.objects.all()
        for a in programme.amounts.all()
    }
    assert amounts == {
        # 「上限」 alone (lines 172–173): the document does not say per project.
        ("おかやまグリーン成長支援事業", "グリーン補助金 試行研究"): (2_000_000, "cap"),
        ("おかやまグリーン成長支援事業", "グリーン補助金 本格研究"): (
            10_000_000,
            "cap",
        ),
        ("市主体の産業団地整備の推進", "予算額"): (30_000_000, "total_budget"),
        ("民間による産業用地整備における支援制度の創設（官民連携）", "造成費用に対する一部補助"): (
            35_000_000,
            "per_hectare_cap",
        ),
    }


def test_the_land_support_scheme_states_its_conditions(registry):
    scheme = Programme.objects.get(name__startswith="民間による産業用地整備")
    conditions = scheme.items.filter(kind="condition").order_by("order")
    assert [(c.limit, c.quantity, c.quantity_unit) for c in conditions] == [
        ("at_most", 2, "km"),
        ("at_least", 3, "ha"),
        ("", None, ""),
    ]
    assert scheme.target == "民間開発事業者"


def test_every_record_cites_a_part_of_the_document(registry):
    for model in (Council, Organisation, Person, Event, Agreement, Programme, CouncilRole):
        assert not model.objects.filter(source__isnull=True).exists()
        assert model.objects.exists()


def cited_source_ids():
    from core.sources import source_foreign_keys

    cited = set()
    for model, name in source_foreign_keys():
        cited |= set(model.objects.exclude(**{name: None}).values_list(name, flat=True))
    return cited


def test_every_slide_of_the_document_is_cited_by_some_record(registry):
    from core.models import Source

    deck = Source.objects.get(part_of=None)
    assert (deck.title, deck.kind, deck.publisher, deck.published_on) == (
        "中国地域内の動き",
        "document",
        "",
        None,
    )
    slides = deck.parts.order_by("position")
    assert [slide.locator for slide in slides] == [f"スライド{n}" for n in range(1, 11)]
    assert set(slides.values_list("pk", flat=True)) <= cited_source_ids()


def test_every_fact_cites_a_slide_of_the_deck(registry):
    from core.models import Source

    slides = set(
        Source.objects.filter(part_of__title="中国地域内の動き").values_list("pk", flat=True)
    )
    assert cited_source_ids() <= slides
    for model in (Council, Organisation, Person, Event, Agreement, Programme, CouncilRole):
        assert set(model.objects.values_list("source", flat=True)) <= slides


def test_each_slide_keeps_its_heading_and_printed_text(registry):
    from core.models import Source

    slide = Source.objects.get(part_of__title="中国地域内の動き", locator="スライド3")
    assert slide.title == "おかやま半導体関連コンソーシアム"
    assert "＜設立趣旨＞" in slide.printed_text
    assert "会員数 ４９社・機関" in slide.printed_text
    # Each slide's text stops where the next slide's begins.
    assert "せとうち" not in slide.printed_text
