"""Staff edit events and programmes: impossible dates are refused, imports are all or nothing."""

import pytest

from events.models import Agreement, Event, Programme
from tests.admin_helpers import admin_url, confirm, count_queries, form_data, upload

HEADER = "id,council,kinds,name,date,end_date,start_time,city,country,source\n"


@pytest.fixture
def forum(registry):
    return Event.objects.get(name="第3回ひがしひろしま半導体フォーラム")


def test_the_agreements_form_heads_each_party_without_a_query(registry, admin_client):
    # 「MOU：山口県」: each of the four parties' headings names the agreement and the
    # organisation, which came in two queries a party (22 in all).
    agreement = Agreement.objects.get(name="半導体産業の振興に関するMOU(覚書)")
    assert count_queries(admin_client, admin_url(Agreement, "change", agreement.pk)) == 14


def test_an_event_cannot_end_before_it_starts(admin_client, forum):
    url = admin_url(Event, "change", forum.pk)
    data = form_data(admin_client.get(url))
    data["end_date"] = "2024-02-01"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["end_date"] == [
        "終了日を開始日より前にすることはできません。"
    ]
    assert 'value="2024-02-01"' in response.content.decode()
    forum.refresh_from_db()
    assert forum.end_date is None


def test_an_event_page_edits_its_talks_inline(admin_client, forum):
    url = admin_url(Event, "change", forum.pk)
    data = form_data(admin_client.get(url))
    assert data["talks-TOTAL_FORMS"] == forum.talks.count()
    data["talks-0-speaker_title"] = "（訂正）"
    assert admin_client.post(url, data).status_code == 302
    assert forum.talks.filter(speaker_title="（訂正）").count() == 1


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (
            "1988",
            "年度は西暦4桁で入力してください（1989（平成元年度）以降。例：令和6年度は2024）。",
        ),
        ("2101", "2100以下の値を入力してください。"),
    ],
)
def test_a_fiscal_year_that_does_not_exist_is_refused(admin_client, registry, year, message):
    programme = Programme.objects.get(fiscal_year=2024, kind="business_support")
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(admin_client.get(url))
    data["fiscal_year"] = year
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["fiscal_year"][0]
    programme.refresh_from_db()
    assert programme.fiscal_year == 2024


def test_an_event_import_adds_and_updates_what_the_preview_said(editor_client, forum):
    content = (
        HEADER
        + f"{forum.pk},higashihiroshima,forum,{forum.name},2024-02-02,,15:30,東広島市,JP,9\n"
        + ",higashihiroshima,forum,第4回ひがしひろしま半導体フォーラム,2025-02-07,,,,JP,9\n"
    ).encode()
    before = Event.objects.count()
    preview = upload(editor_client, Event, content)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == [
        "update",
        "new",
    ]
    assert Event.objects.count() == before
    confirm(editor_client, Event, preview)

    assert Event.objects.count() == before + 1
    forum.refresh_from_db()
    assert (forum.start_time.hour, forum.start_time.minute, forum.city) == (15, 30, "東広島市")
    assert Event.objects.get(date="2025-02-07").council.slug == "higashihiroshima"


def test_an_event_import_with_one_bad_row_changes_nothing(editor_client, forum):
    content = (
        HEADER
        + ",higashihiroshima,forum,第4回,2025-02-07,,,,JP,9\n"
        + ",higashihiroshima,forum,第5回,2025-02-07,2025-02-06,,,JP,9\n"
    ).encode()
    before = list(Event.objects.values())
    preview = upload(editor_client, Event, content)
    result = preview.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert "終了日を開始日より前にすることはできません。" in preview.content.decode()
    assert "confirm_form" not in preview.context
    assert list(Event.objects.values()) == before


def test_an_event_import_sets_every_kind_given(editor_client, forum):
    content = (
        HEADER
        + f'{forum.pk},higashihiroshima,"forum,study_session",{forum.name},2024-02-02,,,,JP,9\n'
    ).encode()
    confirm(editor_client, Event, upload(editor_client, Event, content))
    assert sorted(forum.kinds.values_list("code", flat=True)) == ["forum", "study_session"]


@pytest.mark.parametrize(
    ("kinds", "message"),
    [("party", "「party」"), ("", "少なくとも1つ")],
)
def test_an_event_import_refuses_an_unknown_or_missing_kind(editor_client, forum, kinds, message):
    content = (HEADER + f",higashihiroshima,{kinds},第4回,2025-02-07,,,,JP,9\n").encode()
    before = Event.objects.count()
    preview = upload(editor_client, Event, content)
    assert [row.number for row in preview.context["result"].invalid_rows] == [1]
    assert message in preview.content.decode()
    assert Event.objects.count() == before


@pytest.mark.parametrize(("year", "count"), [("2023", 9), ("2024", 0), ("soon", 0)])
def test_the_event_list_filters_by_fiscal_year(admin_client, registry, year, count):
    # Fiscal 2023 runs from April 2023 to March 2024: every event in the document.
    response = admin_client.get(admin_url(Event, "changelist"), {"fiscal_year": year})
    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_the_event_list_writes_dates_era_first_and_still_sorts_by_them(admin_client, forum):
    page = admin_client.get(admin_url(Event, "changelist") + "?o=-1").content.decode()
    assert "令和6（2024）年2月2日" in page
    assert "2024年2月2日" not in page
    assert 'class="sortable column-date sorted descending"' in page
    # The date still opens the event, as the list's first link.
    assert f'<th class="field-date"><a href="{admin_url(Event, "change", forum.pk)}' in page
