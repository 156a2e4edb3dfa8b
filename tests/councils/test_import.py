"""Quarterly membership counts arrive as a file: previewed, all rows or none, in the history."""

import csv
import io

import pytest

from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import XLSX, confirm, export, upload, xlsx_bytes

HEADER = "council,as_of,total,companies,education,government,other,printed,source\n"


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


def good_file():
    # One new quarter for Okayama, and a correction of Setouchi's printed count.
    return (
        HEADER
        + "okayama,2024-06-30,52,47,2,,3,52 企業47、教育2、他3,1\n"
        + "setouchi,2024-02-01,22,19,,3,,22 企業19、行政3（訂正）,1\n"
    ).encode()


def test_a_good_file_is_previewed_before_anything_is_saved(editor_client, okayama):
    before = MembershipSnapshot.objects.count()
    preview = upload(editor_client, MembershipSnapshot, good_file())
    assert preview.status_code == 200
    result = preview.context["result"]
    assert [row.import_type for row in result.valid_rows()] == ["new", "update"]
    assert "confirm_form" in preview.context
    assert MembershipSnapshot.objects.count() == before


def test_a_confirmed_import_adds_and_updates_what_the_preview_said(client, staff_user, okayama):
    editor = staff_user("editor")
    client.force_login(editor)
    before = MembershipSnapshot.objects.count()
    preview = upload(client, MembershipSnapshot, good_file())
    assert confirm(client, MembershipSnapshot, preview).status_code == 302

    assert MembershipSnapshot.objects.count() == before + 1
    added = okayama.snapshots.get(as_of="2024-06-30")
    assert (added.total, added.companies, added.government, added.other) == (52, 47, None, 3)
    assert added.updated_at is not None
    updated = MembershipSnapshot.objects.get(council__slug="setouchi", as_of="2024-02-01")
    assert updated.printed == "22 企業19、行政3（訂正）"

    # Like a hand edit: in the history, with who imported it and that it was an import.
    latest = updated.history.latest()
    assert (latest.history_type, latest.history_user) == ("~", editor)
    assert latest.history_change_reason == "ファイルから取り込み"
    assert added.history.get().history_user == editor


def test_a_file_with_one_bad_row_changes_nothing_and_names_that_row(editor_client, okayama):
    before = list(MembershipSnapshot.objects.values())
    content = (
        HEADER
        + "okayama,2024-06-30,52,47,2,,3,,1\n"
        + "setouchi,2024-06-30,10,19,,3,,,1\n"  # a breakdown of 22 in a total of 10
        + "okayama,2024-09-30,53,48,2,,3,,1\n"
    ).encode()
    preview = upload(editor_client, MembershipSnapshot, content)
    assert preview.status_code == 200
    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    # The error is named by the column's heading, as the file has it.
    assert "合計10を超えています" in str(result.invalid_rows[0].error_dict["合計"])
    assert "合計10を超えています" in preview.content.decode()
    assert "confirm_form" not in preview.context
    assert list(MembershipSnapshot.objects.values()) == before


def row_messages(result):
    """{row number: every message about that row}, whether it is about a value or the row."""
    messages = {}
    for row in result.invalid_rows:
        for problems in row.error_dict.values():
            messages.setdefault(row.number, []).extend(str(problem) for problem in problems)
    for number, errors in result.row_errors():
        messages.setdefault(number, []).extend(str(error.error) for error in errors)
    return messages


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("nowhere,2024-06-30,52,,,,,,1", "「nowhere」という協議会は登録されていません。"),
        ("okayama,2024-06-30,-5,,,,,,1", "0以上の数値を入力してください。"),
        ("okayama,2024-06-30,many,,,,,,1", "整数を入力してください。（入力された値：many）"),
        (
            "okayama,2024-06-31,52,,,,,,1",
            "日付は年・月・日の順に、半角で入力してください（例：2024-06-30）。（入力された値：2024-06-31）",
        ),
        ("okayama,2024-06-30,52,,,,,,999", "IDが「999」の出典はありません。"),
        ("okayama,2024-06-30,52,,,,,,", "この項目は必須です。"),
    ],
)
def test_each_kind_of_bad_row_gets_a_message_on_that_row(editor_client, okayama, row, message):
    before = MembershipSnapshot.objects.count()
    preview = upload(editor_client, MembershipSnapshot, (HEADER + row + "\n").encode())
    assert preview.status_code == 200
    assert row_messages(preview.context["result"]) == {1: [message]}
    assert message in preview.content.decode()
    assert "confirm_form" not in preview.context
    assert MembershipSnapshot.objects.count() == before


def test_a_file_that_is_not_a_spreadsheet_gets_a_message_not_an_error_page(editor_client, okayama):
    preview = upload(editor_client, MembershipSnapshot, b"\x00\x01 not a table", file_format=XLSX)
    assert preview.status_code == 200
    assert preview.context["form"].errors
    assert "confirm_form" not in preview.context


def test_an_xlsx_file_is_imported_too(editor_client, okayama):
    row = ["okayama", "2024-06-30", 52, 47, 2, None, 3, "", 1]
    content = xlsx_bytes([HEADER.strip().split(","), row])
    preview = upload(editor_client, MembershipSnapshot, content, "import.xlsx", file_format=XLSX)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["new"]
    confirm(editor_client, MembershipSnapshot, preview)
    assert okayama.snapshots.get(as_of="2024-06-30").total == 52


def test_a_csv_export_opens_in_excel_and_reads_back_in(editor_client, okayama):
    response = export(editor_client, MembershipSnapshot)
    assert response.status_code == 200
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == MembershipSnapshot.objects.count()
    # Japanese headings, and the council by its name, as staff know them.
    okayama_row = next(row for row in rows if row["協議会"] == okayama.name)
    assert (okayama_row["時点"], okayama_row["合計"]) == ("2024-03-08", "49")

    # The same file imported again changes nothing.
    preview = upload(editor_client, MembershipSnapshot, content)
    assert {row.import_type for row in preview.context["result"].rows} == {"skip"}
