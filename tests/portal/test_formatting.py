"""Dates, fiscal years, counts and yen as the document writes them, and in English."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from core.templatetags.registry import era, yen


def render(source, **context):
    return Template("{% load humanize registry %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "template", "expected"),
    [
        ("ja", "{{ day|date }}", "2023年11月13日"),
        ("ja", "{{ day|era }}", "2023年（令和5年）11月13日"),
        ("en", "{{ day|date }}", "13 November 2023"),
        ("en", "{{ day|era }}", "13 November 2023"),
    ],
)
def test_dates_in_each_language(language, template, expected):
    with translation.override(language):
        assert render(template, day=datetime.date(2023, 11, 13)) == expected


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
        assert era(value, "fiscal_year") == expected


@pytest.mark.parametrize("language", ["ja", "en"])
def test_counts_have_thousands_separators(language):
    with translation.override(language):
        assert render("{{ count|intcomma }}", count=1234567) == "1,234,567"
        assert render('{{ count|default_if_none:"—"|intcomma }}', count=None) == "—"


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
    assert era("not a date") == ""
    assert yen(None) == ""
