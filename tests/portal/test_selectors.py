"""The selectors behind every list and export: filters narrow, bad input selects nothing."""

import datetime

import pytest
from django.http import QueryDict

from core.filtering import InvalidFilters
from core.models import Source
from councils.models import Council, MembershipSnapshot
from councils.selectors import council_list, membership_history
from events.selectors import agreement_list, event_list, programme_list
from members.selectors import organisation_list
from tests import factories


def names(rows):
    return [row.name for row in rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("prefecture=okayama", ["おかやま半導体関連コンソーシアム"]),
        ("kind=network", ["やまぐち半導体・蓄電池産業ネットワーク協議会"]),
        ("membership_based=false", ["ひがしひろしま半導体フォーラム"]),
        ("founded_year=2022", ["中国地域半導体関連産業振興協議会"]),
    ],
)
def test_council_filters(registry, query, expected):
    assert names(council_list(filters=QueryDict(query))) == expected


def test_organisations_by_council_and_role_describe_one_role(registry):
    chairs = organisation_list(filters=QueryDict("council=okayama&role=chair"))
    assert names(chairs) == ["岡山県産業振興課"]
    observers = organisation_list(filters=QueryDict("council=yamaguchi&role=observer"))
    assert names(observers) == []


def test_organisations_search_matches_japanese_and_english(registry):
    assert names(organisation_list(filters=QueryDict("q=ナノデバイス"))) == [
        "広島大学ナノデバイス研究所"
    ]
    assert "トクヤマ" in names(organisation_list(filters=QueryDict("q=tokuyama")))


def test_organisations_by_country(registry):
    assert len(names(organisation_list(filters=QueryDict("country=TW")))) == 2


def test_events_by_fiscal_year_run_from_1_april_to_31_march(registry):
    for day in ("2023-03-31", "2023-04-01", "2024-03-31", "2024-04-01"):
        factories.event(name=f"境界{day}", date=datetime.date.fromisoformat(day))
    fy2023 = names(event_list(filters=QueryDict("fiscal_year=2023")))
    assert "境界2023-04-01" in fy2023 and "境界2024-03-31" in fy2023
    assert "境界2023-03-31" not in fy2023 and "境界2024-04-01" not in fy2023
    fy2024 = names(event_list(filters=QueryDict("fiscal_year=2024")))
    assert fy2024 == ["境界2024-04-01"]


def test_events_by_date_range(registry):
    query = QueryDict("date_after=2024-02-22&date_before=2024-02-23")
    assert names(event_list(filters=query)) == ["企業見学", "商談会", "MOU締結式"]


def test_an_inverted_date_range_is_an_error_that_names_both_dates(registry):
    with pytest.raises(InvalidFilters) as raised:
        event_list(filters=QueryDict("date_after=2024-03-01&date_before=2024-01-01"))
    assert list(raised.value.errors) == ["date_after, date_before"]


@pytest.mark.parametrize(
    "query",
    ["fiscal_year=abc", "fiscal_year=99999999999999999999", "kind=party", "council=nowhere"],
)
def test_invalid_event_filters_raise_and_say_which_one(registry, query):
    name = query.split("=")[0]
    with pytest.raises(InvalidFilters) as raised:
        event_list(filters=QueryDict(query))
    assert list(raised.value.errors) == [name]
    assert str(raised.value).startswith(f"{name}: ")
    assert raised.value.form.errors[name]


SELECTORS = {
    "councils": (council_list, "founded_year=abc"),
    "organisations": (organisation_list, "sector=mining"),
    "events": (event_list, "kind=party"),
    "agreements": (agreement_list, "year=abc"),
    "programmes": (programme_list, "fiscal_year=1800"),
}


@pytest.mark.parametrize("name", SELECTORS)
def test_a_bad_filter_beside_a_good_one_is_never_dropped(registry, name):
    """django-filter's `.qs` would apply the good filter alone; every selector refuses both."""
    selector, invalid = SELECTORS[name]
    with pytest.raises(InvalidFilters):
        selector(filters=QueryDict(f"{invalid}&sort=-name"))


def test_organisations_with_a_bad_sector_and_a_good_prefecture_are_refused(registry):
    # Through `.qs` this query gave 3 rows: the prefecture filter, without the sector.
    with pytest.raises(InvalidFilters) as raised:
        organisation_list(filters=QueryDict("sector=space&prefecture=okayama"))
    assert list(raised.value.errors) == ["sector"]


def test_the_membership_history_refuses_an_unknown_sort(registry):
    with pytest.raises(InvalidFilters):
        membership_history(
            council=Council.objects.get(slug="yamaguchi"), filters=QueryDict("sort=size")
        )


def test_agreements_by_party_country_and_year(registry):
    assert len(names(agreement_list(filters=QueryDict("country=TW&year=2024")))) == 1
    assert names(agreement_list(filters=QueryDict("year=2023"))) == []


def test_programmes_by_fiscal_year_and_kind(registry):
    assert len(names(programme_list(filters=QueryDict("fiscal_year=2024")))) == 6
    assert names(programme_list(filters=QueryDict("kind=subsidy"))) == [
        "グリーン成長研究開発プロジェクト創成事業"
    ]


def test_sorting_by_name_descending(registry):
    councils = council_list(filters=QueryDict("sort=-name"))
    assert names(councils) == sorted(names(councils), reverse=True)


def test_membership_history_is_oldest_first(registry):
    yamaguchi = Council.objects.get(slug="yamaguchi")
    # The document gives each council one count; a later one is test data.
    MembershipSnapshot.objects.create(
        council=yamaguchi,
        as_of=datetime.date(2025, 3, 31),
        total=120,
        source=Source.objects.get(locator="スライド5"),
    )
    history = membership_history(council=yamaguchi, filters=QueryDict(""))
    assert [s.as_of.isoformat() for s in history] == ["2024-03-01", "2025-03-31"]
