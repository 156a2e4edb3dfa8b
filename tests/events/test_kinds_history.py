"""An event's kinds in its history: an edit of the kinds alone is a version that staff and
readers see, and a restore or a revert brings the kinds back."""

import html

import feedparser
import pytest
from django.core.management import call_command
from django.utils.html import strip_tags

from events.models import Event, EventKind
from tests.admin_helpers import admin_url, confirm, count_queries, form_data, upload


@pytest.fixture
def study_session(registry):
    return Event.objects.get(name="第2回勉強会")


def kind_pks(*codes):
    return [str(pk) for pk in EventKind.objects.filter(code__in=codes).values_list("pk", flat=True)]


def codes(event):
    return sorted(event.kinds.values_list("code", flat=True))


def version_codes(version):
    return sorted(version.kinds.values_list("eventkind__code", flat=True))


def history_text(client, event):
    """The admin history page of `event` as a reader sees it: text, single spaces."""
    page = client.get(admin_url(Event, "history", event.pk)).content.decode()
    return " ".join(html.unescape(strip_tags(page)).split())


def edit_kinds(client, event, *new_codes):
    url = admin_url(Event, "change", event.pk)
    data = form_data(client.get(url))
    data["kinds"] = kind_pks(*new_codes)
    response = client.post(url, data)
    assert response.status_code == 302
    return response


@pytest.fixture
def edited(client, staff_user, study_session):
    """An editor named sato adds 設立会議 to the study session, and changes nothing else."""
    client.force_login(staff_user("editor", username="sato"))
    edit_kinds(client, study_session, "founding_meeting", "study_session")
    return study_session


def test_the_loaded_registry_keeps_each_events_kinds_in_its_first_version(registry):
    for event in Event.objects.prefetch_related("kinds"):
        [first] = event.history.all()
        assert version_codes(first) == codes(event)


def test_a_kinds_only_edit_is_one_version_holding_the_new_kinds(edited):
    loaded, edit = edited.history.order_by("history_id")
    assert edit.history_type == "~"
    assert edit.history_user.username == "sato"
    assert edit.history_change_reason == "管理画面で編集"
    assert version_codes(loaded) == ["study_session"]
    assert version_codes(edit) == ["founding_meeting", "study_session"]


def test_the_events_admin_history_says_what_changed(client, edited):
    assert "種別： 勉強会 → 設立会議、勉強会" in history_text(client, edited)


def test_recent_changes_show_the_kinds_in_japanese_and_english_without_the_editor(client, edited):
    client.logout()
    japanese = client.get("/changes/").content.decode()
    assert "開催実績「第2回勉強会」を変更" in japanese
    assert "種別：勉強会 → 設立会議、勉強会" in japanese
    english = client.get("/en/changes/").content.decode()
    assert "Kinds: Study session → Founding meeting, Study session" in english
    for content in (japanese, english):
        assert "sato" not in content


def test_the_feed_carries_the_kinds_change(client, edited):
    client.logout()
    response = client.get("/changes/feed/")
    parsed = feedparser.parse(response.content)
    [entry] = parsed.entries
    assert entry.title == "開催実績「第2回勉強会」を変更"
    assert "種別：勉強会 → 設立会議、勉強会" in entry.summary
    assert "sato" not in response.content.decode()


def test_saving_the_form_unchanged_writes_no_version(client, edited):
    url = admin_url(Event, "change", edited.pk)
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert edited.history.count() == 2


def test_a_new_event_is_one_version_with_its_kinds(client, staff_user, study_session):
    client.force_login(staff_user("editor"))
    data = form_data(client.get(admin_url(Event, "change", study_session.pk)))
    data = {key: value for key, value in data.items() if not key.startswith("talks-")}
    data |= {"name": "第3回勉強会", "talks-TOTAL_FORMS": "0", "talks-INITIAL_FORMS": "0"}
    data["kinds"] = kind_pks("study_session", "company_visit")
    assert client.post(admin_url(Event, "add"), data).status_code == 302
    [version] = Event.objects.get(name="第3回勉強会").history.all()
    assert version.history_type == "+"
    assert version_codes(version) == ["company_visit", "study_session"]
    client.logout()
    assert "種別：勉強会、企業視察" in client.get("/changes/").content.decode()


def test_restoring_a_deleted_event_brings_back_its_kinds(client, edited):
    delete = admin_url(Event, "delete", edited.pk)
    assert client.post(delete, {"post": "yes"}).status_code == 302
    deleted = edited.history.latest("history_id")
    assert version_codes(deleted) == ["founding_meeting", "study_session"]
    assert client.post(admin_url(Event, "restore", edited.pk)).status_code == 302
    restored = Event.objects.get(pk=edited.pk)
    assert codes(restored) == ["founding_meeting", "study_session"]
    last = restored.history.latest("history_id")
    assert (last.history_type, last.history_change_reason) == ("+", "削除から復元")
    assert version_codes(last) == ["founding_meeting", "study_session"]
    assert restored.history.count() == 4  # loaded, edited, deleted, restored
    client.logout()
    assert "開催実績「第2回勉強会」を復元" in client.get("/changes/").content.decode()


def test_the_revert_form_shows_the_versions_kinds(client, edited):
    loaded = edited.history.earliest("history_id")
    response = client.get(admin_url(Event, "simple_history", edited.pk, loaded.history_id))
    assert response.status_code == 200
    assert [str(pk) for pk in response.context["adminform"].form["kinds"].value()] == kind_pks(
        "study_session"
    )


def test_reverting_sets_the_kinds_of_that_version_in_one_version(client, edited):
    loaded = edited.history.earliest("history_id")
    url = admin_url(Event, "simple_history", edited.pk, loaded.history_id)
    assert client.post(url, form_data(client.get(url))).status_code == 302
    assert codes(edited) == ["study_session"]
    assert edited.history.count() == 3
    revert = edited.history.latest("history_id")
    assert revert.history_change_reason.endswith("時点の版に復元")
    assert version_codes(revert) == ["study_session"]
    assert "種別： 設立会議、勉強会 → 勉強会" in history_text(client, edited)


def test_loading_the_document_again_over_its_own_data_writes_nothing(registry):
    call_command("load_registry", verbosity=0)
    assert all(event.history.count() == 1 for event in Event.objects.all())


def test_overwriting_a_kinds_edit_records_the_documents_kinds(edited):
    call_command("load_registry", overwrite=True, verbosity=0)
    assert codes(edited) == ["study_session"]
    last = edited.history.latest("history_id")
    assert last.history_change_reason == "資料の内容で上書き"
    assert version_codes(last) == ["study_session"]


def test_an_import_that_changes_the_kinds_is_one_version_with_them(
    client, staff_user, study_session
):
    client.force_login(staff_user("editor"))
    content = (
        "id,council,kinds,name,date,end_date,start_time,city,country,source\n"
        f'{study_session.pk},{study_session.council.slug},"study_session,company_visit",'
        f"{study_session.name},{study_session.date},,,,JP,{study_session.source_id}\n"
    ).encode()
    confirm(client, Event, upload(client, Event, content))
    assert codes(study_session) == ["company_visit", "study_session"]
    loaded, imported = study_session.history.order_by("history_id")
    assert version_codes(imported) == ["company_visit", "study_session"]
    client.logout()
    assert "種別：勉強会 → 勉強会、企業視察" in client.get("/changes/").content.decode()


def test_the_events_admin_history_costs_the_same_however_many_kinds_edits(client, edited):
    url = admin_url(Event, "history", edited.pk)
    one = count_queries(client, url)
    for kinds in (["forum"], ["study_session"], ["forum", "company_visit"]):
        edit_kinds(client, edited, *kinds)
    assert count_queries(client, url) == one
    text = history_text(client, edited)
    assert "種別： 勉強会 → 企業視察、フォーラム" in text
    assert "種別： フォーラム → 勉強会" in text
