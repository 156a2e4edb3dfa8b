"""Organisations are kept current by hand or by file; a bad file changes nothing."""

import csv
import io

import pytest

from members.models import Organisation
from tests.admin_helpers import admin_url, confirm, count_queries, export, upload

HEADER = "id,name,name_en,sector,category,prefecture,city,country,source\n"


@pytest.fixture
def hiroshima_university(registry):
    return Organisation.objects.get(name="広島大学")


def test_an_organisations_form_heads_each_role_without_a_query(registry, admin_client):
    # Each role's heading names its council and its holder, which came in two
    # queries a role (13 in all for the bureau's two roles).
    bureau = Organisation.objects.get(name="中国経済産業局")
    assert count_queries(admin_client, admin_url(Organisation, "change", bureau.pk)) == 9


def test_an_organisation_page_links_to_its_public_page(admin_client, hiroshima_university):
    response = admin_client.get(admin_url(Organisation, "change", hiroshima_university.pk))
    assert response.status_code == 200
    assert response.context["has_absolute_url"]
    assert hiroshima_university.get_absolute_url() == f"/organisations/{hiroshima_university.pk}/"


def test_an_organisation_import_adds_and_updates_what_the_preview_said(
    editor_client, hiroshima_university
):
    university = hiroshima_university
    content = (
        HEADER
        + f"{university.pk},広島大学,Hiroshima University,academia,university,hiroshima,"
        + "東広島市,JP,1\n"
        + ",新しい会員企業,,industry,company,okayama,,JP,1\n"
    ).encode()
    before = Organisation.objects.count()
    preview = upload(editor_client, Organisation, content)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == [
        "update",
        "new",
    ]
    confirm(editor_client, Organisation, preview)
    assert Organisation.objects.count() == before + 1
    university.refresh_from_db()
    assert university.city == "東広島市"
    added = Organisation.objects.get(name="新しい会員企業")
    assert (added.sector, added.prefecture) == ("industry", "okayama")
    assert added.history.get().history_change_reason == "ファイルから取り込み"


def test_an_organisation_import_with_one_bad_row_changes_nothing(
    editor_client, hiroshima_university
):
    content = (
        HEADER
        + ",新しい会員企業,,industry,company,okayama,,JP,1\n"
        + ",もう一つの会員企業,,factory,company,okayama,,JP,1\n"
    ).encode()
    before = list(Organisation.objects.values())
    preview = upload(editor_client, Organisation, content)
    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert "区分（産学官）" in result.invalid_rows[0].error_dict
    assert "confirm_form" not in preview.context
    assert list(Organisation.objects.values()) == before


def test_a_name_already_registered_is_refused_on_its_row(editor_client, hiroshima_university):
    content = (HEADER + ",広島大学,,academia,university,hiroshima,,JP,1\n").encode()
    preview = upload(editor_client, Organisation, content)
    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [1]
    assert "confirm_form" not in preview.context


def test_an_organisation_export_has_a_byte_order_mark_and_every_row(viewer_client, registry):
    response = export(viewer_client, Organisation)
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == Organisation.objects.count()
    assert {"広島大学", "岡山県"} <= {row["名称"] for row in rows}
