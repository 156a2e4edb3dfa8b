"""Staff edit membership snapshots safely: clear refusals, nothing half-saved, full history."""

import pytest

from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import admin_url, form_data

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


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


def add_snapshot(client, data, **headers):
    return client.post(admin_url(MembershipSnapshot, "add"), data, **headers)


def test_an_editor_adds_a_snapshot(editor_client, okayama):
    response = add_snapshot(editor_client, snapshot_form(okayama))
    assert response.status_code == 302
    snapshot = okayama.snapshots.get(as_of="2024-06-30")
    assert (snapshot.total, snapshot.companies) == (50, 45)
    assert snapshot.updated_at is not None


def test_a_breakdown_larger_than_the_total_is_refused_in_japanese_by_default(
    editor_client, okayama
):
    before = MembershipSnapshot.objects.count()
    response = add_snapshot(editor_client, snapshot_form(okayama, total="12", companies="45"))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "内訳" in errors["total"][0] and "49" in errors["total"][0]
    assert MembershipSnapshot.objects.count() == before
    # What the person typed is still there to correct.
    assert 'name="total" value="12"' in response.content.decode()


def test_the_breakdown_message_says_why_in_english_too(editor_client, okayama):
    response = add_snapshot(editor_client, snapshot_form(okayama, total="12"), **ENGLISH)
    message = response.context["adminform"].form.errors["total"][0]
    assert message.startswith("The breakdown (companies, education, government and other)")
    assert "adds up to 49, more than the total of 12" in message


@pytest.mark.parametrize("field", MembershipSnapshot.COUNT_FIELDS)
def test_a_negative_count_is_refused(editor_client, okayama, field):
    before = MembershipSnapshot.objects.count()
    response = add_snapshot(editor_client, snapshot_form(okayama, **{field: "-1"}), **ENGLISH)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors[field] == ["A count cannot be negative. Enter 0 or more."]
    assert MembershipSnapshot.objects.count() == before


def test_a_second_snapshot_for_the_same_council_and_date_is_refused(editor_client, okayama):
    existing = okayama.snapshots.get()
    data = snapshot_form(okayama, as_of=existing.as_of.isoformat(), total="60")
    response = add_snapshot(editor_client, data, **ENGLISH)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["as_of"] == [
        "This council already has a membership snapshot as of 2024-03-08. Change that "
        "snapshot instead of adding a second one for the same date."
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
    assert admin_url(Council, "change", okayama.pk) in response.request["PATH_INFO"]
    view_on_site = response.context["original"].get_absolute_url()
    assert view_on_site == "/councils/okayama/"
    assert "/admin/r/" in response.content.decode()


def test_a_council_page_edits_its_snapshots_inline(admin_client, okayama):
    url = admin_url(Council, "change", okayama.pk)
    data = form_data(admin_client.get(url))
    data["snapshots-0-total"] = "5"  # less than its breakdown of 49
    response = admin_client.post(url, data, **ENGLISH)
    assert response.status_code == 200
    assert "more than the total of 5" in response.content.decode()
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
    history_page = client.get(admin_url(MembershipSnapshot, "history", snapshot.pk))
    assert "editor" in history_page.content.decode()


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
    assert editor_client.post(restore_url, form_data(restore_form)).status_code == 302

    snapshot.refresh_from_db()
    assert (snapshot.total, snapshot.companies, snapshot.printed) == (
        49,
        45,
        "49 企業45、教育2、他2",
    )
    assert snapshot.history.count() == 3
