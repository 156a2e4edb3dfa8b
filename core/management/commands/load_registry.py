import json

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.registry import FIXTURE, record_missing_history, registry_models
from core.text import has_control_characters


class Command(BaseCommand):
    help = "Load the registry's facts from the source document's fixtures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Only load into an empty registry, so that staff edits are never overwritten.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and any(model._default_manager.exists() for model in registry_models()):
            self.stdout.write("The registry already has data; fixtures not loaded.")
            return
        check_text(FIXTURE)
        call_command("loaddata", str(FIXTURE), verbosity=options["verbosity"])
        # So that the first edit of a loaded record can be undone from its history.
        created = record_missing_history()
        if options["verbosity"]:
            self.stdout.write(f"First history versions recorded: {created}")


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
