"""Japanese fiscal years and era years, as the document writes them.

A Japanese fiscal year runs from April to March and is named by the year it
starts in: 令和6年度 is FY2024, from 1 April 2024 to 31 March 2025.
"""

import datetime

REIWA_START = datetime.date(2019, 5, 1)
HEISEI_START = datetime.date(1989, 1, 8)
SHOWA_START = datetime.date(1926, 12, 25)
TAISHO_START = datetime.date(1912, 7, 30)
# Japan has counted days by the Gregorian calendar since 1 January 1873 (明治6年);
# an earlier day had another date in Japan, so it is written with its Western year only.
GREGORIAN_IN_JAPAN = datetime.date(1873, 1, 1)

# (first day, era, calendar year of its first year), newest first. Meiji years are
# counted from 1868, its first year, although the table starts in 1873.
ERAS = (
    (REIWA_START, "令和", 2019),
    (HEISEI_START, "平成", 1989),
    (SHOWA_START, "昭和", 1926),
    (TAISHO_START, "大正", 1912),
    (GREGORIAN_IN_JAPAN, "明治", 1868),
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


def era_of_day(day):
    """('昭和', 64) for 7 January 1989 and ('平成', 1) for 8 January: an era begins on its
    first day, not on 1 January. None for a day before 1873, which has no era here."""
    for first_day, era, first_year in ERAS:
        if day >= first_day:
            return era, day.year - first_year + 1
    return None


def era_year(year):
    """('令和', 6) for 2024: the era that most of a calendar year, or of the fiscal year
    that starts in it, falls in (that of 1 July). 2019 is 令和元年 and 1989 平成元年,
    although each began under the era before. None for a year before 1873."""
    return era_of_day(datetime.date(year, 7, 1))


def era_name(era, number):
    """令和6年; 令和元年 for the first year of an era."""
    return f"{era}{'元' if number == 1 else number}年"


def era_label(year):
    """令和6年 for 2024, 令和元年 for 2019; 1850年 for a year before the eras here."""
    found = era_year(year)
    return era_name(*found) if found else f"{year}年"


WEEKDAYS = "月火水木金土日"


def era_with_year(era, number, year):
    """令和5（2023）年, 令和元（2019）年: the era first, the Western year in brackets, as
    公用文作成の考え方 writes it (「平成26（2014）年」) and the document prints its dates."""
    return f"{era}{'元' if number == 1 else number}（{year}）年"


def koyo_year(year):
    """令和6（2024）年 for a calendar or fiscal year; 1850年 before the eras here."""
    found = era_year(year)
    return era_with_year(*found, year) if found else f"{year}年"


def koyo_fiscal_year(year):
    """令和6（2024）年度 for the fiscal year starting in April 2024."""
    return f"{koyo_year(year)}度"


def koyo_date(day, weekday=False):
    """令和5（2023）年8月10日, with 「（木）」 when `weekday` is asked for. A day before
    1873 keeps its Western date alone: Japan did not yet count days by this calendar."""
    found = era_of_day(day)
    year = era_with_year(*found, day.year) if found else f"{day.year}年"
    text = f"{year}{day.month}月{day.day}日"
    if weekday:
        text += f"（{WEEKDAYS[day.weekday()]}）"
    return text
