"""Staff edit membership snapshots safely: clear refusals, nothing half-saved, full history."""

import re

import pytest
from django.urls import reverse

from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import admin_url, count_queries, form_data


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


# Queries of each council's form on the registry. Each source field (the council's own,
# its pillars', categories' and counts') reads its chosen source once, with the
# document a part of one is named after, and the parts come with the records their
# headings name: read one by one, Yamaguchi's form took 37.
COUNCIL_FORM_QUERIES = {
    "chugoku": 11,
    "okayama": 13,
    "setouchi": 10,
    "yamaguchi": 21,
    "higashihiroshima": 8,
}


def test_a_councils_form_reads_its_parts_and_sources_without_a_query_each(registry, admin_client):
    found = {
        council.slug: count_queries(admin_client, admin_url(Council, "change", council.pk))
        for council in Council.objects.all()
    }
    assert found == COUNCIL_FORM_QUERIES


def snapshot_form(council, **values):
    data = {
        "council": council.pk,
        "as_of": "2024-06-30",
        "as_of_printed": "",
        "total": "50",
        "companies": "45",
        "education": "2",
        "government": "",
        "other": "2",
        "printed": "",
        "source": council.source_id,
        "corroborating_source": "",
        "corroborating_printed": "",
    }
    data.update(values)
    return data


def add_snapshot(client, data):
    return client.post(admin_url(MembershipSnapshot, "add"), data)


def test_an_editor_adds_a_snapshot(editor_client, okayama):
    response = add_snapshot(editor_client, snapshot_form(okayama))
    assert response.status_code == 302
    snapshot = okayama.snapshots.get(as_of="2024-06-30")
    assert (snapshot.total, snapshot.companies) == (50, 45)
    assert snapshot.updated_at is not None


def test_a_breakdown_larger_than_the_total_is_refused(editor_client, okayama):
    before = MembershipSnapshot.objects.count()
    response = add_snapshot(editor_client, snapshot_form(okayama, total="12", companies="45"))
    assert response.status_code == 200
    # The admin speaks the staff's language: Japanese.
    assert response.context["adminform"].form.errors["total"] == [
        "内訳（企業・教育・行政・その他）の合計が49で、合計12を超えています。"
        "合計または内訳を修正してください。"
    ]
    assert MembershipSnapshot.objects.count() == before
    # What the person typed is still there to correct.
    page = response.content.decode()
    assert 'name="total" value="12"' in page
    assert 'name="companies" value="45"' in page


@pytest.mark.parametrize("field", MembershipSnapshot.COUNT_FIELDS)
def test_a_negative_count_is_refused(editor_client, okayama, field):
    before = MembershipSnapshot.objects.count()
    response = add_snapshot(editor_client, snapshot_form(okayama, **{field: "-1"}))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field] == ["0以上の数値を入力してください。"]
    assert MembershipSnapshot.objects.count() == before


def test_a_second_snapshot_for_the_same_council_and_date_is_refused(editor_client, okayama):
    existing = okayama.snapshots.get()
    data = snapshot_form(okayama, as_of=existing.as_of.isoformat(), total="60")
    response = add_snapshot(editor_client, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["as_of"] == [
        "この協議会には令和6（2024）年3月8日時点の会員数がすでに登録されています。"
        "同じ時点の記録を重複して登録せず、登録済みの記録を修正してください。"
    ]
    assert okayama.snapshots.get().total == existing.total


def test_an_existing_snapshot_can_be_changed_without_clashing_with_itself(editor_client, okayama):
    snapshot = okayama.snapshots.get()
    url = admin_url(MembershipSnapshot, "change", snapshot.pk)
    data = form_data(editor_client.get(url))
    data["printed"] = "49（訂正）"
    assert editor_client.post(url, data).status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.printed == "49（訂正）"


def test_a_council_page_links_to_its_public_page(admin_client, okayama):
    response = admin_client.get(admin_url(Council, "change", okayama.pk))
    content_type = response.context["content_type_id"]
    link = reverse("admin:view_on_site", args=[content_type, okayama.pk])
    assert f'href="{link}"' in response.content.decode()
    assert admin_client.get(link)["Location"].endswith("/councils/okayama/")


def test_a_council_page_edits_its_snapshots_inline(admin_client, okayama):
    url = admin_url(Council, "change", okayama.pk)
    data = form_data(admin_client.get(url))
    data["snapshots-0-total"] = "5"  # less than its breakdown of 49
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "合計5を超えています" in response.content.decode()
    assert okayama.snapshots.get().total == 49


def test_an_edit_is_kept_in_the_history_with_who_made_it(client, staff_user, okayama):
    editor = staff_user("editor")
    client.force_login(editor)
    snapshot = okayama.snapshots.get()
    url = admin_url(MembershipSnapshot, "change", snapshot.pk)
    data = form_data(client.get(url))
    data["total"] = "52"
    data["companies"] = "48"
    client.post(url, data)

    latest = snapshot.history.latest()
    assert (latest.history_type, latest.history_user, latest.total) == ("~", editor, 52)
    assert latest.history_change_reason == "管理画面で編集"
    page = client.get(admin_url(MembershipSnapshot, "history", snapshot.pk)).content.decode()
    assert "変更者" in page and "editor" in page
    # What changed, from what to what.
    assert re.search(r"合計：</strong>\s*49\s*&nbsp;&rarr;&nbsp;&nbsp;52", page)


def test_an_earlier_version_can_be_restored(editor_client, okayama):
    snapshot = okayama.snapshots.get()
    url = admin_url(MembershipSnapshot, "change", snapshot.pk)
    original = snapshot.history.earliest()
    data = form_data(editor_client.get(url))
    data.update(total="99", companies="90", printed="誤入力")
    editor_client.post(url, data)
    snapshot.refresh_from_db()
    assert snapshot.total == 99

    restore_url = admin_url(MembershipSnapshot, "simple_history", snapshot.pk, original.pk)
    restore_form = editor_client.get(restore_url)
    assert restore_form.status_code == 200
    restored = editor_client.post(restore_url, form_data(restore_form), follow=True)
    assert restored.redirect_chain[0][1] == 302
    # The message, in Japanese, quoting the record in 「」.
    said = " ".join(str(message) for message in restored.context["messages"])
    assert re.search(r"会員数の記録「<a [^>]+>[^<]+</a>」を変更しました。", said), said
    assert "successfully" not in said and "edit it again" not in said

    snapshot.refresh_from_db()
    assert (snapshot.total, snapshot.companies, snapshot.printed) == (
        49,
        45,
        "49 企業45、教育2、他2",
    )
    assert snapshot.history.count() == 3
    reason = snapshot.history.latest().history_change_reason
    assert re.fullmatch(r"令和\d+（20\d\d）年\d+月\d+日 \d\d:\d\d時点の版に復元", reason), reason


def test_another_councils_snapshot_on_the_same_date_is_no_clash(editor_client, okayama):
    # Yamaguchi already has a snapshot as of 1 March 2024; quarter ends are shared dates.
    assert MembershipSnapshot.objects.filter(council__slug="yamaguchi", as_of="2024-03-01")
    response = add_snapshot(editor_client, snapshot_form(okayama, as_of="2024-03-01"))
    assert response.status_code == 302
    assert okayama.snapshots.filter(as_of="2024-03-01").get().total == 50


def test_a_breakdown_larger_than_the_total_is_refused_by_name_even_with_a_zero_count(
    editor_client, okayama
):
    data = snapshot_form(okayama, total="10", companies="11", education="0", other="")
    response = add_snapshot(editor_client, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["total"] == [
        "内訳（企業・教育・行政・その他）の合計が11で、合計10を超えています。"
        "合計または内訳を修正してください。"
    ]
    assert not okayama.snapshots.filter(as_of="2024-06-30").exists()


def test_record_names_in_admin_titles_and_messages_write_dates_as_the_page_language_does(
    registry,
):
    from django.utils import translation

    snapshot = MembershipSnapshot.objects.get(council__slug="okayama")
    with translation.override("ja"):
        assert str(snapshot) == "おかやま 令和6（2024）年3月8日：49"
    with translation.override("en"):
        assert str(snapshot) == "Okayama 8 March 2024: 49"
