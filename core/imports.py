"""Safe bulk import and export in the admin (django-import-export).

What this module adds to the library, and why:

* Files are read the way people save them: UTF-8 with or without a byte-order
  mark, or CP932 (Shift_JIS), which Excel on a Japanese PC writes; the user
  never chooses an encoding.
* Uploads are bounded (`IMPORT_MAX_BYTES`, `IMPORT_MAX_ROWS`), so one file
  cannot hold a worker or its memory for minutes.
* Text with NUL or other control characters is refused: PostgreSQL cannot
  store NUL, and the others are invisible in the portal.
* The preview's file is kept in `PreviewStorage` under a random name that only
  the server chooses; the confirm step receives that name signed, bound to the
  user, the format and the resource (see `PreviewTicket`), so it can never be
  pointed at another file. A preview is confirmed at most once, and previews
  never confirmed are removed after `IMPORT_PREVIEW_SECONDS`.
* Exports neutralise text a spreadsheet would take for a formula, in CSV and
  XLSX alike, like the public CSV does.
"""

import csv
import io
import os
import re
import time

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX
from import_export.tmp_storages import MediaStorage

from .text import CONTROL_CHARACTERS

# Characters that make a spreadsheet cell a formula (OWASP "CSV Injection"),
# with the full-width forms a Japanese input method types; the same list the
# public CSV export uses.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")
# Enough columns for any registry model; a sheet with more is not one of ours.
MAX_COLUMNS = 100


class ImportFileError(ValueError):
    """A file that cannot be imported; the message is shown to the user as it is."""


def limits():
    return settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS


def too_many_rows_message():
    return _(
        "The file has more than %(rows)s rows. Split it into files of at most %(rows)s rows."
    ) % {"rows": f"{settings.IMPORT_MAX_ROWS:,}"}


def too_large_message():
    return _(
        "The file is larger than %(size)s MB. Import files of at most %(size)s MB "
        "(split larger files)."
    ) % {"size": f"{settings.IMPORT_MAX_BYTES / 1024 / 1024:g}"}


def decode_text(data):
    """The text of a CSV file in UTF-8 (with or without a byte-order mark) or CP932."""
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _(
            "The file's character encoding could not be read. "
            "Save it as CSV in UTF-8 or Shift_JIS (CP932) and try again."
        )
    )


def control_character_message(row, column):
    return _(
        "Row %(row)s, column “%(column)s” contains a control character (such as NUL). "
        "Remove it and try again."
    ) % {"row": row, "column": column}


def check_cells(dataset):
    """Refuse text cells with control characters, naming the first one's row and column."""
    headers = list(dataset.headers or [])
    for index, header in enumerate(headers):
        if isinstance(header, str) and CONTROL_CHARACTERS.search(header):
            raise ImportFileError(control_character_message(0, index + 1))
    for number, row in enumerate(dataset, start=1):
        for index, cell in enumerate(row):
            if isinstance(cell, str) and CONTROL_CHARACTERS.search(cell):
                column = headers[index] if index < len(headers) else index + 1
                raise ImportFileError(control_character_message(number, column))


def neutralise(cell):
    """A text cell that starts like a formula gets a leading `'`; other cells stay as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_TRIGGERS):
        return "'" + cell
    return cell


class FormulaSafeMixin:
    """IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT with the whole list of formula characters.

    The library's own escaping only drops a leading "=" (so "+1+2" and
    "@SUM()" stay formulas) and turns empty cells into the text "None".
    """

    def _escape_formulae(self, dataset):
        rows = [[neutralise(cell) for cell in row] for row in dataset]
        del dataset[:]
        for row in rows:
            dataset.append(row)


class RegistryCSV(FormulaSafeMixin, CSV):
    # What the format menu shows; get_title() stays "csv", the name tablib knows it by.
    label = "CSV"

    def create_dataset(self, in_stream, **kwargs):
        text = decode_text(in_stream)
        max_rows = settings.IMPORT_MAX_ROWS
        if text.count("\n") > max_rows:
            # A line break may sit inside a quoted cell, so count the rows themselves.
            for count, _row in enumerate(csv.reader(io.StringIO(text)), start=0):
                if count > max_rows:  # the header is row 0
                    raise ImportFileError(too_many_rows_message())
        dataset = super().create_dataset(text, **kwargs)
        check_cells(dataset)
        return dataset


class RegistryXLSX(FormulaSafeMixin, XLSX):
    label = "Excel（xlsx）"

    def create_dataset(self, in_stream):
        import openpyxl
        import tablib

        try:
            book = openpyxl.load_workbook(io.BytesIO(in_stream), read_only=True, data_only=True)
        except Exception as error:
            raise ImportFileError(
                _("The file could not be read as an Excel workbook (.xlsx).")
            ) from error
        try:
            sheet = book.active
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            dataset = tablib.Dataset()
            header = next(rows, None)
            if header is None:
                return dataset
            width = len(header)
            while width and header[width - 1] is None:
                width -= 1
            dataset.headers = list(header[:width])
            for number, row in enumerate(rows, start=1):
                if number > settings.IMPORT_MAX_ROWS:
                    raise ImportFileError(too_many_rows_message())
                values = list(row[:width]) + [None] * (width - len(row))
                if any(value is not None for value in values):
                    dataset.append(values)
        finally:
            book.close()
        check_cells(dataset)
        return dataset


class PreviewStorage(MediaStorage):
    """Where a previewed file waits for its confirmation, under a name only the server picks.

    The files live in the "import_export" storage of `STORAGES` (a folder of
    their own). `claim()` renames the file before the import runs, so that two
    confirmations of one preview (a double click, two workers) import it once.
    """

    NAME = re.compile(r"^[0-9a-f]{32}$")

    def save(self, data):
        self.sweep()
        super().save(data)

    def folder(self):
        return self._storage.path(self.MEDIA_FOLDER)

    def claim(self):
        """Take the file for one confirmation; False if it is gone (confirmed or expired)."""
        if not self.name or not self.NAME.match(self.name):
            return False
        path = self._storage.path(self.get_full_path())
        try:
            os.rename(path, path + ".claimed")
        except FileNotFoundError:
            return False
        self.name += ".claimed"
        return True

    def remove(self):
        if self.name:
            self._storage.delete(self.get_full_path())

    def sweep(self):
        """Remove previews older than IMPORT_PREVIEW_SECONDS that were never confirmed."""
        oldest = time.time() - settings.IMPORT_PREVIEW_SECONDS
        try:
            entries = list(os.scandir(self.folder()))
        except FileNotFoundError:
            return
        for entry in entries:
            try:
                if entry.is_file() and entry.stat().st_mtime < oldest:
                    os.remove(entry.path)
            except FileNotFoundError:
                pass  # removed by another worker meanwhile


class PreviewTicket:
    """The confirm form's signed reference to one user's preview."""

    SALT = "portal.imports.preview"

    @classmethod
    def issue(cls, *, name, user, format_index, resource, original_name):
        return signing.dumps(
            {
                "name": name,
                "user": user.pk,
                "format": int(format_index),
                "resource": resource or "",
                "original": original_name,
            },
            salt=cls.SALT,
            compress=True,
        )

    @classmethod
    def read(cls, token, *, user):
        """The ticket's contents, or None for a forged, foreign or expired ticket."""
        try:
            ticket = signing.loads(
                token or "", salt=cls.SALT, max_age=settings.IMPORT_PREVIEW_SECONDS
            )
        except signing.BadSignature:
            return None
        if not isinstance(ticket, dict) or ticket.get("user") != user.pk:
            return None
        return ticket
