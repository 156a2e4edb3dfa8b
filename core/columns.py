"""The columns of a list's exports, declared once for the CSV and the JSON (`core.exports`).

A column names what the database selects for it; what a reader needs from other
records (an event's kinds, the source a row cites) is read per chunk of rows.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db.models import Case, DateField, F, Func, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Source, shows_english
from .spreadsheet import spreadsheet_cell

# Stands in for a row's key in a page's URL reversed once per export; it fits
# both the `int` and the `slug` path converters.
URL_PLACEHOLDER = "9081726354"
# What reverse() leaves unquoted in a path argument.
URL_SAFE = "!$&'()*+,;=/~:@"


@dataclass(frozen=True)
class Related:
    """A column read from other records: those a row has several of (an event's kinds),
    or one that many rows share (the source they cite).

    The column's value is the key (the row's, or the shared record's); `load(keys)`
    gives {key: records} for a chunk of rows, in one query that every column with
    the same `load` shares. `value(records)` is what the JSON carries and
    `text(records)` what the CSV shows; a key that `load` did not find gives them
    `missing`. Each is worked out once per distinct key in a chunk.

    `shared` records (a source cited by thousands of rows) are read once per
    export: a later chunk reads only the keys no earlier one had.
    """

    load: Callable[[list], dict]
    value: Callable[[Any], Any]
    text: Callable[[Any], Any]
    missing: Any = ()
    shared: bool = False

    def values(self, keys, loaded, *, csv):
        """The JSON's values or the CSV's cells for `keys`; `loaded` keeps what was read
        (for the chunk, or for the export when the records are shared)."""
        if self.load not in loaded:
            loaded[self.load] = ({}, set())
        records, asked = loaded[self.load]
        if unread := set(keys) - asked - {None}:
            records.update(self.load(list(unread)))
            asked |= unread
        make = (lambda found: spreadsheet_cell(self.text(found))) if csv else self.value
        made = {key: make(records.get(key, self.missing)) for key in set(keys)}
        return list(map(made.__getitem__, keys))


@dataclass(frozen=True)
class Column:
    """One column of an export.

    `value` is what the database selects for it: a lookup (`source__locator`), an
    expression, or a function that gives one in the active language. The JSON
    carries it as it is (codes, ISO dates, integer yen); `text`, when given, is
    what the CSV selects instead for a person to read (a name for an ID), or to
    read faster (a date as the database stores it, `StoredDate`).
    `choices` ({code: label}) makes the CSV show a code's label, as
    `get_FOO_display()` would. `link` names the page that `value`, the row's
    key, leads to; the exports give its absolute URL. `related` reads records a
    row has several of, or shares with many rows. `csv_only` marks a column a
    spreadsheet reader needs beside another one (the exact figures beside
    amounts written in 万円) and the JSON already carries.
    """

    key: str
    label: Any
    value: Any = "pk"
    text: Any = None
    choices: dict | None = None
    link: str | None = None
    related: Related | None = None
    csv_only: bool = False

    def expression(self, *, csv):
        """What the database selects for this column, for the CSV or the JSON."""
        chosen = self.text if csv and self.text is not None else self.value
        if callable(chosen):
            chosen = chosen()
        return F(chosen) if isinstance(chosen, str) else chosen

    def urls(self, origin):
        """A function that gives the absolute URLs of the pages of a list of keys.

        The page's URL is reversed once per export, with a stand-in for the key:
        reverse() for every row took half of a large export's time. Building the
        URL here rather than in SQL keeps the rows the database sorts narrow.
        """
        before, after = (origin + reverse(self.link, args=[URL_PLACEHOLDER])).split(URL_PLACEHOLDER)

        def urls(keys):
            # Integer keys need no quoting; slugs are quoted as reverse() quotes them.
            return [
                None
                if key is None
                else f"{before}{key}{after}"
                if key.__class__ is int
                else f"{before}{quote(str(key), safe=URL_SAFE)}{after}"
                for key in keys
            ]

        return urls


def localized(path):
    """The English value of `path` (`<path>_en`) in English if there is one, as
    `core.models.localized` gives it; the Japanese one otherwise."""

    def expression():
        if shows_english():
            return Coalesce(NullIf(F(f"{path}_en"), Value("")), F(path))
        return F(path)

    return expression


class StoredDate(Func):
    """A date, for the CSV, as the database returns it without Django's help.

    SQLite keeps a date as ISO text, and Django's SQLite connection has the
    driver parse every column declared `date` into a `datetime.date`, which the
    CSV then writes as the same text again. Selected through a cast, the column
    has no declared type and arrives as the text itself: the organisations
    export's query read 100,000 synthetic rows in 0.35 s this way, against
    0.38 s parsed (best of 8 each, in turn). PostgreSQL's driver returns a
    date, which the CSV writes as ISO text.
    """

    template = "%(expressions)s"
    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="CAST(%(expressions)s AS TEXT)", **extra_context
        )


def field(model, name, *, key=None, label=None):
    """A column for a model field, labelled with the field's own verbose name.

    Choice fields give their code in the JSON and their label in the CSV.
    """
    model_field = model._meta.get_field(name)
    return Column(
        key=key or name,
        label=capfirst(model_field.verbose_name) if label is None else label,
        value=name,
        text=StoredDate(name) if model_field.get_internal_type() == "DateField" else None,
        choices=dict(model_field.flatchoices) if model_field.choices else None,
    )


def council_column(path="council"):
    """The council as its slug (JSON, usable as a filter) and its name (CSV)."""
    return Column("council", _("Council"), f"{path}__slug", text=localized(f"{path}__name"))


def url_column(url_name, key="pk"):
    """The row's page: `url_name` with the row's `key`, as its get_absolute_url() gives it."""
    return Column("url", _("Page"), key, link=url_name)


def of_document(path, name):
    """`name` of the document the source at `path` is, or is a part of (`Source.document`)."""
    return Case(
        When(**{f"{path}__part_of__isnull": False}, then=F(f"{path}__part_of__{name}")),
        default=F(f"{path}__{name}"),
    )


def sourcing_columns(path="source", *, as_of="as_of"):
    """The as-of date of a row and the source it comes from, as a reader cites it: the
    document's title, publisher, dates and address, the location in it, and the
    source's page on this site (for a slide of the deck, its printed text).

    A few sources serve thousands of rows: each is read once per export, not
    joined to every row.
    """
    return [
        Column("as_of", _("As of"), as_of, text=StoredDate(as_of)),
        source_column("source_document", _("Source"), path, lambda s: s.document.title),
        source_column(
            "source_document_en", _("Source (English)"), path, lambda s: s.document.title_en
        ),
        source_column("source_publisher", _("Publisher"), path, lambda s: s.document.publisher),
        source_column(
            "source_published_on", _("Date published"), path, lambda s: s.document.published_on
        ),
        source_column(
            "source_checked_on", _("Date checked"), path, lambda s: s.document.checked_on
        ),
        source_column("source_url", _("Source URL"), path, lambda s: s.url or s.document.url),
        source_column("source_locator", _("Location in the source"), path, lambda s: s.locator),
        source_column(
            "source_heading",
            _("Source heading"),
            path,
            lambda s: s.title if s.part_of_id else "",
            empty="",
        ),
        source_column(
            "source_heading_en",
            _("Source heading (English)"),
            path,
            lambda s: s.title_en if s.part_of_id else "",
            empty="",
        ),
        Column("source_page", _("Source page"), path, link="sources:detail"),
    ]


def sources_by_key(keys):
    """{key: source} for the keys of sources, with the document each is a part of."""
    return Source.objects.select_related("part_of").in_bulk(keys)


def source_column(key, label, path, get, *, empty=None):
    """A column of the source at `path`: `get(source)`, or `empty` for a row without one."""

    def value(source):
        return empty if source is None else get(source)

    return Column(
        key, label, path, related=Related(sources_by_key, value, value, missing=None, shared=True)
    )


def source_url(path):
    """The address the source at `path` gives for itself, or else its document's."""
    return Coalesce(NullIf(F(f"{path}__url"), Value("")), of_document(path, "url"))


@dataclass(frozen=True)
class Export:
    """A list's exports: the file name stem and the columns, declared once."""

    name: str
    columns: list[Column]

    def columns_for(self, *, csv):
        return self.columns if csv else [column for column in self.columns if not column.csv_only]

    def rows(self, rows, *, csv):
        """The selector's `rows` (filtered and ordered as the page shows them) as tuples of
        what the database selects for the columns, for the CSV or the JSON, and for
        each column the position of its value in those tuples (see `column_values`).

        Each distinct expression is selected once: the ten columns of a row's
        source all read its key. Prefetches are left to the columns that read
        related records."""
        expressions, positions = [], []
        for column in self.columns_for(csv=csv):
            expression = column.expression(csv=csv)
            if expression not in expressions:
                expressions.append(expression)
            positions.append(expressions.index(expression))
        return rows.prefetch_related(None).values_list(*expressions), positions


def column_values(rows, positions):
    """The values of each column, from a list of rows and the positions `Export.rows` gave."""
    selected = list(zip(*rows, strict=True)) or [()] * (max(positions, default=-1) + 1)
    return [selected[position] for position in positions]
