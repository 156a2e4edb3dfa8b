"""Admin import and export files in Japanese: headings and values as staff read them, the
codes still accepted, and an exported file importing back without a change."""

import csv
import io

import openpyxl
import pytest

from core.models import Source
from councils.models import MembershipSnapshot
from events.models import Event
from members.models import Organisation
from tests.admin_helpers import CSV, XLSX, confirm, export, upload


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_organisation_export_has_japanese_headings_and_values(editor_client, registry):
    rows = csv_rows(export(editor_client, Organisation))
    assert list(rows[0])[:6] == ["ID", "名称", "名称（英語）", "区分（産学官）", "分類", "都道府県"]
    hiroshima = next(row for row in rows if row["名称"] == "広島県")
    assert (hiroshima["区分（産学官）"], hiroshima["都道府県"], hiroshima["国・地域"]) == (
        "官（行政）",
        "広島県",
        "日本",
    )
    codes = {"industry", "government", "hiroshima", "okayama", "JP", "TW", "company"}
    assert not codes & {value for row in rows for value in row.values()}


def test_a_snapshot_export_names_the_council(editor_client, registry):
    rows = csv_rows(export(editor_client, MembershipSnapshot))
    okayama = next(row for row in rows if row["協議会"] == "おかやま半導体関連コンソーシアム")
    assert (okayama["時点"], okayama["合計"]) == ("2024-03-08", "49")


def records(model):
    return list(model.objects.order_by("pk").values())


@pytest.mark.parametrize("model", [MembershipSnapshot, Organisation, Event], ids=str)
@pytest.mark.parametrize("file_format", [CSV, XLSX], ids=["csv", "xlsx"])
def test_an_exported_file_imports_back_without_a_change(
    editor_client, registry, model, file_format
):
    before, history = records(model), model.history.count()
    content = export(editor_client, model, file_format).content
    name = "export.xlsx" if file_format == XLSX else "export.csv"
    preview = upload(editor_client, model, content, name, file_format=file_format)
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    confirm(editor_client, model, preview)
    assert records(model) == before
    assert model.history.count() == history


def test_japanese_headings_and_values_import(editor_client, registry):
    source = Source.objects.order_by("pk").first()
    content = (
        "ID,名称,区分（産学官）,分類,都道府県,国・地域,出典\n"
        f",新しい会員企業,産（企業）,企業,岡山県,日本,{source.pk}\n"
    ).encode()
    preview = upload(editor_client, Organisation, content)
    assert "confirm_form" in preview.context
    confirm(editor_client, Organisation, preview)
    added = Organisation.objects.get(name="新しい会員企業")
    assert (added.sector, added.category, added.prefecture, added.country) == (
        "industry",
        "company",
        "okayama",
        "JP",
    )


def test_a_value_that_is_no_choice_is_named_with_the_choices(editor_client, registry):
    source = Source.objects.order_by("pk").first()
    content = f"ID,名称,区分（産学官）,分類,出典\n,新しい会員企業,工場,企業,{source.pk}\n".encode()
    preview = upload(editor_client, Organisation, content)
    (row,) = preview.context["result"].invalid_rows
    (message,) = row.error_dict["区分（産学官）"]
    assert "「工場」は選べる値にありません" in message
    assert "産（企業）、学（大学・研究機関）、官（行政）、支援機関、その他" in message
    assert "confirm_form" not in preview.context


def test_the_import_page_lists_the_columns_by_name(editor_client, registry):
    page = editor_client.get("/admin/members/organisation/import/").content.decode()
    assert "ID、名称、名称（英語）" in page
    assert "name_en" not in page


def test_the_format_menu_names_csv_and_excel_with_csv_chosen(editor_client, registry):
    form = editor_client.get("/admin/members/organisation/export/").context["form"]
    assert [label for _, label in form.fields["format"].choices] == ["CSV", "Excel（xlsx）"]
    assert form.fields["format"].initial == "0"


def test_an_xlsx_export_has_japanese_headings(editor_client, registry):
    sheet = openpyxl.load_workbook(io.BytesIO(export(editor_client, Event, XLSX).content)).active
    headings = [cell.value for cell in next(sheet.iter_rows())]
    assert headings[:4] == ["ID", "協議会", "取組の主体", "種別"]


def test_the_import_page_says_what_each_column_takes(editor_client, registry):
    response = editor_client.get("/admin/members/organisation/import/")
    guide = {heading: hint for heading, hint, _ in response.context["column_guide"]}
    assert (
        guide["区分（産学官）"] == "産（企業）、学（大学・研究機関）、官（行政）、支援機関、その他"
    )
    assert guide["出典"] == "出典のID"
    assert "例：2024-06-30" in guide["時点"]
    page = response.content.decode()
    assert "名称【必須】" in page
    assert "都道府県" in page and "鳥取県、島根県、岡山県、広島県、山口県" in page
    # The ID column must be there, but a new record leaves it empty.
    assert "ID【必須】" not in page
