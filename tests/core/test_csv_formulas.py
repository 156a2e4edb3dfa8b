"""Every list's CSV neutralises a cell that a spreadsheet would take for a formula."""

import csv
import datetime
import io

import pytest

from councils.models import Council, MembershipSnapshot
from events.models import Agreement, Event, Programme
from members.models import Organisation

FORMULA = '=HYPERLINK("http://example.com","x")'

LISTS = [
    ("/councils/export.csv", Council, "name", "名称"),
    ("/councils/yamaguchi/membership.csv", MembershipSnapshot, "printed", "資料の表記"),
    ("/organisations/export.csv", Organisation, "name", "名称"),
    ("/events/export.csv", Event, "name", "タイトル"),
    ("/agreements/export.csv", Agreement, "name", "タイトル"),
    ("/programmes/export.csv", Programme, "name", "名称"),
]


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(body, newline="")))


@pytest.mark.parametrize(("path", "model", "field", "column"), LISTS, ids=lambda v: str(v))
def test_a_formula_in_any_list_reaches_the_csv_as_text(
    client, registry, path, model, field, column
):
    records = model.objects.all()
    if model is MembershipSnapshot:
        records = records.filter(council__slug="yamaguchi")
    record = records.order_by("pk").first()
    setattr(record, field, FORMULA)
    record.save()
    rows = csv_rows(client.get(path))
    cells = [row[column] for row in rows]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


def test_only_numbers_and_dates_skip_the_cell_conversion():
    # The csv module writes these exactly as spreadsheet_cell would; anything else
    # (text, booleans, choices, date-times) must go through it.
    from django.db import models

    from core.exports import is_plain, spreadsheet_cell

    assert is_plain(models.PositiveSmallIntegerField())
    assert is_plain(models.DateField())
    assert not is_plain(models.DateTimeField())
    assert not is_plain(models.BooleanField())
    assert not is_plain(models.CharField())
    assert not is_plain(models.IntegerField(choices=[(1, "one")]))
    moment = datetime.datetime(2024, 4, 1, 9, 30)
    assert spreadsheet_cell(moment) != str(moment)
