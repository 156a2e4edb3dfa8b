"""The shared export rules: spreadsheet cells and file names."""

import datetime
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.utils.translation import gettext_lazy

from core.exports import attachment, spreadsheet_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (95, "95"),
        (-3, "-3"),
        (2_000_000, "2000000"),
        (Decimal("1.50"), "1.50"),
        (True, "はい"),
        (False, "いいえ"),
        (None, ""),
        (datetime.date(2024, 2, 23), "2024-02-23"),
        (datetime.time(14, 0), "14:00"),
        (datetime.time(14, 0, 30), "14:00:30"),
        ("岡山県", "岡山県"),
        ("a=b", "a=b"),
        ('=HYPERLINK("http://example.com")', '\'=HYPERLINK("http://example.com")'),
        ("-1+2", "'-1+2"),
        ("＝SUM(A1)", "'＝SUM(A1)"),
        ("\t=1", "'\t=1"),
        (["a", "b"], "a; b"),
    ],
)
def test_numbers_stay_numbers_and_formulas_become_text(value, cell):
    assert spreadsheet_cell(value) == cell


def test_an_ascii_file_name_is_given_plainly():
    assert attachment(HttpResponse(), "events-20261128.csv")["Content-Disposition"] == (
        'attachment; filename="events-20261128.csv"'
    )


def test_a_japanese_file_name_is_given_as_filename_star():
    header = attachment(HttpResponse(), "会員-20261128.csv")["Content-Disposition"]
    assert header == "attachment; filename*=utf-8''%E4%BC%9A%E5%93%A1-20261128.csv"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (["=SUM(A1)", "b"], "'=SUM(A1); b"),
        (("-1", "2"), "'-1; 2"),
        (gettext_lazy("=1+2"), "'=1+2"),
        (gettext_lazy("ordinary"), "ordinary"),
    ],
)
def test_lists_and_lazy_text_are_neutralised_like_plain_text(value, cell):
    assert spreadsheet_cell(value) == cell
