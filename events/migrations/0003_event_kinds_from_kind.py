"""Each event's single kind becomes the first of its kinds."""

from django.db import migrations

# In the fixture's order, so that the fixture's records and these have the same keys.
CODES = [
    "founding_meeting",
    "study_session",
    "company_visit",
    "forum",
    "business_meeting",
    "signing_ceremony",
]


def copy_kind_to_kinds(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    EventKind = apps.get_model("events", "EventKind")
    for code in CODES:
        EventKind.objects.get_or_create(code=code)
    for event in Event.objects.exclude(kind=""):
        kind, _created = EventKind.objects.get_or_create(code=event.kind)
        event.kinds.add(kind)


def copy_first_kind_back(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for event in Event.objects.all():
        first = event.kinds.order_by("pk").first()
        if first is not None:
            Event.objects.filter(pk=event.pk).update(kind=first.code)


class Migration(migrations.Migration):
    dependencies = [("events", "0002_document_wording_and_english")]

    operations = [migrations.RunPython(copy_kind_to_kinds, copy_first_kind_back)]
