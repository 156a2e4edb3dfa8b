"""Imports that cannot be turned against the server, and read the files people really have."""

import csv
import io
import json
import os
import tempfile
import time

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from core.management.commands import load_registry
from councils.models import Council, MembershipSnapshot
from members.models import Organisation
from tests.admin_helpers import XLSX, admin_url, confirm, export, upload, xlsx_bytes
from tests.helpers import text_of

HEADER = "council,as_of,total,companies,education,government,other,printed,source\n"
ROW = "okayama,2024-06-30,52,47,2,,3,52 企業47、教育2、他3,1\n"


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


@pytest.fixture(autouse=True)
def own_preview_folder(settings, tmp_path):
    """Each test's previews in a folder of its own, so that counting files is exact."""
    settings.IMPORT_PREVIEW_DIR = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "import_export": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def preview_of(client, content=None, **kwargs):
    preview = upload(client, MembershipSnapshot, content or (HEADER + ROW).encode(), **kwargs)
    assert preview.status_code == 200
    assert "confirm_form" in preview.context, text_of(preview)
    return preview


def post_confirm(client, **data):
    return client.post(admin_url(MembershipSnapshot, "process_import"), data, follow=True)


def preview_files():
    folder = os.path.join(settings.IMPORT_PREVIEW_DIR, "django-import-export")
    return set(os.listdir(folder)) if os.path.isdir(folder) else set()


# --- 2. The confirm step only takes what its own preview stored -------------------


@pytest.fixture
def bystander():
    """A file in the temporary folder that an import must never touch."""
    handle, path = tempfile.mkstemp(prefix="bystander-")
    os.write(handle, b"keep me")
    os.close(handle)
    yield path
    if os.path.exists(path):
        os.remove(path)


REFUSED = "この取り込みは確定できません"


@pytest.mark.parametrize(
    "data",
    [
        {"import_file_name": "BYSTANDER", "original_file_name": "x.csv", "format": "0"},
        {"import_file_name": "BYSTANDER", "original_file_name": "x.csv", "format": "abc"},
        {"import_file_name": "BYSTANDER", "original_file_name": "x.csv", "format": "99"},
        {"import_file_name": "../../etc/passwd", "original_file_name": "x", "format": "0"},
        {"import_file_name": "TMPDIR", "original_file_name": "x.csv", "format": "0"},
        {"original_file_name": "x.csv", "format": "0"},
        {},
    ],
)
def test_a_confirm_naming_any_other_file_is_refused_and_touches_nothing(
    editor_client, okayama, bystander, data
):
    data = {
        key: value.replace("BYSTANDER", os.path.basename(bystander)).replace(
            "TMPDIR", tempfile.gettempdir()
        )
        for key, value in data.items()
    }
    before = MembershipSnapshot.objects.count()
    response = post_confirm(editor_client, **data)
    assert response.status_code == 200
    assert REFUSED in text_of(response)
    assert os.path.exists(bystander)
    with open(bystander, "rb") as file:
        assert file.read() == b"keep me"
    assert MembershipSnapshot.objects.count() == before


def test_a_confirm_whose_format_was_changed_still_imports_what_was_previewed(
    editor_client, okayama
):
    preview = preview_of(editor_client)
    data = {**preview.context["confirm_form"].initial, "format": "abc", "resource": "9"}
    response = post_confirm(editor_client, **data)
    assert response.status_code == 200
    assert okayama.snapshots.filter(as_of="2024-06-30").count() == 1


def test_a_preview_is_confirmed_once_however_often_the_button_is_pressed(editor_client, okayama):
    preview = preview_of(editor_client)
    assert confirm(editor_client, MembershipSnapshot, preview).status_code == 302
    again = post_confirm(editor_client, **preview.context["confirm_form"].initial)
    assert again.status_code == 200
    assert "この取り込みはすでに確定したか" in text_of(again)
    assert okayama.snapshots.filter(as_of="2024-06-30").count() == 1


def test_another_users_preview_cannot_be_confirmed(client, staff_user, okayama):
    client.force_login(staff_user("editor", username="sato"))
    preview = preview_of(client)
    client.force_login(staff_user("editor", username="kato"))
    response = post_confirm(client, **preview.context["confirm_form"].initial)
    assert REFUSED in text_of(response)
    assert not okayama.snapshots.filter(as_of="2024-06-30").exists()


def test_a_tampered_preview_name_is_refused(editor_client, okayama):
    preview = preview_of(editor_client)
    data = dict(preview.context["confirm_form"].initial)
    data["import_file_name"] = data["import_file_name"][:-2] + "xx"
    assert REFUSED in text_of(post_confirm(editor_client, **data))
    assert not okayama.snapshots.filter(as_of="2024-06-30").exists()


def test_a_viewer_cannot_confirm_an_import(client, staff_user, okayama):
    client.force_login(staff_user("editor"))
    preview = preview_of(client)
    client.force_login(staff_user("viewer"))
    response = client.post(
        admin_url(MembershipSnapshot, "process_import"), preview.context["confirm_form"].initial
    )
    assert response.status_code == 403


def test_previews_never_confirmed_are_removed(editor_client, okayama, settings):
    first = preview_of(editor_client)
    stored = preview_files()
    assert stored
    # An hour passes; the next preview clears the old one away.
    old = time.time() - settings.IMPORT_PREVIEW_SECONDS - 60
    folder = os.path.join(settings.IMPORT_PREVIEW_DIR, "django-import-export")
    for name in stored:
        os.utime(os.path.join(folder, name), (old, old))
    preview_of(editor_client)
    assert not stored & preview_files()
    response = post_confirm(editor_client, **first.context["confirm_form"].initial)
    assert response.status_code == 200
    assert not okayama.snapshots.filter(as_of="2024-06-30").exists()


def test_a_preview_with_errors_keeps_no_file(editor_client, okayama):
    before = preview_files()
    preview = upload(
        editor_client, MembershipSnapshot, (HEADER + "nowhere,2024-06-30,5,,,,,,1\n").encode()
    )
    assert "confirm_form" not in preview.context
    assert preview_files() == before


def test_a_preview_older_than_the_limit_cannot_be_confirmed(editor_client, okayama, settings):
    preview = preview_of(editor_client)
    settings.IMPORT_PREVIEW_SECONDS = -1
    response = post_confirm(editor_client, **preview.context["confirm_form"].initial)
    assert REFUSED in text_of(response)
    assert not okayama.snapshots.filter(as_of="2024-06-30").exists()


# --- 3. Bounded uploads --------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(editor_client, okayama):
    content = (HEADER + ROW).encode() + b"#" * (5 * 1024 * 1024)
    preview = upload(editor_client, MembershipSnapshot, content)
    assert preview.status_code == 200
    assert "5MBを超えています" in text_of(preview)
    assert "confirm_form" not in preview.context


def test_a_file_with_too_many_rows_is_refused_naming_the_limit(editor_client, okayama, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = "".join(f"okayama,2024-0{month}-01,52,,,,,,1\n" for month in range(1, 5))
    preview = upload(editor_client, MembershipSnapshot, (HEADER + rows).encode())
    assert "3行を超えています" in text_of(preview)
    assert "confirm_form" not in preview.context
    # Exactly the limit is fine.
    preview_of(editor_client, (HEADER + rows.rsplit("okayama", 1)[0]).encode())


def test_an_xlsx_with_too_many_rows_is_refused_too(editor_client, okayama, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [
        ["okayama", f"2024-0{month}-01", 52, None, None, None, None, "", 1] for month in range(1, 5)
    ]
    content = xlsx_bytes([HEADER.strip().split(","), *rows])
    preview = upload(editor_client, MembershipSnapshot, content, "a.xlsx", file_format=XLSX)
    assert "3行を超えています" in text_of(preview)


def test_an_import_that_runs_too_long_stops_and_saves_nothing(editor_client, okayama, settings):
    settings.IMPORT_MAX_SECONDS = 0
    preview = upload(editor_client, MembershipSnapshot, (HEADER + ROW).encode())
    assert "0秒を超えた" in text_of(preview)
    assert "confirm_form" not in preview.context
    assert not okayama.snapshots.filter(as_of="2024-06-30").exists()


def test_the_default_limits_are_the_documented_ones():
    assert (settings.IMPORT_MAX_BYTES, settings.IMPORT_MAX_ROWS) == (5 * 1024 * 1024, 500)


# --- 7. All or nothing at confirm -------------------------------------------------------


def test_a_row_that_turned_invalid_after_the_preview_undoes_the_whole_import(
    editor_client, okayama
):
    content = (HEADER + ROW + "setouchi,2024-06-30,22,19,,3,,,1\n").encode()
    preview = preview_of(editor_client, content)
    # Between preview and confirm, someone renames Setouchi's slug.
    Council.objects.filter(slug="setouchi").update(slug="setouchi-renamed")
    before = list(MembershipSnapshot.objects.values())
    response = editor_client.post(
        admin_url(MembershipSnapshot, "process_import"),
        preview.context["confirm_form"].initial,
        follow=True,
    )
    assert response.status_code == 200
    page = text_of(response)
    assert "取り込みませんでした" in page
    assert "取り込みが完了" not in page
    assert list(MembershipSnapshot.objects.values()) == before


# --- 8. The files people have, and what the database can keep -------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "shift_jis"])
def test_csv_files_in_utf8_with_or_without_bom_and_in_shift_jis_are_read(
    editor_client, okayama, encoding
):
    preview = preview_of(editor_client, (HEADER + ROW).encode(encoding))
    confirm(editor_client, MembershipSnapshot, preview)
    assert okayama.snapshots.get(as_of="2024-06-30").printed == "52 企業47、教育2、他3"


def test_a_file_in_no_known_encoding_gets_a_japanese_message(editor_client, okayama):
    preview = upload(
        editor_client, MembershipSnapshot, HEADER.encode() + b"\xff\xfe\xfa,\x80\xff\n"
    )
    page = text_of(preview)
    assert "文字コード" in page
    assert "UnicodeDecodeError" not in page
    assert "confirm_form" not in preview.context


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace("total", "totl"), "不明な列があります：totl"),
        (HEADER.replace("council,", ""), "必要な列がありません：協議会"),
        (HEADER.strip() + ",total\n", "同じ名前の列が複数あります：合計"),
    ],
)
def test_unknown_missing_and_repeated_columns_are_named(editor_client, okayama, header, message):
    row = ROW if header.count(",") == HEADER.count(",") else ROW.strip() + ",52\n"
    if "council" not in header:
        row = ROW.split(",", 1)[1]
    preview = upload(editor_client, MembershipSnapshot, (header + row).encode())
    assert message in text_of(preview)
    assert "confirm_form" not in preview.context


def test_two_rows_for_one_record_are_named(editor_client, okayama):
    content = (HEADER + ROW + ROW.replace(",52,", ",53,")).encode()
    preview = upload(editor_client, MembershipSnapshot, content)
    assert "1行目と2行目は同じレコード" in text_of(preview)
    assert "confirm_form" not in preview.context


def test_duplicate_ids_in_an_organisation_file_are_named(editor_client, registry):
    first = Organisation.objects.order_by("pk").first()
    content = (
        "id,name,sector,category,source\n"
        f"{first.pk},{first.name},{first.sector},{first.category},1\n"
        f"{first.pk},{first.name}（別名）,{first.sector},{first.category},1\n"
    ).encode()
    preview = upload(editor_client, Organisation, content)
    assert "1行目と2行目は同じレコード" in text_of(preview)
    assert "confirm_form" not in preview.context


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f"])
def test_control_characters_in_a_csv_are_refused(editor_client, okayama, character):
    content = (HEADER + ROW.replace("企業47", f"企業{character}47")).encode()
    preview = upload(editor_client, MembershipSnapshot, content)
    assert "制御文字" in text_of(preview)
    assert "confirm_form" not in preview.context


def test_control_characters_in_an_xlsx_are_refused(editor_client, okayama):
    # XML cannot hold most control characters, but DEL it can.
    row = ["okayama", "2024-06-30", 52, 47, 2, None, 3, "企業\x7f47", 1]
    content = xlsx_bytes([HEADER.strip().split(","), row])
    preview = upload(editor_client, MembershipSnapshot, content, "a.xlsx", file_format=XLSX)
    assert "制御文字" in text_of(preview)
    assert "confirm_form" not in preview.context


def test_tabs_and_line_breaks_inside_cells_are_still_text(editor_client, okayama):
    content = (HEADER + ROW.replace("52 企業47、教育2、他3", '"52\n企業47\t教育2"')).encode()
    preview_of(editor_client, content)


@pytest.mark.parametrize(("value", "message"), [("\x00", "Null"), ("\x01", "制御文字")])
def test_admin_forms_refuse_control_characters(editor_client, registry, value, message):
    organisation = Organisation.objects.order_by("pk").first()
    url = admin_url(Organisation, "change", organisation.pk)
    from tests.admin_helpers import form_data

    data = form_data(editor_client.get(url))
    data["name"] = f"名前{value}です"
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"]
    organisation.refresh_from_db()
    assert value not in organisation.name


def test_load_registry_refuses_a_fixture_with_a_nul(db, tmp_path, monkeypatch):
    with open(load_registry.FIXTURE, encoding="utf-8") as file:
        records = json.load(file)
    council = next(record for record in records if record["model"] == "councils.council")
    council["fields"]["name"] += "\x00"
    fixture = tmp_path / "registry.json"
    fixture.write_text(json.dumps(records), encoding="utf-8")
    monkeypatch.setattr(load_registry, "FIXTURE", str(fixture))
    with pytest.raises(CommandError, match="control characters"):
        call_command("load_registry", verbosity=0)
    assert not Council.objects.exists()


# --- 4. Formula-safe admin exports ---------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+2", "@SUM(1,2)", "=cmd|' /C calc'!A0", "-2+3"]


@pytest.fixture
def formula_names(registry):
    source = Organisation.objects.order_by("pk").first().source
    for name in FORMULAS:
        Organisation.objects.create(name=name, sector="company", source=source)
    return FORMULAS


def test_the_admin_csv_export_neutralises_formulas(editor_client, formula_names):
    response = export(editor_client, Organisation)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row["名称"] for row in rows}
    for formula in formula_names:
        assert "'" + formula in names
        assert formula not in names
    # Empty cells stay empty, not the text "None".
    assert all(row["名称（英語）"] != "None" for row in rows)


def test_the_admin_xlsx_export_has_no_live_formulas(editor_client, formula_names):
    response = export(editor_client, Organisation, file_format=XLSX)
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell.value for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    for formula in formula_names:
        assert "'" + formula in values
    assert "None" not in values
