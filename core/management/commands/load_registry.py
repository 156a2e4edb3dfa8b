import json

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.linked_history import record_links
from core.models import Source, Sourced
from core.registry import (
    FIXTURE,
    differences_from_fixture,
    overwrite_reason,
    record_missing_history,
    registry_models,
    staff_history,
)
from core.text import has_control_characters

# How many records the refusal names before it only counts the rest.
LISTED = 10


def fact_models():
    """The registry's records of facts and their sources. Lookup tables that migrations
    fill (the kinds of event) say nothing about whether the document was loaded."""
    return [model for model in registry_models() if issubclass(model, Sourced | Source)]


class Command(BaseCommand):
    help = (
        "Load the registry's facts from the source document's fixtures. A registry that "
        "staff have edited is left alone unless --overwrite is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load into an empty registry, so that staff edits are never overwritten.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help=(
                "Load even though staff have edited the registry: every record the document "
                "overwrites or brings back gets a history entry saying so, and can be "
                "reverted from its history in the admin."
            ),
        )

    def handle(self, *args, if_empty=False, overwrite=False, **options):
        if if_empty and any(model._default_manager.exists() for model in fact_models()):
            self.stdout.write("The registry already has data; fixtures not loaded.")
            return
        check_text(FIXTURE)
        with transaction.atomic():
            changed, missing = differences_from_fixture(FIXTURE)
            edits = staff_history()
            if (edits or changed) and not overwrite:
                raise CommandError(refusal(changed, missing, edits))
            call_command("loaddata", str(FIXTURE), verbosity=options["verbosity"])
            overwritten = record_overwrites(changed, missing, edits)
            # So that the first edit of a loaded record can be undone from its history.
            created = record_missing_history()
        if options["verbosity"]:
            self.stdout.write(f"First history versions recorded: {created}")
            if overwrite:
                self.stdout.write(f"Records overwritten from the document: {overwritten}")


def record_overwrites(changed, missing, edits):
    """Give each record the document changed or brought back a history entry with the reason.

    Records missing from the registry that staff deleted come back; records that
    were never loaded get their first version from record_missing_history()."""
    deleted_by_staff = {(edit.instance_type, edit.id) for edit in edits if edit.history_type == "-"}
    count = 0
    for model in registry_models():
        updated = [pk for label, pk in changed if label == model._meta.label]
        restored = [
            pk
            for label, pk in missing
            if label == model._meta.label and (model, pk) in deleted_by_staff
        ]
        for pks, update in ((updated, True), (restored, False)):
            objs = list(model._default_manager.filter(pk__in=pks))
            versions = model.history.bulk_history_create(
                objs, update=update, default_change_reason=overwrite_reason()
            )
            record_links(versions)
            count += len(objs)
    return count


def refusal(changed, missing, edits):
    """Plain words on what loading would overwrite, and how to go ahead anyway."""
    lines = ["The registry has been edited since the document was loaded; nothing was loaded."]
    if changed:
        lines.append(
            f"Loading would overwrite {len(changed)} record(s) that differ from the document:"
        )
        lines += [f"  - {name}" for name in describe(changed[:LISTED])]
        if len(changed) > LISTED:
            lines.append(f"  ... and {len(changed) - LISTED} more")
    deleted = [edit for edit in edits if edit.history_type == "-"]
    restored = {(edit.instance_type._meta.label, edit.id) for edit in deleted} & set(missing)
    if restored:
        lines.append(f"Loading would bring back {len(restored)} record(s) that staff deleted.")
    others = len(edits) - len(deleted)
    if others:
        lines.append(
            f"The history holds {others} change(s) made by staff or by an import "
            "since the document was loaded."
        )
    lines += [
        "To keep the staff's work, do nothing: the registry is already loaded.",
        "To replace it with the document's version anyway, run the command again with "
        "--overwrite; each overwritten record gets a history entry that says so, and "
        "can be reverted from its history in the admin.",
    ]
    return "\n".join(lines)


def describe(keys):
    for label, pk in keys:
        model = apps.get_model(label)
        record = model._default_manager.filter(pk=pk).first()
        yield f"{model._meta.verbose_name} {pk}: {record}"


def check_text(path):
    """Refuse a fixture whose text holds NUL or other control characters, before loading any of it.

    PostgreSQL cannot store NUL, so such a record would also make a backup
    impossible to restore there.
    """
    with open(path, encoding="utf-8") as file:
        records = json.load(file)
    for record in records:
        for name, value in record.get("fields", {}).items():
            if has_control_characters(value):
                raise CommandError(
                    f"{path}: {record.get('model')} {record.get('pk')}, field {name!r}: "
                    "control characters (such as NUL) are not allowed; nothing was loaded."
                )
