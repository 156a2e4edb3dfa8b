"""Japanese fiscal years and era years, as the document writes them.

A Japanese fiscal year runs from April to March and is named by the year it
starts in: 令和6年度 is FY2024, from 1 April 2024 to 31 March 2025.
"""

import datetime

REIWA_START = datetime.date(2019, 5, 1)
HEISEI_START = datetime.date(1989, 1, 8)

# Fiscal years a record may name: from the Heisei era to a sane horizon.
EARLIEST_FISCAL_YEAR = 1989
LATEST_FISCAL_YEAR = 2100


def fiscal_year_of(day):
    """The fiscal year (by its starting calendar year) that `day` falls in."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fiscal_year):
    """First and last day of a fiscal year."""
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)


def era_year(year):
    """('令和', 6) for 2024; the era that a fiscal or calendar year mostly falls in."""
    if year >= 2019:
        return "令和", year - 2018
    if year >= 1989:
        return "平成", year - 1988
    return "昭和", year - 1925


def era_label(year):
    """令和6年 for 2024, 令和元年 for 2019."""
    era, number = era_year(year)
    return f"{era}{'元' if number == 1 else number}年"
