"""The staff roles: editors keep the registry current, viewers only look.

Neither role can touch users, groups or permissions. Editors may delete, so
that they can take back a record they added by mistake: the deletion is kept
in the record's history, and the admin's "deleted records" list restores it
(core/admin_history.py). Parts deleted with their record (a council's
snapshots, an event's talks) are listed there too, each to be restored.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .registry import registry_models

EDITOR = "editor"
VIEWER = "viewer"
ROLE_ACTIONS = {EDITOR: ("add", "change", "delete", "view"), VIEWER: ("view",)}


def role_permissions(role):
    codenames = []
    content_types = []
    for model in registry_models():
        content_types.append(ContentType.objects.get_for_model(model))
        codenames += [f"{action}_{model._meta.model_name}" for action in ROLE_ACTIONS[role]]
    return Permission.objects.filter(content_type__in=content_types, codename__in=codenames)


@transaction.atomic
def set_up_roles():
    """Create both groups, or bring their permissions back to what is listed here."""
    groups = {}
    for role in ROLE_ACTIONS:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(role))
        groups[role] = group
    return groups


@transaction.atomic
def give_role(user, role):
    """Make `user` staff with exactly one role (an editor is no longer a viewer, and so on)."""
    groups = set_up_roles()
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.remove(*(group for name, group in groups.items() if name != role))
    user.groups.add(groups[role])
