"""Japanese fiscal years and era years, as the document writes them.

A Japanese fiscal year runs from April to March and is named by the year it
starts in: 令和6年度 is FY2024, from 1 April 2024 to 31 March 2025.
"""

import datetime

REIWA_START = datetime.date(2019, 5, 1)
HEISEI_START = datetime.date(1989, 1, 8)
SHOWA_START = datetime.date(1926, 12, 25)
TAISHO_START = datetime.date(1912, 7, 30)
MEIJI_START = datetime.date(1868, 10, 23)
# Each era from its first day, newest first: an era changes on that day, not on 1 January.
ERAS = (
    (REIWA_START, "令和"),
    (HEISEI_START, "平成"),
    (SHOWA_START, "昭和"),
    (TAISHO_START, "大正"),
    (MEIJI_START, "明治"),
)

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


def era_of_day(day):
    """令和5年 for 13 November 2023, 昭和64年 for 7 January 1989.

    Days before the Meiji era have no era year here and are given as the calendar year.
    """
    for start, era in ERAS:
        if day >= start:
            number = day.year - start.year + 1
            return f"{era}{'元' if number == 1 else number}年"
    return f"{day.year}年"
