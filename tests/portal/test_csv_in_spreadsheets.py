"""Every list's CSV opens in a spreadsheet as shown: an as-printed text such as 「8/8」
stays text instead of becoming a date, and no cell carries a visible extra character.

The LibreOffice test opens each CSV the way a person with the Japanese locale
does (UTF-8, comma-separated, 「特殊な数値を検出」 on, which reads cells as Excel
does) and reads back the type of every cell. It is skipped when LibreOffice is
not installed.
"""

import csv
import io
import re
import shutil
import subprocess
import unicodedata

import pytest
from django.test import Client

from core.spreadsheet import KEEP_AS_TEXT, spreadsheet_cell
from events.models import Event
from tests.helpers import load_registry_if_missing

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

# Separator ",", text delimiter '"', UTF-8 (76), from line 1, no column types,
# language ja-JP (1041), quoted fields not forced to text, special numbers detected.
CSV_IMPORT_OPTIONS = "44,34,76,1,,1041,false,true"

EXPORTS = [
    "/councils/export.csv",
    "/councils/yamaguchi/membership.csv",
    "/organisations/export.csv",
    "/events/export.csv",
    "/agreements/export.csv",
    "/programmes/export.csv",
]
# Dates and times the registry holds as such, which a spreadsheet should read so.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}(:\d{2})?")


def csv_text(response):
    return b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")


def json_records(client, path):
    data = client.get(path.replace(".csv", ".json")).json()
    assert data["next"] is None, "more than one page: read them all"
    return data["results"]


@pytest.mark.parametrize(
    ("printed", "cell"),
    [
        ("8/8", KEEP_AS_TEXT + "8/8"),
        ("2/23", KEEP_AS_TEXT + "2/23"),
        ("８／８", KEEP_AS_TEXT + "８／８"),
        ("11月13日", KEEP_AS_TEXT + "11月13日"),
        ("令和5年11月13日", KEEP_AS_TEXT + "令和5年11月13日"),
        ("2024.3.8", KEEP_AS_TEXT + "2024.3.8"),
        ("1,000", KEEP_AS_TEXT + "1,000"),
        ("(3)", KEEP_AS_TEXT + "(3)"),
        ("12:00", KEEP_AS_TEXT + "12:00"),
        ("TRUE", KEEP_AS_TEXT + "TRUE"),
        # Text no spreadsheet reads as a value is left exactly as it is.
        ("令和６年２月２日（金） １５：００～", "令和６年２月２日（金） １５：００～"),
        ("2/23 MOU締結式", "2/23 MOU締結式"),
        ("3,000万円", "3,000万円"),
        ("中国経済産業局", "中国経済産業局"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_read_as_a_value_starts_with_a_word_joiner(printed, cell):
    assert spreadsheet_cell(printed) == cell


def test_the_word_joiner_is_invisible_and_not_a_space():
    # Unicode's "format" characters have no glyph; a space would be shown (and trimmed).
    assert unicodedata.category(KEEP_AS_TEXT) == "Cf"
    assert not KEEP_AS_TEXT.isspace()
    assert KEEP_AS_TEXT.isprintable() is False


def test_the_events_csv_keeps_the_printed_dates_and_the_json_is_exact(client, registry):
    printed = Event.objects.get(date_printed="8/8")
    records = {record["id"]: record for record in json_records(client, "/events/export.csv")}
    # The JSON has no spreadsheet to fear: the text as printed.
    assert records[printed.pk]["date_printed"] == "8/8"
    # The CSV has the same columns in the same order.
    column = list(records[printed.pk]).index("date_printed")
    rows = list(csv.reader(io.StringIO(csv_text(client.get("/events/export.csv")))))
    cells = {int(row[0]): row[column] for row in rows[1:]}
    assert cells[printed.pk] == KEEP_AS_TEXT + "8/8"
    assert cells[Event.objects.get(date_printed="2/23").pk] == KEEP_AS_TEXT + "2/23"


@pytest.fixture(scope="module")
def opened_in_libreoffice(django_db_setup, django_db_blocker, tmp_path_factory):
    """{path: (the CSV's text, its cells as LibreOffice reads them: rows of (type, value))}
    for every export, converted by one LibreOffice run (it takes seconds to start)."""
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path_factory.mktemp("libreoffice")
    texts, sources = {}, {}
    with django_db_blocker.unblock():
        load_registry_if_missing()
        for index, path in enumerate(EXPORTS):
            texts[path] = csv_text(Client().get(path))
            sources[path] = folder / f"export-{index}.csv"
            sources[path].write_text("\ufeff" + texts[path], encoding="utf-8", newline="")
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            f"--infilter=CSV:{CSV_IMPORT_OPTIONS}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            *map(str, sources.values()),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    opened = {}
    for path, source in sources.items():
        sheet = openpyxl.load_workbook(source.with_suffix(".xlsx")).active
        cells = [[(cell.data_type, cell.value) for cell in row] for row in sheet.iter_rows()]
        opened[path] = (texts[path], cells)
    return opened


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: install it to check how the CSVs "
    "open in a spreadsheet with the Japanese locale",
)
@pytest.mark.parametrize("path", EXPORTS)
def test_every_text_cell_opens_in_libreoffice_as_text_as_shown(
    client, registry, opened_in_libreoffice, path
):
    text, opened = opened_in_libreoffice[path]
    written = list(csv.reader(io.StringIO(text, newline="")))
    records = json_records(client, path)
    assert len(opened) == len(written) == len(records) + 1
    checked = 0
    for record, row, cells in zip(records, written[1:], opened[1:], strict=True):
        for value, cell_text, (kind, cell_value) in zip(record.values(), row, cells, strict=False):
            # Text in the registry (not numbers, ISO dates or times, empty cells) stays text.
            if not isinstance(value, str) or not cell_text or ISO_DATE.fullmatch(value):
                continue
            assert (kind, cell_value) == ("s", cell_text), (path, value)
            checked += 1
    assert checked
