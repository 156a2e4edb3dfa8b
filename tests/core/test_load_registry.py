"""`load_registry` loads the document's facts from any directory, by natural keys."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command

from core.registry import FIXTURE, registry_models
from councils.models import Council
from events.models import Event

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
