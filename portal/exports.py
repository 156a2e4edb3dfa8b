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
import operator
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from .site import absolute_url

BOM = "\ufeff"

# OWASP's list of characters that start a formula, plus the full-width forms a
# Japanese input method types, which spreadsheets also accept.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")

# Rows fetched from the database at a time; memory stays flat however many match.
CHUNK_SIZE = 500
# Rows written per chunk of the streamed response.
ROWS_PER_WRITE = 100

JSON_PAGE_SIZE = 50

# Stands in for a row's key when a detail page's URL is reversed once per export;
# it fits both the `int` and the `slug` path converters.
URL_PLACEHOLDER = "9081726354"
# What `reverse()` leaves unquoted in a path argument.
URL_SAFE = "!$&'()*+,;=/~:@"


@dataclass(frozen=True)
class Column:
    """One column of an export.

    `value(row)` is the stable value the JSON carries (codes, ISO dates, integer
    yen); `text(row)`, when given, is what a person reads in the CSV instead
    (labels in the page's language). `link` marks a path to make absolute.

    The CSV reads plain values rather than model instances when every column
    of a list says where its cell comes from: `lookup` is the ORM lookup of
    `value` (`source__document`), `text_lookup` that of `text`, `choices` maps
    a code to its label, and `url_name` is the detail page that `link` reverses
    with the `lookup` value as its one argument.
    """

    key: str
    label: Any
    value: Callable[[Any], Any]
    text: Callable[[Any], Any] | None = None
    link: bool = False
    lookup: str | None = None
    text_lookup: str | None = None
    choices: dict | None = None
    url_name: str | None = None

    def json_value(self, row):
        return self.value(row)

    def csv_value(self, row):
        return (self.text or self.value)(row)

    @property
    def tabular(self):
        """Whether the CSV cell can be made from `lookup`/`text_lookup` values alone."""
        if self.lookup is None:
            return False
        if self.link:
            return self.url_name is not None
        return self.text is None or self.text_lookup is not None or self.choices is not None


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


def lookup_of(path):
    """The ORM lookup of an attribute path: `source.document` is `source__document`."""
    return path.replace(".", "__")


def attr_column(key, label, path):
    """A column that shows the attribute at `path` (`source.document`) as it is."""
    return Column(key, label, attr(path), lookup=lookup_of(path))


def field(model, name, *, key=None, path=None, label=None):
    """A column for a model field, labelled with the field's own verbose name.

    Choice fields give their code in the JSON and their label in the CSV.
    """
    model_field = model._meta.get_field(name)
    get = attr(path or name)
    text = None
    choices = None
    if model_field.choices:
        choices = dict(model_field.flatchoices)

        def text(row):
            code = get(row)
            return choices.get(code, code) if code else ""

    return Column(
        key=key or name,
        label=label or capfirst(model_field.verbose_name),
        value=get,
        text=text,
        # A relation's attribute is an instance, but its lookup gives the key.
        lookup=None if model_field.is_relation else lookup_of(path or name),
        choices=choices,
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


def url_column(url_name, argument="pk"):
    """The row's page, as `get_absolute_url()` gives it: `url_name` reversed with `argument`."""
    return Column(
        key="url",
        label=_("Page"),
        value=lambda row: row.get_absolute_url(),
        link=True,
        lookup=argument,
        url_name=url_name,
    )


def sourcing_columns(path="source", *, as_of="as_of"):
    """The as-of date the document gives and the part of it a row comes from."""
    return [
        attr_column("as_of", _("As of"), as_of),
        attr_column("source_document", _("Source document"), f"{path}.document"),
        attr_column("source_slide", _("Source slide"), f"{path}.slide"),
        attr_column("source_heading", _("Source heading"), f"{path}.heading"),
        attr_column("source_heading_en", _("Source heading (English)"), f"{path}.heading_en"),
        attr_column("source_lines", _("Source lines"), f"{path}.lines"),
    ]


@dataclass(frozen=True)
class Export:
    """A list's exports: the file name stem and the columns, declared once."""

    name: str
    columns: list[Column]


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


def content_disposition(filename):
    """`attachment` with a plain filename, and `filename*` (RFC 6266) when it is not ASCII."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    header = f'attachment; filename="{fallback}"'
    if fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename)}"
    return header


def dated_filename(stem, extension):
    """`organisations-20261128.csv`: the list and the day (in Japan) it was taken."""
    return f"{stem}-{timezone.localdate():%Y%m%d}.{extension}"


def filter_errors(filterset):
    """{parameter: [messages]} for the invalid parameters of a bound FilterSet."""
    errors = {}
    for name, messages in filterset.form.errors.items():
        if name == "__all__":
            # A rule across several parameters, such as a date range; name them.
            name = ", ".join(getattr(filterset.form, "date_range_fields", ())) or "filters"
        errors[name] = list(messages)
    return errors


def invalid_filter_text(filterset):
    lines = [gettext("These filters are not valid:")]
    for name, messages in filter_errors(filterset).items():
        lines.append(f"{name}: {' '.join(messages)}")
    return HttpResponse(
        "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


class ListExportView(View):
    """The rows of one selector, in one format; a bad filter gets a 400 saying which one.

    Configure with `as_view(selector=..., export=...)`; the selector is called
    exactly as the page calls it.
    """

    http_method_names = ["get", "head", "options"]
    selector = None
    export = None

    def get_filterset(self):
        return self.selector(filters=self.request.GET)

    def get_filename_stem(self):
        return self.export.name

    def get(self, request, *args, **kwargs):
        filterset = self.get_filterset()
        if not filterset.is_valid():
            return self.invalid(filterset)
        return self.render(filterset.matching())

    def invalid(self, filterset):
        return invalid_filter_text(filterset)

    def render(self, rows):
        raise NotImplementedError

    def link(self, path):
        return absolute_url(self.request, path)


class CsvExportView(ListExportView):
    """Every matching row (not one page), streamed as a CSV for Excel.

    Whatever is the same for every row is worked out once per export: labels
    and choice labels become text in the page's language, and each detail
    page's absolute URL is reversed once, with the row's key put in per row.
    When every column says where its cell comes from (`Column.tabular`), the
    rows are read as plain tuples instead of model instances.
    """

    def render(self, rows):
        # The body is written after the view returns, when the request's language
        # may no longer be active: take it now, and switch it on for each chunk.
        language = translation.get_language()
        columns = self.export.columns
        tabular = all(column.tabular for column in columns)
        if tabular:
            # One value a column: the CSV shows a column's text where it has one.
            lookups = [column.text_lookup or column.lookup for column in columns]
            # Related rows come in through the lookups' joins, as select_related would.
            rows = rows.prefetch_related(None).values_list(*lookups)
            cells = self.tuple_cells(columns)
        else:
            cells = self.instance_cells(columns)
        lines = self.lines(rows, cells, language)
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = content_disposition(
            dated_filename(self.get_filename_stem(), "csv")
        )
        return response

    def tuple_cells(self, columns):
        """A row tuple's CSV cells: each value as it is, but for links and choice labels."""
        specials = []
        for position, column in enumerate(columns):
            if column.link:
                specials.append((position, self.url_cell(column)))
            elif column.choices is not None and not column.text_lookup:
                specials.append((position, choice_cell(column.choices)))

        def cells(row):
            texts = list(map(spreadsheet_cell, row))
            for position, cell in specials:
                texts[position] = cell(row[position])
            return texts

        return cells

    def instance_cells(self, columns):
        """A model instance's CSV cells, from each column's getters."""
        makers = []
        for column in columns:
            if column.link and column.url_name is not None:
                makers.append(compose(self.url_cell(column), attr(lookup_path(column.lookup))))
            elif column.link:
                makers.append(self.plain_link_cell(column.value))
            elif column.choices is not None:
                makers.append(compose(choice_cell(column.choices), column.value))
            else:
                makers.append(compose(spreadsheet_cell, column.text or column.value))
        return lambda row: [make(row) for make in makers]

    def url_cell(self, column):
        """The cell for a detail page's key: its absolute URL, reversed once per export."""
        path = reverse(column.url_name, kwargs={column.lookup: URL_PLACEHOLDER})
        before, after = absolute_url(self.request, path).split(URL_PLACEHOLDER)
        quoted = column.lookup != "pk"

        def cell(key):
            if key is None:
                return ""
            key = quote(str(key), safe=URL_SAFE) if quoted else key
            return spreadsheet_cell(f"{before}{key}{after}")

        return cell

    def plain_link_cell(self, get):
        return lambda row: spreadsheet_cell(self.link(get(row)))

    def lines(self, rows, cells, language):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        with translation.override(language):
            writer.writerow([str(column.label) for column in self.export.columns])
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


def take(buffer):
    """What has been written to `buffer` since the last call, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def compose(outer, inner):
    return lambda row: outer(inner(row))


def lookup_path(lookup):
    """The attribute path of an ORM lookup: `source__document` is `source.document`."""
    return lookup.replace("__", ".")


def choice_cell(choices):
    """A code shown as its label; the labels become text once, in the active language."""
    labels = {code: spreadsheet_cell(str(label)) for code, label in choices.items()}

    def cell(code):
        if not code:
            return ""
        label = labels.get(code)
        return label if label is not None else spreadsheet_cell(code)

    return cell


class JsonExportView(ListExportView):
    """The matching rows, 50 a page, with links to the next and previous pages."""

    def invalid(self, filterset):
        return JsonResponse(
            {"error": gettext("These filters are not valid."), "errors": filter_errors(filterset)},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )

    def render(self, rows):
        paginator = Paginator(rows, JSON_PAGE_SIZE)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except (PageNotAnInteger, EmptyPage) as error:
            # A page past the end is missing (404); a page number that is no number is bad input.
            past_the_end = isinstance(error, EmptyPage) and self.page_number() > 1
            message = (
                gettext("This page does not exist.")
                if past_the_end
                else gettext("The page number is not valid.")
            )
            return JsonResponse(
                {"error": message, "errors": {"page": [str(error)]}},
                status=404 if past_the_end else 400,
                json_dumps_params={"ensure_ascii": False},
            )
        return JsonResponse(
            {
                "count": paginator.count,
                "next": self.page_link(page.next_page_number()) if page.has_next() else None,
                "previous": (
                    self.page_link(page.previous_page_number()) if page.has_previous() else None
                ),
                "results": [self.record(row) for row in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )

    def page_number(self):
        try:
            return int(self.request.GET.get("page"))
        except (TypeError, ValueError):
            return 0

    def page_link(self, number):
        query = self.request.GET.copy()
        query["page"] = number
        return absolute_url(self.request, f"{self.request.path}?{query.urlencode()}")

    def record(self, row):
        record = {}
        for column in self.export.columns:
            value = column.json_value(row)
            record[column.key] = self.link(value) if column.link else value
        return record
