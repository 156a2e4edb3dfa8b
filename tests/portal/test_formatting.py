"""Dates, fiscal years, counts and yen as the document writes them, and in English."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.templatetags.registry import era, ranged, yen


def render(source, **context):
    return Template("{% load humanize registry %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("ja", "{{ day|date }}", "2023年11月13日"),
        ("ja", "{{ day|era }}", "令和5（2023）年11月13日"),
        ("ja", '{{ day|era:"weekday" }}', "令和5（2023）年11月13日（月）"),
        ("en", "{{ day|date }}", "13 November 2023"),
        ("en", "{{ day|era }}", "13 November 2023"),
        ("en", '{{ day|era:"weekday" }}', "Monday 13 November 2023"),
    ],
)
def test_dates_in_each_language(language, template, expected):
    with translation.override(language):
        assert render(template, day=datetime.date(2023, 11, 13)) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("ja", 2024, "令和6（2024）年度"),
        ("ja", 2019, "令和元（2019）年度"),
        ("ja", datetime.date(2024, 3, 31), "令和5（2023）年度"),
        ("ja", datetime.date(2024, 4, 1), "令和6（2024）年度"),
        ("en", 2024, "FY2024"),
        ("en", datetime.date(2024, 2, 2), "FY2023"),
        ("ja", None, ""),
    ],
)
def test_fiscal_year(language, value, expected):
    with translation.override(language):
        assert era(value, "fiscal_year") == expected


@pytest.mark.parametrize("language", ["ja", "en"])
def test_counts_have_thousands_separators(language):
    with translation.override(language):
        assert render("{{ count|intcomma }}", count=1234567) == "1,234,567"
        assert render('{{ count|default_if_none:"—"|intcomma }}', count=None) == "—"


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        # As 公用文 writes amounts, once: 兆・億・万 in kanji, commas within each group.
        ("ja", 10_000_000, "1,000万円"),
        ("ja", 2_000_000, "200万円"),
        ("ja", 150_000_000, "1億5,000万円"),
        ("ja", 123_456_789, "1億2,345万6,789円"),
        ("ja", 100_000_000, "1億円"),
        ("ja", 1_000_000_000_000, "1兆円"),
        ("ja", 1_234, "1,234円"),
        ("ja", 0, "0円"),
        ("en", 35_000_000, "¥35,000,000"),
    ],
)
def test_yen(language, amount, expected):
    with translation.override(language):
        assert yen(amount) == expected


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [("ja", "3–146", "3～146"), ("ja", "3-146", "3～146"), ("en", "3-146", "3–146")],
)
def test_ranges_take_the_wave_dash_in_japanese(language, value, expected):
    with translation.override(language):
        assert ranged(value) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", "山口県（台湾）：〆、～"), ("en", "山口県 (台湾): 〆,  – ")],
)
def test_marks_and_brackets_follow_the_language(language, expected):
    source = (
        '山口県{% brackets %}台湾{% endbrackets %}{% mark "colon" %}〆'
        '{% mark "comma" %}{% mark "range" %}{% brackets %} {% endbrackets %}'
    )
    with translation.override(language):
        assert render(source) == expected


def test_bad_values_format_as_nothing():
    assert era("not a date") == ""
    assert yen(None) == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ja", "令和6（2024）年3月8日 14:05"), ("en", "8 March 2024 14:05")],
)
def test_a_moment_is_dated_by_era_at_its_local_time(language, expected):
    # 05:05 UTC is 14:05 in Japan, where the registry's staff and readers are.
    moment = datetime.datetime(2024, 3, 8, 5, 5, tzinfo=datetime.UTC)
    with translation.override(language):
        assert era(moment, "datetime") == expected
        # A day has no time of day to add.
        assert era(moment.date(), "datetime") == era(moment.date())
