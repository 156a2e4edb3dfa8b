"""Japanese eras and fiscal years: the boundaries a reader of the document would check."""

import datetime

import pytest
from django.utils import translation

from core.japanese_dates import (
    era_label,
    fiscal_year_bounds,
    fiscal_year_of,
    koyo_fiscal_year,
    koyo_year,
)
from core.templatetags.registry import era


def ja_long_date(day):
    with translation.override("ja"):
        return era(day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2019, 5, 1), "令和元（2019）年5月1日"),
        (datetime.date(2019, 4, 30), "平成31（2019）年4月30日"),
        (datetime.date(1989, 1, 8), "平成元（1989）年1月8日"),
        (datetime.date(1989, 1, 7), "昭和64（1989）年1月7日"),
        (datetime.date(1989, 1, 1), "昭和64（1989）年1月1日"),
        (datetime.date(1926, 12, 25), "昭和元（1926）年12月25日"),
        (datetime.date(1926, 12, 24), "大正15（1926）年12月24日"),
        (datetime.date(1920, 1, 1), "大正9（1920）年1月1日"),
        (datetime.date(1912, 7, 30), "大正元（1912）年7月30日"),
        (datetime.date(1912, 7, 29), "明治45（1912）年7月29日"),
        (datetime.date(1873, 1, 1), "明治6（1873）年1月1日"),
    ],
)
def test_each_era_begins_on_its_first_day(day, expected):
    assert ja_long_date(day) == expected


def test_a_day_before_the_gregorian_calendar_in_japan_has_its_western_year_only():
    # Japan counted days by another calendar until 1872: no era year is shown.
    assert ja_long_date(datetime.date(1872, 12, 31)) == "1872年12月31日"
    assert ja_long_date(datetime.date(1600, 10, 21)) == "1600年10月21日"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2020, "令和2（2020）年度"),
        (2019, "令和元（2019）年度"),
        (2018, "平成30（2018）年度"),
        (1990, "平成2（1990）年度"),
        (1989, "平成元（1989）年度"),
        (1988, "昭和63（1988）年度"),
        (1927, "昭和2（1927）年度"),
    ],
)
def test_a_fiscal_year_is_named_by_the_era_most_of_it_falls_in(year, expected):
    with translation.override("ja"):
        assert era(year, "fiscal_year") == expected


def test_the_first_year_of_an_era_is_gannen():
    # The admin's fiscal-year filter names its years this way (令和元（2019）年度).
    assert era_label(2019) == "令和元年"
    assert era_label(2020) == "令和2年"
    assert era_label(1989) == "平成元年"


def test_a_year_before_the_eras_is_named_by_its_western_year():
    assert era_label(1850) == "1850年"
    assert era_label(1926) == "大正15年"
    assert koyo_year(1850) == "1850年"
    assert koyo_fiscal_year(1850) == "1850年度"
    assert koyo_year(1926) == "大正15（1926）年"


def test_a_fiscal_year_runs_from_1_april_to_31_march():
    assert fiscal_year_bounds(2023) == (datetime.date(2023, 4, 1), datetime.date(2024, 3, 31))
    assert fiscal_year_bounds(2024) == (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2023, 3, 31), 2022),
        (datetime.date(2023, 4, 1), 2023),
        (datetime.date(2024, 1, 1), 2023),
        (datetime.date(2024, 3, 31), 2023),
        (datetime.date(2024, 4, 1), 2024),
        (datetime.date(2024, 12, 31), 2024),
    ],
)
def test_the_fiscal_year_of_a_day(day, expected):
    assert fiscal_year_of(day) == expected


def test_a_year_split_between_two_eras_is_named_by_the_longer_part():
    # Meiji ended on 29 July 1912: seven months of the year against five.
    assert era_label(1912) == "明治45年"
    # Shōwa began on 25 December 1926: the year is Taishō's.
    assert era_label(1926) == "大正15年"
