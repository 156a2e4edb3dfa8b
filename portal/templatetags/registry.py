"""Formatting for the registry's pages: dates, fiscal years, yen, and bilingual values.

Japanese pages write dates and fiscal years the way the source document does
(2023年11月13日, 令和6年度); English pages use 13 November 2023 and FY2024.
"""

import datetime
from functools import cache

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.translation import get_language

from councils.japanese_dates import day_era_label, era_label, fiscal_year_of

register = template.Library()


@cache
def choice_labels(model, field):
    """{value: label} of a model field's choices, built once per field."""
    return dict(model._meta.get_field(field).flatchoices)


@register.filter
def display(record, field):
    """`{{ record|display:"sector" }}` is `record.get_sector_display()`.

    Django rebuilds the choices dictionary on every get_FOO_display() call,
    which shows on list pages; this looks the label up in a dictionary built once.
    """
    value = getattr(record, field)
    return force_str(choice_labels(type(record), field).get(value, value), strings_only=True)


ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def is_japanese_page():
    return (get_language() or "ja").split("-")[0] == "ja"


@register.filter
def long_date(value, style=""):
    """2023年11月13日 (or 2023年（令和5年）11月13日 with style "era"); 13 November 2023."""
    if not isinstance(value, datetime.date):
        return ""
    if is_japanese_page():
        era = day_era_label(value) if style == "era" else None
        if era:
            return f"{value.year}年（{era}）{value.month}月{value.day}日"
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"


@register.filter
def fiscal_year(value):
    """令和6年度（2024年度） on Japanese pages, FY2024 on English ones, for 2024 or a date."""
    if isinstance(value, datetime.date):
        value = fiscal_year_of(value)
    if value in (None, ""):
        return ""
    year = int(value)
    if is_japanese_page():
        return f"{era_label(year)[:-1]}年度（{year}年度）"
    return f"FY{year}"


@register.filter
def yen(value):
    """10,000,000円（1,000万円） on Japanese pages (万円 as the document prints); ¥10,000,000."""
    if value in (None, ""):
        return ""
    amount = int(value)
    if is_japanese_page():
        if amount >= 10_000 and amount % 10_000 == 0:
            return f"{amount:,}円（{amount // 10_000:,}万円）"
        return f"{amount:,}円"
    return f"¥{amount:,}"


@register.filter
def number(value):
    """A count with thousands separators."""
    if value in (None, ""):
        return ""
    return f"{int(value):,}"


def japanese_text(value):
    """Data that exists only in Japanese, marked as such on English pages."""
    if value in (None, ""):
        return ""
    if is_japanese_page():
        return format_html("{}", value)
    return format_html('<span lang="ja">{}</span>', value)


@register.simple_tag
def bi(record, field="name"):
    """A record's `field` in the page's language: `<field>_en` on English pages where there
    is one, otherwise the Japanese value, marked `lang="ja"` on English pages."""
    if record is None:
        return ""
    if not is_japanese_page():
        english = getattr(record, f"{field}_en", "")
        if english:
            return format_html("{}", english)
    return japanese_text(getattr(record, field, ""))


@register.simple_tag
def ja(value):
    """A value the document gives only in Japanese (a venue, a title as printed)."""
    return japanese_text(value)


@register.simple_tag
def optional_url(name, *args, **kwargs):
    """The URL named `name`, or "" while that page does not exist yet."""
    try:
        return reverse(name, args=args, kwargs=kwargs)
    except NoReverseMatch:
        return ""
