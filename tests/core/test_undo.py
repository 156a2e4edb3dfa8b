"""Undo in the admin: an editor deletes what they added, restores it, and every step is history."""

import re

import pytest

from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import add_snapshot_inline, admin_url, count_queries, form_data


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


@pytest.fixture
def added(editor_client, okayama):
    response = add_snapshot_inline(editor_client, okayama)
    assert response.status_code == 302
    return okayama.snapshots.get(as_of="2025-04-01")


def inline_field(data, prefix, record, name):
    """The form field `name` of `record`'s row in the inline formset `prefix`."""
    row = next(
        key
        for key, value in data.items()
        if key.startswith(f"{prefix}-") and key.endswith("-id") and str(value) == str(record.pk)
    )
    return row.removesuffix("-id") + f"-{name}"


def delete(client, record):
    return client.post(admin_url(type(record), "delete", record.pk), {"post": "yes"})


def test_a_count_added_inline_shows_in_the_councils_history(editor_client, okayama, added):
    page = editor_client.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "会員数の記録「令和7（2025）年4月1日：60」を追加" in page
    assert "合計：60" in page


def test_a_change_made_inline_shows_old_and_new_in_the_councils_history(
    editor_client, okayama, added
):
    url = admin_url(Council, "change", okayama.pk)
    data = form_data(editor_client.get(url))
    data[inline_field(data, "snapshots", added, "total")] = "61"
    assert editor_client.post(url, data).status_code == 302
    page = editor_client.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "会員数の記録「令和7（2025）年4月1日：61」を変更" in page
    assert "合計：60 → 61" in page


def test_the_editor_deletes_it_and_the_deletion_is_listed(editor_client, okayama, added):
    assert delete(editor_client, added).status_code == 302
    assert not MembershipSnapshot.objects.filter(pk=added.pk).exists()
    listed = editor_client.get(admin_url(MembershipSnapshot, "deleted"))
    assert listed.status_code == 200
    page = listed.content.decode()
    assert "令和7（2025）年4月1日：60" in page
    assert admin_url(MembershipSnapshot, "restore", added.pk) in page
    # When it was deleted, written as the history pages write it.
    assert re.search(r"<td>令和\d+（20\d\d）年\d+月\d+日 \d\d:\d\d</td>", page)
    history = editor_client.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "会員数の記録「令和7（2025）年4月1日：60」を削除" in history
    assert re.search(r"<td>令和\d+（20\d\d）年\d+月\d+日 \d\d:\d\d</td>", history)


def test_the_changelist_links_to_the_deleted_records(editor_client):
    page = editor_client.get(admin_url(MembershipSnapshot, "changelist")).content.decode()
    assert admin_url(MembershipSnapshot, "deleted") in page
    assert "削除した記録" in page


def test_restoring_brings_the_record_back_with_its_number_and_a_history_row(
    editor_client, okayama, added
):
    delete(editor_client, added)
    response = editor_client.post(admin_url(MembershipSnapshot, "restore", added.pk))
    assert response.status_code == 302
    restored = MembershipSnapshot.objects.get(pk=added.pk)
    assert (restored.council, restored.total) == (okayama, 60)
    last = restored.history.latest("history_id")
    assert (last.history_type, last.history_user.username) == ("+", "editor")
    assert last.history_change_reason == "削除から復元"
    # No longer offered for restoring (the page's messages may still name it).
    deleted_list = editor_client.get(admin_url(MembershipSnapshot, "deleted")).content.decode()
    assert admin_url(MembershipSnapshot, "restore", added.pk) not in deleted_list
    history = editor_client.get(admin_url(Council, "history", okayama.pk)).content.decode()
    assert "会員数の記録「令和7（2025）年4月1日：60」を復元" in history


def test_restore_is_post_only(editor_client, added):
    delete(editor_client, added)
    url = admin_url(MembershipSnapshot, "restore", added.pk)
    assert editor_client.get(url).status_code == 405
    assert not MembershipSnapshot.objects.filter(pk=added.pk).exists()


def test_a_viewer_may_list_but_not_restore(client, staff_user, editor_client, added):
    delete(editor_client, added)
    client.force_login(staff_user("viewer"))
    page = client.get(admin_url(MembershipSnapshot, "deleted")).content.decode()
    assert "令和7（2025）年4月1日：60" in page
    assert admin_url(MembershipSnapshot, "restore", added.pk) not in page
    assert client.post(admin_url(MembershipSnapshot, "restore", added.pk)).status_code == 403
    assert not MembershipSnapshot.objects.filter(pk=added.pk).exists()


def test_restoring_needs_the_csrf_token(registry, staff_user, added, editor_client):
    from django.test import Client

    delete(editor_client, added)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(staff_user("editor", username="editor2"))
    assert strict.post(admin_url(MembershipSnapshot, "restore", added.pk)).status_code == 403
    assert not MembershipSnapshot.objects.filter(pk=added.pk).exists()


def test_restoring_what_is_not_deleted_changes_nothing(editor_client, added):
    response = editor_client.post(admin_url(MembershipSnapshot, "restore", added.pk), follow=True)
    assert response.status_code == 200
    assert "削除されていない" in response.content.decode()
    assert added.history.count() == 1


def test_restoring_a_count_whose_date_was_taken_since_explains_why_not(
    editor_client, okayama, added
):
    delete(editor_client, added)
    add_snapshot_inline(editor_client, okayama, total="62")
    response = editor_client.post(admin_url(MembershipSnapshot, "restore", added.pk), follow=True)
    assert response.status_code == 200
    assert "復元できません" in response.content.decode()
    assert okayama.snapshots.get(as_of="2025-04-01").total == 62


def test_restoring_a_part_of_a_deleted_council_asks_for_the_council_first(editor_client, okayama):
    council = Council.objects.create(
        slug="test", name="試験協議会", short_name="試験", kind="council", source=okayama.source
    )
    add_snapshot_inline(editor_client, council)
    snapshot = council.snapshots.get()
    assert delete(editor_client, council).status_code == 302
    restore_snapshot = admin_url(MembershipSnapshot, "restore", snapshot.pk)
    response = editor_client.post(restore_snapshot, follow=True)
    assert "先に" in response.content.decode()
    assert not MembershipSnapshot.objects.filter(pk=snapshot.pk).exists()
    assert editor_client.post(admin_url(Council, "restore", council.pk)).status_code == 302
    assert editor_client.post(restore_snapshot).status_code == 302
    assert council.snapshots.filter(pk=snapshot.pk).exists()


def test_bad_ids_are_not_found(editor_client, registry):
    for bad in ("abc", "99999999999999999999", "424242"):
        url = admin_url(MembershipSnapshot, "restore", bad)
        assert editor_client.post(url).status_code == 404


def test_deleting_an_agreement_keeps_its_events_link_in_their_history(editor_client, registry):
    from events.models import Agreement

    agreement = Agreement.objects.get()
    event = agreement.events.first()
    assert delete(editor_client, agreement).status_code == 302
    event.refresh_from_db()
    assert event.agreement is None
    last, before = event.history.order_by("-history_id")[:2]
    assert (before.agreement_id, last.agreement_id) == (agreement.pk, None)
    assert last.history_change_reason == "削除された記録とのつながりを解除"


def edit_count(snapshot, times):
    for _ in range(times):
        snapshot.printed = f"{snapshot.printed}（訂正）"
        snapshot._change_reason = "管理画面で編集"
        snapshot.save()


def test_the_history_page_costs_the_same_however_many_part_changes(editor_client, added, okayama):
    url = admin_url(Council, "history", okayama.pk)
    edit_count(added, 1)
    one = count_queries(editor_client, url)
    edit_count(added, 3)
    assert count_queries(editor_client, url) == one


def test_the_deleted_list_costs_the_same_however_many_deletions(editor_client, okayama):
    url = admin_url(MembershipSnapshot, "deleted")

    def add_and_delete(as_of):
        add_snapshot_inline(editor_client, okayama, as_of=as_of)
        delete(editor_client, okayama.snapshots.get(as_of=as_of))

    add_and_delete("2025-04-01")
    one = count_queries(editor_client, url)
    add_and_delete("2025-05-01")
    add_and_delete("2025-06-01")
    assert count_queries(editor_client, url) == one


def test_a_part_deleted_in_its_parents_form_is_restored_from_the_parents_history(
    editor_client, okayama
):
    """A pillar has no list of its own; deleted in the council's form, it comes back
    from the council's history page, and the restore is itself in history."""
    pillar = okayama.pillars.first()
    url = admin_url(Council, "change", okayama.pk)
    data = form_data(editor_client.get(url))
    data[inline_field(data, "pillars", pillar, "DELETE")] = "on"
    assert editor_client.post(url, data).status_code == 302
    assert not type(pillar).objects.filter(pk=pillar.pk).exists()

    history_url = admin_url(Council, "history", okayama.pk)
    restore_url = admin_url(type(pillar), "restore", pillar.pk)
    page = editor_client.get(history_url).content.decode()
    assert f'action="{restore_url}"' in page
    response = editor_client.post(restore_url, {"return_to": history_url})
    assert response.status_code == 302
    assert response["Location"] == history_url
    assert type(pillar).objects.get(pk=pillar.pk).name == pillar.name
    page = editor_client.get(history_url).content.decode()
    assert f'action="{restore_url}"' not in page  # offered only while it is gone
    assert pillar.history.latest().history_change_reason == "削除から復元"


def test_a_restore_never_sends_the_editor_off_site(editor_client, added):
    delete(editor_client, added)
    restore_url = admin_url(MembershipSnapshot, "restore", added.pk)
    response = editor_client.post(restore_url, {"return_to": "https://example.com/"})
    assert response["Location"] != "https://example.com/"
    assert MembershipSnapshot.objects.filter(pk=added.pk).exists()


def test_parts_have_no_entry_in_the_index(editor_client):
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/councils/activitypillar/" not in index
    assert "/admin/councils/council/" in index
