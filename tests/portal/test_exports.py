"""The shared export rules: spreadsheet cells and file names."""

import datetime
from decimal import Decimal

import pytest
from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from hypothesis import given
from hypothesis import strategies as st

from core.exports import attachment
from core.spreadsheet import spreadsheet_cell, text_cells


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


# Beginnings that can and cannot start a number, a date or a formula, as a
# spreadsheet with the Japanese locale folds them.
TRICKY_TEXTS = [
    "S5",
    "S 5",
    "Synthetic organisation 0000123",
    "H30.4.1",
    "Ｈ３０．４．１",
    "㍻30年4月1日",
    "令和5年11月13日",
    "①",
    "½",
    " 12 ",
    "\u30002024",
    "TRUE",
    "true",
    "tr",
    "False",
    "fa",
    "f",
    "T",
    "1e5",
    "-5",
    "＋1",
    "@sum",
    "スライド3",
    "(3)",
    "（3）",
    "50%",
    "12:00",
    "8/8",
    "岡山県",
    "Hiroshima",
    "",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_a_column_of_text_is_written_as_each_cell_alone_would_be(text):
    # The CSV decides a whole column at once, from how each text begins.
    assert text_cells([text, text]) == [spreadsheet_cell(text)] * 2


@given(st.text(alphabet="SsTtFfMHRrue 1０３.．/:年月日令和㍻①½-+＝@(（%ay\u3000", max_size=6))
def test_any_short_text_is_written_as_spreadsheet_cell_writes_it(text):
    assert text_cells([text]) == [spreadsheet_cell(text)]


def test_a_missing_value_stays_empty():
    assert text_cells([None]) == [None]
