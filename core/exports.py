"""What every list's exports share: columns, the CSV and JSON views, and their rules.

Each list declares its columns once (`<app>/exports.py`); the CSV and the JSON
both render those columns from the rows of the list's selector, so the page
and every export show the same records in the same order.

The CSV is written for Excel on a Japanese PC: UTF-8 with a byte-order mark,
RFC 4180 quoting and CRLF line ends, and every text cell that a spreadsheet
would take for a formula is neutralised (see `spreadsheet_cell`).
"""

import csv
import datetime
import io
import itertools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.db import models
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from .filtering import InvalidFilters
from .models import shows_english
from .pagination import paginate
from .site import absolute_url

BOM = "\ufeff"

# OWASP's list of characters that start a formula, plus the full-width forms a
# Japanese input method types, which spreadsheets also accept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

# Rows fetched from the database at a time; memory stays flat however many match.
CHUNK_SIZE = 500
# Rows written per chunk of the streamed response.
ROWS_PER_WRITE = 100

# Stands in for a row's key in a page's URL reversed once per export; it fits
# both the `int` and the `slug` path converters.
URL_PLACEHOLDER = "9081726354"
# What reverse() leaves unquoted in a path argument.
URL_SAFE = "!$&'()*+,;=/~:@"


def _getter(value):
    """A Column's `value`: a values() name reads that name; a function reads the whole row."""
    return operator.itemgetter(value) if isinstance(value, str) else value


@dataclass(frozen=True)
class Column:
    """One column of an export, read from the `values()` rows of the list's selector.

    `value` is the stable value the JSON carries (codes, ISO dates, integer
    yen): a `values()` name (`"name"`, `"source__slide"`) or a function of the
    row (a dict), which then names what it reads in `fields`. `text`, when
    given, is what a person reads in the CSV instead (a name or a function, as
    `value`). `choices` ({code: label}) makes the CSV show a code's label, as
    `get_FOO_display()` would. `link` names the page that `value`, the row's
    key, leads to; the exports give its absolute URL. `plain` marks numbers
    and dates, which the CSV writes as they are (see `PLAIN_FIELDS`).
    """

    key: str
    label: Any
    value: str | Callable[[dict], Any]
    text: str | Callable[[dict], Any] | None = None
    choices: dict | None = None
    link: str | None = None
    fields: tuple[str, ...] = ()
    plain: bool = False

    def __post_init__(self):
        named = tuple(name for name in (self.value, self.text) if isinstance(name, str))
        object.__setattr__(self, "fields", (*named, *self.fields))

    def json_value(self, row):
        return _getter(self.value)(row)

    def csv_value(self, row):
        return _getter(self.text or self.value)(row)


def localized_value(row, path):
    """`core.models.localized` for a `values()` row: `<path>_en` on English pages if set."""
    if shows_english() and (english := row[f"{path}_en"]):
        return english
    return row[path]


# Fields whose values the csv module writes exactly as `spreadsheet_cell` would
# (str() of a number or a date is its plain form; None is an empty cell), so
# their cells skip the conversion. Not DateTimeField: str() puts a space before the time.
PLAIN_FIELDS = (models.IntegerField, models.DecimalField, models.FloatField)


def is_plain(model_field):
    if model_field.choices or isinstance(model_field, models.BooleanField):
        return False
    if isinstance(model_field, models.DateField):
        return not isinstance(model_field, models.DateTimeField)
    return isinstance(model_field, PLAIN_FIELDS)


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
        plain=is_plain(model_field),
    )


def council_column(path="council"):
    """The council as its slug (JSON, usable as a filter) and its name (CSV)."""
    slug, name = f"{path}__slug", f"{path}__name"
    return Column(
        key="council",
        label=_("Council"),
        value=slug,
        text=lambda row: localized_value(row, name) if row[slug] else "",
        fields=(name, f"{name}_en"),
    )


def url_column(url_name, key="pk"):
    """The row's page: `url_name` with the row's `key`, as its get_absolute_url() gives it."""
    return Column("url", _("Page"), key, link=url_name)


def sourcing_columns(path="source", *, as_of="as_of"):
    """The as-of date the document gives and the part of it a row comes from."""
    return [
        Column("as_of", _("As of"), as_of, plain=True),
        Column("source_document", _("Source document"), f"{path}__document"),
        Column("source_slide", _("Source slide"), f"{path}__slide", plain=True),
        Column("source_heading", _("Source heading"), f"{path}__heading"),
        Column("source_heading_en", _("Source heading (English)"), f"{path}__heading_en"),
        Column("source_lines", _("Source lines"), f"{path}__lines"),
    ]


def related(queryset, key, to):
    """An `Export.attach` that puts each row's `queryset` records (in their order) in row[`to`].

    `key` names the records' field pointing at the row (`"agreement"`); one query per batch.
    """

    def attach(rows):
        found = {row["pk"]: [] for row in rows}
        for record in queryset.filter(**{f"{key}__in": list(found)}):
            found[getattr(record, f"{key}_id")].append(record)
        for row in rows:
            row[to] = found[row["pk"]]

    return attach


@dataclass(frozen=True)
class Export:
    """A list's exports: the file name stem and the columns, declared once.

    Rows are plain `values()` dicts, never model instances: an export reads
    exactly the fields its columns name. `attach(rows)`, when given, adds what
    a row has many of (an agreement's parties) to a batch of rows.
    """

    name: str
    columns: list[Column]
    attach: Callable[[list[dict]], None] | None = None

    def values(self, rows):
        """The selector's QuerySet `rows` as the dicts the columns read, in the same order."""
        names = dict.fromkeys(("pk", *(name for c in self.columns for name in c.fields)))
        return rows.prefetch_related(None).values(*names)

    def complete(self, rows):
        """`rows` (a list of dicts), with what `attach` adds."""
        if self.attach and rows:
            self.attach(rows)
        return rows


def spreadsheet_cell(value):
    """A cell for the CSV: numbers stay numbers, text that looks like a formula is quoted.

    A leading `'` makes Excel and LibreOffice show the cell as text instead of
    evaluating it (OWASP, "CSV Injection").
    """
    if value.__class__ is str:
        # Most cells are plain text: decide them first.
        return "'" + value if value.startswith(FORMULA_TRIGGERS) else value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = "; ".join(str(item) for item in value)
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


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
        lines += [f"{name}: {' '.join(messages)}" for name, messages in error.errors.items()]
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
            cells = row_cells(columns, origin)
        yield BOM + take(buffer)
        rows = self.export.values(rows).iterator(chunk_size=CHUNK_SIZE)
        while batch := list(itertools.islice(rows, ROWS_PER_WRITE)):
            yield self.write(writer, buffer, batch, cells, language)

    def write(self, writer, buffer, rows, cells, language):
        with translation.override(language):
            writer.writerows(map(cells, self.export.complete(rows)))
        return take(buffer)


def row_cells(columns, origin):
    """A function that gives a row's CSV cells.

    What is the same for every row is worked out here, once per export: each
    choice field's labels in the active language (get_FOO_display() builds its
    dictionary again on every call), each page's URL (reverse() per row), and
    which cells need no conversion at all: numbers and dates, which the csv
    module writes as `spreadsheet_cell` would. A row's values are read with one
    `itemgetter` when every column names its value.
    """

    def link_cell(column):
        # The page's URL is reversed once, with a stand-in for the key of each row.
        before, after = (origin + reverse(column.link, args=[URL_PLACEHOLDER])).split(
            URL_PLACEHOLDER
        )

        def cell(key):
            if key is None:
                return ""
            key = key if key.__class__ is int else quote(str(key), safe=URL_SAFE)
            return spreadsheet_cell(f"{before}{key}{after}")

        return cell

    def label_cell(column):
        labels = {code: spreadsheet_cell(str(label)) for code, label in column.choices.items()}

        def cell(code):
            if not code:
                return ""
            label = labels.get(code)
            return spreadsheet_cell(code) if label is None else label

        return cell

    sources = []
    finishers = []
    for column in columns:
        if column.link:
            sources.append(column.value)
            finishers.append(link_cell(column))
        elif column.choices is not None:
            sources.append(column.value)
            finishers.append(label_cell(column))
        else:
            sources.append(column.text or column.value)
            finishers.append(None if column.plain else spreadsheet_cell)
    if all(isinstance(source, str) for source in sources):
        read = operator.itemgetter(*sources)
    else:
        getters = [_getter(source) for source in sources]
        read = lambda row: [get(row) for get in getters]  # noqa: E731
    steps = list(zip(finishers, range(len(columns)), strict=True))

    def cells(row):
        values = read(row)
        return [finish(values[index]) if finish else values[index] for finish, index in steps]

    return cells


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
        try:
            page, notice = paginate(self.request, self.export.values(rows))
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
            "results": [self.record(row) for row in self.export.complete(list(page.object_list))],
        }
        if notice:
            body["notice"] = notice
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})

    def page_link(self, number):
        query = self.request.GET.copy()
        query["page"] = number
        return absolute_url(self.request, f"{self.request.path}?{query.urlencode()}")

    def record(self, row):
        record = {}
        for column in self.export.columns:
            value = column.json_value(row)
            if column.link and value is not None:
                value = absolute_url(self.request, reverse(column.link, args=[value]))
            record[column.key] = value
        return record
