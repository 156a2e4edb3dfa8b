"""Dates, fiscal years and yen as the document writes them, and in English."""

import datetime

import pytest
from django.utils import translation

from core.templatetags.registry import fiscal_year, long_date, yen


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("ja", "", "2023年11月13日"),
        ("ja", "era", "2023年（令和5年）11月13日"),
        ("en", "", "13 November 2023"),
        ("en", "era", "13 November 2023"),
    ],
)
def test_long_date(language, style, expected):
    with translation.override(language):
        assert long_date(datetime.date(2023, 11, 13), style) == expected


def test_the_era_changes_on_its_first_day():
    with translation.override("ja"):
        assert long_date(datetime.date(2019, 4, 30), "era") == "2019年（平成31年）4月30日"
        assert long_date(datetime.date(2019, 5, 1), "era") == "2019年（令和元年）5月1日"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ja", 2024, "令和6年度（2024年度）"),
        ("ja", 2019, "令和元年度（2019年度）"),
        ("ja", datetime.date(2024, 3, 31), "令和5年度（2023年度）"),
        ("ja", datetime.date(2024, 4, 1), "令和6年度（2024年度）"),
        ("en", 2024, "FY2024"),
        ("en", datetime.date(2024, 2, 2), "FY2023"),
        ("ja", None, ""),
    ],
)
def test_fiscal_year(language, value, expected):
    with translation.override(language):
        assert fiscal_year(value) == expected


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("ja", 10_000_000, "10,000,000円（1,000万円）"),
        ("ja", 2_000_000, "2,000,000円（200万円）"),
        ("ja", 1_234, "1,234円"),
        ("en", 35_000_000, "¥35,000,000"),
    ],
)
def test_yen(language, amount, expected):
    with translation.override(language):
        assert yen(amount) == expected


def test_bad_values_format_as_nothing():
    assert long_date("not a date") == ""
    assert yen(None) == ""
