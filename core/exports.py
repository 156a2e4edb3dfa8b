"""What every list's exports share: columns, the CSV and JSON views, and their rules.

Each list declares its columns once (`<app>/exports.py`); the CSV and the JSON
both read those columns from the rows of the list's selector, so the page and
every export show the same records in the same order. The database computes
each cell (a join, a choice of language, a page's address) and hands over
plain values: no model instance is built, and the CSV writes what the database
driver returns, in chunks.

The CSV is written for Excel on a Japanese PC: UTF-8 with a byte-order mark,
RFC 4180 quoting and CRLF line ends, and every text cell that a spreadsheet
would take for a formula is neutralised, or for a number or a date kept as
text (`core.spreadsheet`).
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.db import connections
from django.db.models import Case, F, Value, When
from django.db.models.functions import Coalesce, NullIf
from django.db.models.sql.constants import MULTI
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from .filtering import InvalidFilters
from .models import Source, shows_english
from .pagination import paginate
from .site import absolute_url
from .spreadsheet import KEEP_AS_TEXT, spreadsheet_cell, text_cells

__all__ = ["KEEP_AS_TEXT", "spreadsheet_cell"]

BOM = "\ufeff"

# Rows fetched from the database, and written to the response, at a time: memory
# stays flat however many match, and each chunk is large enough that the
# compression of a gzipped response costs little per chunk.
CHUNK_SIZE = 2000

# Stands in for a row's key in a page's URL reversed once per export; it fits
# both the `int` and the `slug` path converters.
URL_PLACEHOLDER = "9081726354"
# What reverse() leaves unquoted in a path argument.
URL_SAFE = "!$&'()*+,;=/~:@"

# What the driver returns as the CSV writes it (integers, and dates as ISO text
# on SQLite and as dates on PostgreSQL), and what is text a person typed.
AS_RETURNED = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "DateField",
}
TEXT = {"CharField", "TextField", "URLField", "SlugField", "EmailField"}


@dataclass(frozen=True)
class Related:
    """A column read from other records: those a row has several of (an event's kinds),
    or one that many rows share (the source they cite).

    The column's value is the key (the row's, or the shared record's); `load(keys)`
    gives {key: records} for a chunk of rows, in one query that every column with
    the same `load` shares. `value(records)` is what the JSON carries and
    `text(records)` what the CSV shows; a key that `load` did not find gives them
    `missing`. Each is worked out once per distinct key in a chunk.
    """

    load: Callable[[list], dict]
    value: Callable[[Any], Any]
    text: Callable[[Any], Any]
    missing: Any = ()

    def values(self, keys, loaded, *, csv):
        """The JSON's values or the CSV's cells for `keys`; `loaded` keeps what was read."""
        if self.load not in loaded:
            loaded[self.load] = self.load(list(set(keys) - {None}))
        records = loaded[self.load]
        make = (lambda found: spreadsheet_cell(self.text(found))) if csv else self.value
        made = {key: make(records.get(key, self.missing)) for key in set(keys)}
        return list(map(made.__getitem__, keys))


@dataclass(frozen=True)
class Column:
    """One column of an export.

    `value` is what the database selects for it: a lookup (`source__locator`), an
    expression, or a function that gives one in the active language. The JSON
    carries it as it is (codes, ISO dates, integer yen); `text`, when given, is
    what the CSV selects instead for a person to read (a name for an ID).
    `choices` ({code: label}) makes the CSV show a code's label, as
    `get_FOO_display()` would. `link` names the page that `value`, the row's
    key, leads to; the exports give its absolute URL. `related` reads records a
    row has several of. `csv_only` marks a column a spreadsheet reader needs
    beside another one (the exact figures beside amounts written in 万円) and
    the JSON already carries.
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


def field(model, name, *, key=None, label=None):
    """A column for a model field, labelled with the field's own verbose name.

    Choice fields give their code in the JSON and their label in the CSV.
    """
    model_field = model._meta.get_field(name)
    return Column(
        key=key or name,
        label=capfirst(model_field.verbose_name) if label is None else label,
        value=name,
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

    A few sources serve thousands of rows: each is read once per chunk of rows,
    not joined to every row.
    """
    return [
        Column("as_of", _("As of"), as_of),
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
    return Source.objects.select_related("part_of").in_bulk(keys)


def source_column(key, label, path, get, *, empty=None):
    """A column of the source at `path`: `get(source)`, or `empty` for a row without one."""

    def value(source):
        return empty if source is None else get(source)

    return Column(key, label, path, related=Related(sources_by_key, value, value, missing=None))


def source_url(path):
    """The address the source at `path` gives for itself, or else its document's."""
    return Coalesce(NullIf(F(f"{path}__url"), Value("")), of_document(path, "url"))


def part_title(path, name):
    """The title of a part of a document (a slide's heading); empty for a whole document."""
    return Case(
        When(**{f"{path}__part_of__isnull": False}, then=F(f"{path}__{name}")),
        default=Value(""),
    )


@dataclass(frozen=True)
class Export:
    """A list's exports: the file name stem and the columns, declared once."""

    name: str
    columns: list[Column]

    def columns_for(self, *, csv):
        return self.columns if csv else [column for column in self.columns if not column.csv_only]

    def rows(self, rows, *, csv):
        """The selector's `rows` (filtered and ordered as the page shows them) as tuples of
        the columns' values, for the CSV or the JSON. Prefetches are left to the
        columns that read related records, one query per chunk of rows."""
        expressions = [column.expression(csv=csv) for column in self.columns_for(csv=csv)]
        return rows.prefetch_related(None).values_list(*expressions)


def dated_filename(stem, extension):
    """`organisations-20261128.csv`: the list and the day (in Japan) it was taken."""
    return f"{stem}-{timezone.localdate():%Y%m%d}.{extension}"


def attachment(response, filename):
    """Mark `response` as a file to save under `filename` (RFC 6266, Japanese names included)."""
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


class ListExportView(View):
    """The rows of one selector, in one format; a bad filter gets a 400 saying which one.

    Configure with `as_view(selector=..., export=...)`; the selector is called
    exactly as the page calls it.
    """

    http_method_names = ["get", "head", "options"]
    selector = None
    export = None

    def get_rows(self):
        return self.selector(filters=self.request.GET)

    def get_filename_stem(self):
        return self.export.name

    def get(self, request, *args, **kwargs):
        try:
            rows = self.get_rows()
        except InvalidFilters as error:
            return self.invalid(error)
        return self.render(rows)

    def invalid(self, error):
        lines = [gettext("These filters are not valid:")]
        for name, messages in error.errors.items():
            # The fields' labels for a reader (市町村), the parameter for whoever wrote the URL.
            fields = [error.form.fields.get(part) for part in name.split(", ")]
            labels = [str(field.label) for field in fields if field is not None and field.label]
            lines.append(
                gettext("%(label)s (%(parameter)s): %(messages)s")
                % {
                    "label": gettext(", ").join(labels) or name,
                    "parameter": name,
                    "messages": " ".join(messages),
                }
            )
        return HttpResponse(
            "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
        )

    def render(self, rows):
        raise NotImplementedError


class CsvExportView(ListExportView):
    """Every matching row (not one page), streamed as a CSV for Excel."""

    def render(self, rows):
        # The body is written after the view returns, when the request's language
        # may no longer be active: take it now, and switch it on for each chunk.
        language = translation.get_language()
        # Every page link is on this site: make the origin absolute once per export.
        origin = absolute_url(self.request, "/").removesuffix("/")
        response = StreamingHttpResponse(
            self.lines(rows, language, origin), content_type="text/csv; charset=utf-8"
        )
        return attachment(response, dated_filename(self.get_filename_stem(), "csv"))

    def lines(self, rows, language, origin):
        columns = self.export.columns
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        with translation.override(language):
            writer.writerow([str(column.label) for column in columns])
            rows = self.export.rows(rows, csv=True)
        yield BOM + take(buffer)
        # The driver's rows as they come, without Django's conversion of each value
        # to Python: the CSV needs text, which most values already are.
        compiler = rows.query.get_compiler(rows.db)
        chunks = compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=CHUNK_SIZE)
        with translation.override(language):
            cells = csv_cells(columns, compiler, origin)
        for chunk in chunks:
            with translation.override(language):
                writer.writerows(cells(chunk))
            yield take(buffer)


def csv_cells(columns, compiler, origin):
    """A function that turns a chunk of the driver's rows into the CSV's rows.

    What is the same for every row is worked out here, once per export: each
    choice field's labels in the active language, and what each column's
    values need. Integers and dates are written as the driver returns them,
    text goes through `text_cells`, and the rest (times, yes or no) through
    Django's converters and `spreadsheet_cell`. The work is done a column at a
    time, on the whole chunk.
    """
    connection = connections[compiler.using]
    expressions = [expression for expression, _sql, _alias in compiler.select]
    converters = compiler.get_converters(expressions)
    steps = [
        (index, step)
        for index, column in enumerate(columns)
        if (
            step := column_step(
                column, expressions[index], converters.get(index), connection, origin
            )
        )
    ]

    def cells(rows):
        if not steps:
            return rows
        values = list(zip(*rows, strict=True))
        loaded = {}
        for index, step in steps:
            values[index] = step(values[index], loaded)
        return zip(*values, strict=True)

    return cells


def column_step(column, expression, converters, connection, origin):
    """How one column's values become cells, or None when they are cells already."""
    if column.related is not None:
        return lambda keys, loaded: column.related.values(keys, loaded, csv=True)
    if column.link is not None:
        urls = column.urls(origin)
        return lambda keys, loaded: urls(keys)
    if column.choices is not None:
        labels = {code: spreadsheet_cell(str(label)) for code, label in column.choices.items()}
        return lambda codes, loaded: [
            labels[code] if code in labels else spreadsheet_cell(code) if code else ""
            for code in codes
        ]
    kind = expression.output_field.get_internal_type()
    if kind in AS_RETURNED:
        return None
    if kind in TEXT:
        return lambda texts, loaded: text_cells(texts)
    convert, _expression = converters or ([], expression)

    def converted_step(values, loaded):
        cells = []
        for value in values:
            for converter in convert:
                value = converter(value, expression, connection)
            cells.append(spreadsheet_cell(value))
        return cells

    return converted_step


def take(buffer):
    """What has been written to `buffer` since the last call, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


class JsonExportView(ListExportView):
    """The matching rows, a page at a time, with links to the next and previous pages.

    Pages follow the list pages' rule (`core.pagination.paginate`), so a link
    that works in one format works in the other.
    """

    def invalid(self, error):
        return self.error(gettext("These filters are not valid."), error.errors, status=400)

    def error(self, message, errors, *, status):
        return JsonResponse(
            {"error": message, "errors": errors},
            status=status,
            json_dumps_params={"ensure_ascii": False},
        )

    def render(self, rows):
        origin = absolute_url(self.request, "/").removesuffix("/")
        try:
            page, notice = paginate(self.request, self.export.rows(rows, csv=False))
        except Http404 as missing:
            return self.error(
                gettext("This page does not exist."), {"page": [str(missing)]}, status=404
            )
        body = {
            "count": page.paginator.count,
            "next": self.page_link(page.next_page_number()) if page.has_next() else None,
            "previous": (
                self.page_link(page.previous_page_number()) if page.has_previous() else None
            ),
            "results": self.records(list(page.object_list), origin),
        }
        if notice:
            body["notice"] = notice
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})

    def page_link(self, number):
        query = self.request.GET.copy()
        query["page"] = number
        return absolute_url(self.request, f"{self.request.path}?{query.urlencode()}")

    def records(self, rows, origin):
        columns = self.export.columns_for(csv=False)
        values = list(zip(*rows, strict=True)) or [()] * len(columns)
        loaded = {}
        for index, column in enumerate(columns):
            if column.related is not None:
                values[index] = column.related.values(values[index], loaded, csv=False)
            elif column.link is not None:
                values[index] = column.urls(origin)(values[index])
        keys = [column.key for column in columns]
        return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]
