from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.roles import EDITOR, ROLE_ACTIONS, VIEWER, give_role, set_up_roles


class Command(BaseCommand):
    help = (
        "Create or update the 'editor' and 'viewer' staff groups (safe to run again), "
        "and optionally give users one of those roles."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--editor", action="append", default=[], metavar="USERNAME", help="make an editor"
        )
        parser.add_argument(
            "--viewer", action="append", default=[], metavar="USERNAME", help="make a viewer"
        )

    def handle(self, *args, editor, viewer, **options):
        groups = set_up_roles()
        for role, group in groups.items():
            actions = ", ".join(ROLE_ACTIONS[role])
            self.stdout.write(
                f"{role}: {group.permissions.count()} permissions ({actions} registry records)"
            )
        users = get_user_model().objects
        for role, usernames in ((EDITOR, editor), (VIEWER, viewer)):
            for username in usernames:
                try:
                    user = users.get(username=username)
                except users.model.DoesNotExist:
                    raise CommandError(f"There is no user named {username!r}.") from None
                give_role(user, role)
                self.stdout.write(f"{username} is now staff with the {role} role")
