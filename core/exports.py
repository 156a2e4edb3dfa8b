"""The CSV and JSON views every list shares, and how the CSV writes its cells.

Each list declares its columns once (`<app>/exports.py`, with `core.columns`);
the CSV and the JSON both read those columns from the rows of the list's
selector, so the page and every export show the same records in the same
order. The database selects each column's value (a name through a join, a
council's name in the page's language) and hands over plain values: no model
instance is built, and the CSV writes what the database driver returns, a
chunk of rows at a time.

The CSV is written for Excel on a Japanese PC: UTF-8 with a byte-order mark,
RFC 4180 quoting and CRLF line ends, and every text cell that a spreadsheet
would take for a formula is neutralised, or for a number or a date kept as
text (`core.spreadsheet`).
"""

import csv
import io
from itertools import chain, groupby

from django.db import connections
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views import View

from .columns import column_values
from .filtering import InvalidFilters, row_parameters
from .pagination import paginate
from .site import absolute_url
from .spreadsheet import spreadsheet_cell, text_cells

BOM = "\ufeff"
# How `csv.writer` ends a line (its default dialect, "excel").
LINE_END = "\r\n"
# Stands for the shared columns' text in a line until it replaces them
# (`csv_chunk_writer`). A lone surrogate: no text read from a database or a
# message catalogue can hold one, as none can be encoded as UTF-8.
BLOCK = "\udfff"

# Rows fetched from the database, and written to the response, at a time: memory
# stays flat however many match, and each chunk is large enough that the
# compression of a gzipped response costs little per chunk.
CHUNK_SIZE = 2000

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
        with translation.override(language):
            csv.writer(buffer).writerow([str(column.label) for column in columns])
            rows, positions = self.export.rows(rows, csv=True)
        yield BOM + take(buffer)
        # The driver's rows as they come, without Django's conversion of each value
        # to Python: the CSV needs text, which most values already are.
        compiler = rows.query.get_compiler(rows.db)
        chunks = compiler.execute_sql(chunked_fetch=True, chunk_size=CHUNK_SIZE)
        with translation.override(language):
            write = csv_chunk_writer(columns, positions, compiler, origin, buffer)
        for chunk in chunks:
            with translation.override(language):
                write(chunk)
            yield take(buffer)


def csv_chunk_writer(columns, positions, compiler, origin, buffer):
    """A function that writes a chunk of the driver's rows to `buffer` as the CSV's lines.

    What is the same for every row is worked out here, once per export: each
    choice field's labels in the active language, and what each column's
    values need. Integers and dates are written as the driver returns them,
    text goes through `text_cells`, and the rest (times, yes or no) through
    Django's converters and `spreadsheet_cell`. The work is done a column at a
    time, on the whole chunk.

    The columns of the record that many rows share (the ten of a row's source)
    are written once per export for each such record, as a ready-made piece of
    the line (`shared_block`): they are half of a line's cells.
    """
    connection = connections[compiler.using]
    selected = [expression for expression, _sql, _alias in compiler.select]
    converters = compiler.get_converters(selected)
    steps = {
        index: step
        for index, (column, position) in enumerate(zip(columns, positions, strict=True))
        if (
            step := column_step(
                column, selected[position], converters.get(position), connection, origin
            )
        )
    }

    # What the columns read from records that many rows share, kept for the whole export.
    shared = {
        column.related.load: ({}, set())
        for column in columns
        if column.related is not None and column.related.shared
    }

    def cells(rows, indexes):
        values = column_values(rows, positions)
        loaded = dict(shared)
        for index in indexes:
            values[index] = steps[index](values[index], loaded)
        return values

    block = shared_block(columns, positions)
    if block is None:
        lines = csv.writer(buffer)

        def write(rows):
            lines.writerows(zip(*cells(rows, steps), strict=True))

        return write

    start, end = block
    own_steps = [index for index in steps if not start <= index < end]
    pieces = {}  # the block's text for each shared record's key
    line_of = csv.writer(LineText).writerow
    lines = csv.writer(chunk_buffer := io.StringIO())

    def write_pieces(keys):
        loaded = dict(shared)
        values = [steps[index](keys, loaded) for index in range(start, end)]
        for key, block_cells in zip(keys, zip(*values, strict=True), strict=True):
            # Written as a line, so that a line break in a cell is quoted too.
            pieces[key] = line_of(block_cells).removesuffix(LINE_END)

    def write(rows):
        values = cells(rows, own_steps)
        keys = values[start]
        if unwritten := set(keys) - pieces.keys():
            write_pieces(list(unwritten))
        values[start:end] = [[BLOCK] * len(keys)]
        lines.writerows(zip(*values, strict=True))
        # Each line, up to its block, then the block's text: the lines are split where
        # the stand-in is, and joined with the text of each row's block.
        parts = take(chunk_buffer).split(BLOCK)
        # (`strict` fails the export rather than misplace a block, were a cell ever
        # to hold the stand-in.)
        blocks = map(pieces.__getitem__, keys)
        buffer.write("".join(chain.from_iterable(zip(parts[:-1], blocks, strict=True))))
        buffer.write(parts[-1])

    return write


def shared_block(columns, positions):
    """(start, end) of the longest run of two or more adjacent columns that all show,
    from one selected key, a record that many rows share (`Related.shared`) or its
    page; None if there is none."""

    def shared_key(index):
        column = columns[index]
        if column.link is not None or (column.related is not None and column.related.shared):
            return positions[index]
        return None

    runs = []
    for key, group in groupby(range(len(columns)), key=shared_key):
        indexes = list(group)
        reads_records = any(columns[index].related is not None for index in indexes)
        if key is not None and len(indexes) >= 2 and reads_records:
            runs.append((indexes[0], indexes[-1] + 1))
    return max(runs, key=lambda run: run[1] - run[0], default=None)


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


class LineText:
    """A file for `csv.writer` that writes nowhere: `writerow` returns the line's text."""

    write = str


def take(buffer):
    """What has been written to `buffer` since the last call, leaving it empty."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


class JsonExportView(ListExportView):
    """The matching rows, a page at a time, with links to the next and previous pages.

    Pages follow the list pages' rule (`core.pagination.paginate`), so a link
    that works in one format works in the other; the links keep the parameters
    that choose the rows, as the page's own do (`filterset_class`).
    """

    filterset_class = None

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
        rows, positions = self.export.rows(rows, csv=False)
        try:
            page, notice = paginate(self.request.GET, rows)
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
            "results": self.records(list(page.object_list), positions, origin),
        }
        if notice:
            body["notice"] = notice
        return JsonResponse(body, json_dumps_params={"ensure_ascii": False})

    def page_link(self, number):
        query = row_parameters(self.request.GET, self.filterset_class)
        query["page"] = number
        return absolute_url(self.request, f"{self.request.path}?{query.urlencode()}")

    def records(self, rows, positions, origin):
        columns = self.export.columns_for(csv=False)
        values = column_values(rows, positions)
        loaded = {}
        for index, column in enumerate(columns):
            if column.related is not None:
                values[index] = column.related.values(values[index], loaded, csv=False)
            elif column.link is not None:
                values[index] = column.urls(origin)(values[index])
        keys = [column.key for column in columns]
        return [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)]
