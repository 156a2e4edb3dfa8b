"""Every list's CSV neutralises a cell that a spreadsheet would take for a formula."""

import csv
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
    ("/events/export.csv", Event, "name", "名称"),
    ("/agreements/export.csv", Agreement, "name", "名称"),
    ("/programmes/export.csv", Programme, "name", "名称"),
]


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(body, newline="")))


# Plain ASCII test IDs, which a test runner can pass back on a command line as they are.
@pytest.mark.parametrize(
    ("path", "model", "field", "column"), LISTS, ids=[model.__name__ for _, model, _, _ in LISTS]
)
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
