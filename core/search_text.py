"""Text folded for search, so that a query finds a record however either was typed.

Both sides of a search are folded the same way: NFKC (full-width Ｍｉｃｒｏｎ and
half-width ﾏｲｸﾛﾝ become Micron and マイクロン), lower case, and katakana as
hiragana (マイクロン and まいくろん meet). The query is folded in Python; the
stored text is folded by the database, so that a search stays one query per
list however many rows there are. SQLite calls the Python function below,
registered on each connection; PostgreSQL computes the same fold in SQL with
normalize(), lower() and translate().
"""

import unicodedata

from django.db.models import Func, Q, TextField
from django.db.models.lookups import Contains

# ァ (U+30A1) to ヶ (U+30F6) and their hiragana, ぁ (U+3041) to ゖ (U+3096).
KATAKANA = "".join(map(chr, range(0x30A1, 0x30F7)))
HIRAGANA = "".join(map(chr, range(0x3041, 0x3097)))
_KATAKANA_AS_HIRAGANA = str.maketrans(KATAKANA, HIRAGANA)

SQLITE_FUNCTION = "registry_fold"


def fold(text):
    """`text` as search compares it: lower(), not casefold(), which PostgreSQL lacks."""
    if text is None:
        return None
    return unicodedata.normalize("NFKC", text).lower().translate(_KATAKANA_AS_HIRAGANA)


def search_words(text):
    """The folded words of a query, split on ASCII and full-width spaces."""
    return fold(text or "").split()


class Folded(Func):
    """A column folded as `fold` folds the query."""

    arity = 1
    function = SQLITE_FUNCTION
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        template = f"translate(lower(normalize(%(expressions)s, NFKC)), '{KATAKANA}', '{HIRAGANA}')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def register_sqlite_function(sender, connection, **kwargs):
    """Connected to `connection_created`, so that every SQLite connection can fold."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQLITE_FUNCTION, 1, fold, deterministic=True)


def matching_every_word(queryset, fields, text):
    """Rows of `queryset` where each word of `text` is found in one of `fields`.

    One filter() per word, so that across a related field (an event's talks)
    the words may be found in different related rows.
    """
    for word in search_words(text):
        condition = Q()
        for field in fields:
            condition |= Q(Contains(Folded(field), word))
        queryset = queryset.filter(condition)
    return queryset
