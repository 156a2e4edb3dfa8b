"""`load_registry` loads the document's facts from any directory, by natural keys."""

import json
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from core.registry import FIXTURE, registry_models
from councils.models import Council
from events.models import Event, Talk

NATURAL_KEY_MODELS = [
    "core.source",
    "councils.council",
    "councils.activitypillar",
    "councils.membercategory",
    "councils.membershipsnapshot",
    "members.organisation",
]


def fixture_records():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_load_registry_works_outside_the_project_directory(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("load_registry", verbosity=0)
    assert Council.objects.count() == 5
    assert Event.objects.count() == 9


def test_the_fixture_refers_to_records_by_their_natural_keys():
    records = fixture_records()
    # Every record keeps its id: organisations, people and events are addressed by it.
    assert all("pk" in record for record in records)
    events = [record for record in records if record["model"] == "events.event"]
    assert all(isinstance(record["fields"]["source"], list) for record in events)
    assert ["yamaguchi"] in [record["fields"]["council"] for record in events]
    roles = [record for record in records if record["model"] == "members.councilrole"]
    assert all(isinstance(record["fields"]["organisation"], list | None) for record in roles)


@pytest.mark.parametrize("label", NATURAL_KEY_MODELS)
def test_every_natural_key_finds_its_own_record(registry, label):
    model = apps.get_model(label)
    records = list(model._default_manager.all())
    assert records
    for record in records:
        assert model._default_manager.get_by_natural_key(*record.natural_key()) == record


def test_every_reference_finds_the_record_the_fixture_names(registry):
    for record in fixture_records():
        if record["model"] == "events.event":
            event = Event.objects.get(pk=record["pk"])
            assert list(event.source.natural_key()) == record["fields"]["source"]
            if record["fields"]["council"]:
                assert [event.council.slug] == record["fields"]["council"]


def test_loading_twice_changes_nothing(registry):
    def dump():
        return {
            model._meta.label: list(model._default_manager.order_by("pk").values())
            for model in registry_models()
        }

    once = dump()
    call_command("load_registry", verbosity=0)
    assert dump() == once


# Staff edits are never overwritten without being asked (issue: a living registry).


def history_count():
    return sum(model.history.count() for model in registry_models())


def okayama():
    return Council.objects.get(slug="okayama")


def test_an_empty_registry_loads(db):
    assert not Council.objects.exists()
    call_command("load_registry", verbosity=0)
    assert Council.objects.count() == 5
    assert okayama().history.get().history_change_reason == "資料から登録"


def test_loading_an_untouched_registry_again_adds_no_history(registry):
    before = history_count()
    call_command("load_registry", verbosity=0)
    assert history_count() == before


def test_a_registry_with_a_staff_edit_is_refused_and_left_as_it_is(registry):
    council = okayama()
    original = council.name
    council.name = "おかやま半導体コンソーシアム（改称）"
    council.save()
    before = history_count()
    with pytest.raises(CommandError) as refused:
        call_command("load_registry", verbosity=0)
    message = str(refused.value)
    assert "nothing was loaded" in message
    assert "overwrite 1 record(s)" in message
    assert "おかやま半導体コンソーシアム（改称）" in message
    assert "--overwrite" in message
    assert okayama().name == "おかやま半導体コンソーシアム（改称）" != original
    assert history_count() == before


def test_a_change_made_without_history_is_refused_too(registry):
    # A shell's QuerySet.update() leaves no history, but loading would still overwrite it.
    Council.objects.filter(slug="okayama").update(name_en="Renamed in a shell")
    with pytest.raises(CommandError, match="overwrite 1 record"):
        call_command("load_registry", verbosity=0)
    assert okayama().name_en == "Renamed in a shell"


def test_a_staff_addition_alone_is_refused_with_what_staff_did(registry):
    Event.objects.first().save()
    with pytest.raises(CommandError, match=r"history holds 1 change\(s\) made by staff"):
        call_command("load_registry", verbosity=0)


def test_overwrite_records_each_overwritten_record_in_history_with_the_reason(registry):
    council = okayama()
    original = council.name
    council.name = "おかやま半導体コンソーシアム（改称）"
    council.save()
    talk = Talk.objects.first()
    talk_pk = talk.pk
    talk.delete()
    call_command("load_registry", "--overwrite", verbosity=0)
    council = okayama()
    assert council.name == original
    latest = council.history.first()
    assert latest.history_type == "~"
    assert latest.history_change_reason == "資料の内容で上書き"
    assert latest.name == original
    # The staff's version stays in history, one step back, so it can be restored.
    assert council.history.all()[1].name == "おかやま半導体コンソーシアム（改称）"
    restored = Talk.objects.get(pk=talk_pk)
    assert restored.history.first().history_type == "+"
    assert restored.history.first().history_change_reason == "資料の内容で上書き"
    # Records the document left as they were get no entry.
    untouched = Council.objects.get(slug="yamaguchi")
    assert untouched.history.count() == 1


def test_make_runs_steps_load_the_registry_into_a_new_database(tmp_path):
    """What `make run` does on a new machine: migrate, then load into the empty registry.
    (Migrations fill lookup tables such as the kinds of event; that is not "data".)"""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"}
    manage = [sys.executable, str(FIXTURE.parent.parent / "manage.py")]
    # The steps, and `make run` again, through manage.py in one process: each Django
    # start-up costs a second or more.
    steps = "\n".join(
        [
            "from django.core.management import call_command",
            "call_command('migrate', verbosity=0)",
            "call_command('load_registry', '--if-empty')",
            "print('-- make run again --')",
            "call_command('load_registry', '--if-empty')",
        ]
    )
    result = subprocess.run(
        [*manage, "shell", "--no-imports", "-c", steps],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    loaded, again = result.stdout.split("-- make run again --")
    assert "already has data" not in loaded
    assert "already has data" in again


def test_make_run_loads_only_into_an_empty_registry():
    makefile = (FIXTURE.parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "load_registry --if-empty" in makefile
