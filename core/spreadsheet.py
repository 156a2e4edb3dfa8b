"""What a CSV cell must be so that Excel or LibreOffice shows it as the registry prints it.

`spreadsheet_cell` is the rule for one value. `text_cells` applies the same
rule to a whole column of text at once: most text starts with characters that
can begin neither a formula nor a number or a date, and deciding that once per
distinct start of a cell, not once per cell, is what lets an export of 100,000
rows keep up with the database.
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils.translation import gettext

# OWASP's list of characters that start a formula, plus the full-width forms a
# Japanese input method types, which spreadsheets also accept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

# Text that Excel or LibreOffice with the Japanese locale would read as a number, a
# date or a time, once folded as they fold it (full-width digits are digits there):
# 「8/8」, 「2024.3.8」, 「11月13日」, 「令和5年11月13日」, 「1,000」, 「(3)」, 「50%」,
# 「12:00」, 「1e5」, 「TRUE」. Such a cell starts with a WORD JOINER (U+2060): it has
# no width and is no space, so a spreadsheet keeps the cell as text and shows it
# as printed, and other tools show nothing either (docs/exports.md).
LOOKS_LIKE_A_VALUE = re.compile(
    r"""\s*(?:
        (?:明治|大正|昭和|平成|令和|[MTSHR])?[\d\s/.:,()%$¥￥年月日+\-−]*\d[\d\s/.:,()%$¥￥年月日+\-−]*
      | [+\-−]?\d[\d,]*\.?\d*e[+\-]?\d+
      | true|false
    )\s*""",
    re.IGNORECASE | re.VERBOSE,
)
KEEP_AS_TEXT = "\u2060"

# How a text that LOOKS_LIKE_A_VALUE matches can begin, judged on its first two
# characters once folded: a space, a character of a number or a date, an era
# (明治…令和, or M/T/S/H/R before a figure), or true/false. Every such text begins
# this way, so a text that does not needs no closer look.
MAY_START_A_VALUE = re.compile(
    r"""\s | [\d/.:,()%$¥￥年月日+\-−明大昭平令]
      | [MTSHR](?:\Z|[\d\s/.:,()%$¥￥年月日+\-−]) | t(?:\Z|r) | f(?:\Z|a)""",
    re.IGNORECASE | re.VERBOSE,
)

# What the first two characters of a text say about it (see text_cells).
PLAIN, FORMULA, MAYBE_A_VALUE = "plain", "formula", "maybe a value"
# At most this many beginnings are remembered per process (a few thousand in practice).
REMEMBERED_BEGINNINGS = 50_000
_beginnings = {}


def spreadsheet_cell(value):
    """A cell for the CSV: numbers stay numbers, text that looks like a formula is quoted,
    and text that a spreadsheet would turn into a number or a date stays text.

    A leading `'` makes Excel and LibreOffice show the cell as text instead of
    evaluating it (OWASP, "CSV Injection"); `KEEP_AS_TEXT` keeps 「8/8」 from
    becoming 8 August.
    """
    if value.__class__ is str:
        # Most cells are plain text: decide them first.
        if value.startswith(FORMULA_TRIGGERS):
            return "'" + value
        return kept_as_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        # A word a reader understands (はい／いいえ), not a spreadsheet's TRUE/FALSE.
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime.time):
        # 14:00, as the pages write a time; seconds only where a time has them.
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def kept_as_text(text):
    """`text`, behind a WORD JOINER if a spreadsheet would read it as a number or a date."""
    if text and LOOKS_LIKE_A_VALUE.fullmatch(unicodedata.normalize("NFKC", text)):
        return KEEP_AS_TEXT + text
    return text


def beginning(text):
    """PLAIN, FORMULA or MAYBE_A_VALUE for a text that begins with `text` (two characters)."""
    if text.startswith(FORMULA_TRIGGERS):
        kind = FORMULA
    elif MAY_START_A_VALUE.match(unicodedata.normalize("NFKC", text)):
        kind = MAYBE_A_VALUE
    else:
        kind = PLAIN
    if len(_beginnings) < REMEMBERED_BEGINNINGS:
        _beginnings[text] = kind
    return kind


def text_cells(values):
    """`spreadsheet_cell` of each text (or None) in `values`, for a whole column at once."""
    known = _beginnings.get
    return [
        text
        if not text or (kind := known(text[:2]) or beginning(text[:2])) is PLAIN
        else "'" + text
        if kind is FORMULA
        else kept_as_text(text)
        for text in values
    ]
