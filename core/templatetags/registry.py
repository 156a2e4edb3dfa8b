"""Formatting that Django has no equivalent for: Japanese era dates, yen, bilingual values.

Dates otherwise go through Django's `|date` (the project's format files give
2023年11月13日 and 13 November 2023) and counts through humanize's `|intcomma`.
"""

import datetime

from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import is_aware, localtime

from core.japanese_dates import day_era_label, era_first_date, era_label, fiscal_year_of
from core.models import localized, shows_english

register = template.Library()


def _literal(text):
    """`text` escaped for a Django date format string, so it is printed as it is."""
    return "".join(f"\\{character}" for character in text)


@register.filter
def era(value, style="date"):
    """Dates and fiscal years with their Japanese era, as the document writes them.

    `{{ day|era }}`: 2023年（令和5年）11月13日 on Japanese pages, 13 November 2023 on
    English ones. `{{ year_or_day|era:"fiscal_year" }}`: 令和6年度（2024年度）, FY2024.
    """
    if style == "fiscal_year":
        if isinstance(value, datetime.date):
            value = fiscal_year_of(value)
        if value in (None, ""):
            return ""
        year = int(value)
        if shows_english():
            return f"FY{year}"
        return f"{era_label(year)[:-1]}年度（{year}年度）"
    if not isinstance(value, datetime.date):
        return ""
    if shows_english():
        return date_format(value)
    era_name = day_era_label(value)
    if era_name is None:
        # Before 1873 Japan did not count days by this calendar: the Western date alone.
        return format_date(value, "Y年n月j日")
    return format_date(value, f"Y年（{_literal(era_name)}）n月j日")


@register.filter
def yen(value):
    """10,000,000円（1,000万円） on Japanese pages (万円 as the document prints); ¥10,000,000."""
    if value in (None, ""):
        return ""
    amount = int(value)
    if not shows_english():
        if amount >= 10_000 and amount % 10_000 == 0:
            return f"{amount:,}円（{amount // 10_000:,}万円）"
        return f"{amount:,}円"
    return f"¥{amount:,}"


def japanese_text(value):
    """Data that exists only in Japanese, marked as such on English pages."""
    if value in (None, ""):
        return ""
    if shows_english():
        return format_html('<span lang="ja">{}</span>', value)
    return format_html("{}", value)


@register.simple_tag
def bi(record, field="name"):
    """A record's `field` in the page's language: `<field>_en` on English pages where there
    is one, otherwise the Japanese value, marked `lang="ja"` on English pages."""
    if record is None:
        return ""
    value = localized(record, field)
    if shows_english() and value and value == getattr(record, f"{field}_en", ""):
        return format_html("{}", value)
    return japanese_text(value)


@register.simple_tag
def ja(value):
    """A value the document gives only in Japanese (a venue, a title as printed)."""
    return japanese_text(value)


@register.filter
def era_first(value):
    """令和7（2025）年4月1日 on Japanese pages (公用文), 1 April 2025 on English ones.

    A date-time is shown as the day it falls on in the portal's time zone.
    """
    return format_day(value)


def format_day(value):
    if isinstance(value, datetime.datetime):
        value = localtime(value).date() if is_aware(value) else value.date()
    if not isinstance(value, datetime.date):
        return ""
    if shows_english():
        return date_format(value)
    return era_first_date(value)
