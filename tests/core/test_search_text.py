"""The fold that search applies to queries and to stored text alike."""

import pytest

from core.search_text import Folded, fold, search_words
from members.models import Organisation
from tests import factories


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("ﾏｲｸﾛﾝ", "まいくろん"),  # half-width katakana
        ("マイクロン", "まいくろん"),
        ("まいくろん", "まいくろん"),
        ("Ｍｉｃｒｏｎ", "micron"),  # full-width Latin
        ("MICRON", "micron"),
        ("ﾊﾞｲｵ", "ばいお"),  # a half-width voiced mark joins its letter
        ("センター", "せんたー"),  # the long-vowel mark stays
        ("１０８", "108"),
        ("ヴ", "ゔ"),
        ("", ""),
    ],
)
def test_fold_makes_width_case_and_kana_variants_equal(typed, folded):
    assert fold(typed) == folded


def test_fold_keeps_an_empty_value_empty():
    assert fold(None) is None


def test_search_words_split_on_ascii_and_full_width_spaces():
    assert search_words(" 半導体　フォーラム  Ｍｉｃｒｏｎ\t") == ["半導体", "ふぉーらむ", "micron"]
    assert search_words("　 ") == []


@pytest.mark.parametrize(
    "stored",
    [
        "ﾏｲｸﾛﾝﾒﾓﾘ",
        "Ｍｉｃｒｏｎ Memory",
        "ひがしひろしまフォーラム",
        "ＧＸ統括監",
        "ÉLAN",
        "ヴァ・ヶ月",
    ],
)
def test_the_database_folds_stored_text_as_python_folds_the_query(db, stored):
    """SQLite calls `fold`; PostgreSQL has its own SQL for it: both must agree."""
    pk = factories.organisation(name=stored).pk
    folded = Organisation.objects.annotate(folded=Folded("name")).values_list("folded", flat=True)
    assert folded.get(pk=pk) == fold(stored)
