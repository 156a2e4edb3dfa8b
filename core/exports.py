"""What every list's exports share: columns, the CSV and JSON views, and their rules.

Each list declares its columns once (`<app>/exports.py`); the CSV and the JSON
both render those columns from the rows of the list's selector, so the page
and every export show the same records in the same order.

The CSV is written for Excel on a Japanese PC: UTF-8 with a byte-order mark,
RFC 4180 quoting and CRLF line ends, and every text cell that a spreadsheet
would take for a formula is neutralised, or for a number or a date kept as
text (see `spreadsheet_cell`).
"""

import csv
import datetime
import io
import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from .filtering import InvalidFilters
from .pagination import paginate
from .site import absolute_url

BOM = "\ufeff"

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

# Rows fetched from the database at a time; memory stays flat however many match.
CHUNK_SIZE = 500
# Rows written per chunk of the streamed response.
ROWS_PER_WRITE = 100

# Stands in for a row's key in a page's URL reversed once per export; it fits
# both the `int` and the `slug` path converters.
URL_PLACEHOLDER = "9081726354"
# What reverse() leaves unquoted in a path argument.
URL_SAFE = "!$&'()*+,;=/~:@"


@dataclass(frozen=True)
class Column:
    """One column of an export.

    `value(row)` is the stable value the JSON carries (codes, ISO dates, integer
    yen); `text(row)`, when given, is what a person reads in the CSV instead
    (labels in the page's language). `choices` ({code: label}) makes the CSV
    show a code's label, as `get_FOO_display()` would. `link` names the page
    that `value`, the row's key, leads to; the exports give its absolute URL.
    `csv_only` marks a column a spreadsheet reader needs beside another one (the
    exact figures beside amounts written in 万円) and the JSON already carries.
    """

    key: str
    label: Any
    value: Callable[[Any], Any]
    text: Callable[[Any], Any] | None = None
    choices: dict | None = None
    link: str | None = None
    csv_only: bool = False

    def json_value(self, row):
        return self.value(row)

    def csv_value(self, row):
        return (self.text or self.value)(row)


def attr(path):
    """A getter for `a.b.c` that gives None when a link in the chain is missing."""
    getters = [operator.attrgetter(part) for part in path.split(".")]

    def get(row):
        for getter in getters:
            if row is None:
                return None
            row = getter(row)
        return row

    return get


def field(model, name, *, key=None, label=None):
    """A column for a model field, labelled with the field's own verbose name.

    Choice fields give their code in the JSON and their label in the CSV.
    """
    model_field = model._meta.get_field(name)
    return Column(
        key=key or name,
        label=capfirst(model_field.verbose_name) if label is None else label,
        value=operator.attrgetter(name),
        choices=dict(model_field.flatchoices) if model_field.choices else None,
    )


def council_column(path="council"):
    """The council as its slug (JSON, usable as a filter) and its name (CSV)."""
    get = attr(path)
    return Column(
        key="council",
        label=_("Council"),
        value=lambda row: council.slug if (council := get(row)) else None,
        text=lambda row: council.display_name if (council := get(row)) else "",
    )


def url_column(url_name, key="pk"):
    """The row's page: `url_name` with the row's `key`, as its get_absolute_url() gives it."""
    return Column("url", _("Page"), operator.attrgetter(key), link=url_name)


def sourcing_columns(path="source", *, as_of="as_of"):
    """The as-of date of a row and the source it comes from, as a reader cites it: the
    document's title, publisher, dates and address, the location in it, and the
    source's page on this site (for a slide of the deck, its printed text)."""
    document = f"{path}.document"
    return [
        Column("as_of", _("As of"), attr(as_of)),
        Column("source_document", _("Source"), attr(f"{document}.title")),
        Column("source_document_en", _("Source (English)"), attr(f"{document}.title_en")),
        Column("source_publisher", _("Publisher"), attr(f"{document}.publisher")),
        Column("source_published_on", _("Date published"), attr(f"{document}.published_on")),
        Column("source_checked_on", _("Date checked"), attr(f"{document}.checked_on")),
        Column("source_url", _("Source URL"), source_url(path)),
        Column("source_locator", _("Location in the source"), attr(f"{path}.locator")),
        Column("source_heading", _("Source heading"), part_title(path, "title")),
        Column("source_heading_en", _("Source heading (English)"), part_title(path, "title_en")),
        Column("source_page", _("Source page"), attr(f"{path}.pk"), link="sources:detail"),
    ]


def source_url(path):
    """The address the source gives for itself, or else its document's."""
    get = attr(path)

    def value(row):
        source = get(row)
        if source is None:
            return None
        return source.url or source.document.url

    return value


def part_title(path, field):
    """The title of a part of a document (a slide's heading); empty for a whole document."""
    get = attr(path)

    def value(row):
        source = get(row)
        return getattr(source, field) if source is not None and source.part_of_id else ""

    return value


@dataclass(frozen=True)
class Export:
    """A list's exports: the file name stem and the columns, declared once."""

    name: str
    columns: list[Column]


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
            cells = row_cells(columns, origin)
        yield BOM + take(buffer)
        batch = []
        for row in rows.iterator(chunk_size=CHUNK_SIZE):
            batch.append(row)
            if len(batch) == ROWS_PER_WRITE:
                yield self.write(writer, buffer, batch, cells, language)
                batch = []
        if batch:
            yield self.write(writer, buffer, batch, cells, language)

    def write(self, writer, buffer, rows, cells, language):
        with translation.override(language):
            writer.writerows(map(cells, rows))
        return take(buffer)


def row_cells(columns, origin):
    """A function that gives a row's CSV cells.

    What is the same for every row is worked out here, once per export: each
    choice field's labels in the active language (get_FOO_display() builds its
    dictionary again on every call) and each page's URL (reverse() per row):
    the two took four fifths of a 100,000-row export's time.
    """

    def link_cell(column):
        # The page's URL is reversed once, with a stand-in for the key of each row.
        before, after = (origin + reverse(column.link, args=[URL_PLACEHOLDER])).split(
            URL_PLACEHOLDER
        )

        def cell(row):
            key = column.value(row)
            if key is None:
                return ""
            key = key if key.__class__ is int else quote(str(key), safe=URL_SAFE)
            return spreadsheet_cell(f"{before}{key}{after}")

        return cell

    def label_cell(column):
        labels = {code: spreadsheet_cell(str(label)) for code, label in column.choices.items()}

        def cell(row):
            code = column.value(row)
            return labels.get(code, spreadsheet_cell(code)) if code else ""

        return cell

    def text_cell(column):
        get = column.text or column.value
        return lambda row: spreadsheet_cell(get(row))

    makers = [
        link_cell(column)
        if column.link
        else label_cell(column)
        if column.choices is not None
        else text_cell(column)
        for column in columns
    ]
    return lambda row: [make(row) for make in makers]


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
            page, notice = paginate(self.request, rows)
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
            "results": [self.record(row) for row in page.object_list],
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
            if column.csv_only:
                continue
            value = column.json_value(row)
            if column.link and value is not None:
                value = absolute_url(self.request, reverse(column.link, args=[value]))
            record[column.key] = value
        return record
