"""`load_registry` loads the document's facts from any directory, by natural keys."""

import json

import pytest
from django.apps import apps
from django.core.management import call_command

from core.models import Source
from core.registry import FIXTURE, registry_models
from councils.models import Council
from events.models import Event
from tests import factories

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


def test_records_with_a_natural_key_carry_no_id_in_the_fixture():
    records = fixture_records()
    for record in records:
        if record["model"] in NATURAL_KEY_MODELS:
            assert "pk" not in record, record
        else:
            assert "pk" in record, record
    events = [record for record in records if record["model"] == "events.event"]
    assert all(isinstance(record["fields"]["source"], list) for record in events)
    assert {tuple(record["fields"]["council"]) for record in events} >= {("yamaguchi",)}


@pytest.mark.parametrize("label", NATURAL_KEY_MODELS)
def test_every_natural_key_finds_its_own_record(registry, label):
    model = apps.get_model(label)
    records = list(model._default_manager.all())
    assert records
    for record in records:
        assert model._default_manager.get_by_natural_key(*record.natural_key()) == record


def test_references_survive_ids_that_differ_from_the_fixtures(db):
    """A source made before loading takes id 1: the fixture's sources get other ids,
    and every event still cites the slide the fixture names."""
    factories.source()
    call_command("load_registry", verbosity=0)
    for record in fixture_records():
        if record["model"] == "events.event":
            event = Event.objects.get(pk=record["pk"])
            document, slide = record["fields"]["source"]
            assert (event.source.document, event.source.slide) == (document, slide)
            assert event.council.slug == record["fields"]["council"][0]
    assert Source.objects.count() == 11


def test_loading_twice_changes_nothing(registry):
    def dump():
        return {
            model._meta.label: list(model._default_manager.order_by("pk").values())
            for model in registry_models()
        }

    once = dump()
    call_command("load_registry", verbosity=0)
    assert dump() == once
