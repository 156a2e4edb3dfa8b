"""Third-party screens read in Japanese: the sort menu, the admin's import and export pages,
and the lockout's records on the admin index."""

import pytest
from django.urls import reverse

from councils.models import MembershipSnapshot
from members.models import Organisation
from tests.admin_helpers import admin_url, confirm, upload
from tests.helpers import text_of

HEADER = "council,as_of,total,companies,education,government,other,printed,source\n"
GOOD_ROW = "okayama,2024-06-30,52,47,2,,3,52 企業47、教育2、他3,1\n"
NEGATIVE_ROW = "okayama,2024-06-30,-5,,,,,,1\n"


def assert_no_english(page, *strings):
    left = [string for string in strings if string in page]
    assert not left, f"English left on a Japanese page: {left}"


@pytest.mark.parametrize("path", ["/councils/", "/organisations/", "/events/", "/programmes/"])
def test_a_japanese_list_sorts_in_descending_order_in_japanese(client, registry, path):
    page = text_of(client.get(path))
    assert "（降順）" in page
    assert_no_english(page, "(descending)", "descending")


def test_the_english_list_keeps_its_english_sort_labels(client, registry):
    # The label is translated per request, not once for whichever language came first.
    client.get("/events/")
    page = text_of(client.get("/en/events/"))
    assert "Date (descending)" in page
    assert "降順" not in page


def test_the_admin_export_page_is_in_japanese(editor_client, registry):
    page = text_of(editor_client.get(admin_url(Organisation, "export")))
    assert "次の項目を書き出します：" in page
    assert "すべて選択" in page
    assert "ファイル形式" in page
    assert_no_english(
        page, "This exporter will export the following fields", "Select all", "Format"
    )
    # The package's own catalogue calls this the import page.
    assert "インポートします" not in page


def test_the_admin_import_page_is_in_japanese(editor_client, registry):
    page = text_of(editor_client.get(admin_url(MembershipSnapshot, "import")))
    assert "次の項目を取り込みます：" in page
    assert "ファイル形式" in page
    assert_no_english(page, "This importer will import the following fields", "Format")


def test_rows_that_fail_validation_are_reported_in_japanese(editor_client, registry, tmp_path):
    preview = upload(editor_client, MembershipSnapshot, (HEADER + NEGATIVE_ROW).encode())
    page = text_of(preview)
    assert "一部の行にエラーがあります" in page
    assert "データを修正し、上のフォームから再度アップロードしてください。" in page
    assert_no_english(
        page,
        "Some rows failed to validate",
        "Please correct these errors",
        "Non field specific",
        "Row",
    )


def test_a_finished_import_says_so_in_japanese(editor_client, registry):
    preview = upload(editor_client, MembershipSnapshot, (HEADER + GOOD_ROW).encode())
    assert "confirm_form" in preview.context, text_of(preview)
    response = confirm(editor_client, MembershipSnapshot, preview)
    page = text_of(editor_client.get(response.url))
    finished = "取り込みが完了しました（会員数の記録）：新規1件、更新0件、削除0件、変更なし0件。"
    assert finished in page
    assert_no_english(page, "Import finished", "skipped")


def test_the_admin_index_names_the_lockout_records_in_japanese(admin_client):
    page = text_of(admin_client.get(reverse("admin:index")))
    for japanese in ("ログイン制限", "ログイン試行", "ログイン失敗", "アクセス記録"):
        assert japanese in page
    assert_no_english(page, "Axes", "AXES", "Access attempts", "Access failures", "Access logs")
