"""Editors keep the registry current, viewers only look, and nobody else gets in."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse

from core.roles import give_role
from councils.models import Council, MembershipSnapshot
from tests.admin_helpers import admin_url


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


def new_snapshot(council):
    return {
        "council": council.pk,
        "as_of": "2024-06-30",
        "total": "50",
        "companies": "45",
        "source": council.source_id,
    }


def test_the_roles_command_can_run_again_without_changing_anything(db):
    call_command("setup_roles", verbosity=0)
    permissions = {group.name: set(group.permissions.all()) for group in Group.objects.all()}
    call_command("setup_roles", verbosity=0)
    assert {g.name: set(g.permissions.all()) for g in Group.objects.all()} == permissions
    assert sorted(permissions) == ["editor", "viewer"]


def test_the_roles_command_restores_a_permission_removed_by_hand(db):
    call_command("setup_roles", verbosity=0)
    editor = Group.objects.get(name="editor")
    editor.permissions.remove(editor.permissions.get(codename="change_membershipsnapshot"))
    call_command("setup_roles", verbosity=0)
    assert editor.permissions.filter(codename="change_membershipsnapshot").exists()


def test_the_roles_command_gives_a_user_a_role(db):
    user = User.objects.create_user("sato", password="x")
    call_command("setup_roles", "--editor", "sato", verbosity=0)
    user.refresh_from_db()
    assert user.is_staff
    assert [group.name for group in user.groups.all()] == ["editor"]
    call_command("setup_roles", "--viewer", "sato", verbosity=0)
    assert [group.name for group in user.groups.all()] == ["viewer"]


def test_only_editors_may_delete_and_neither_role_manages_users(db):
    call_command("setup_roles", verbosity=0)

    def codenames(role):
        return set(Group.objects.filter(name=role).values_list("permissions__codename", flat=True))

    assert "delete_membershipsnapshot" in codenames("editor")
    assert not {code for code in codenames("viewer") if code.startswith("delete_")}
    for role in ("editor", "viewer"):
        assert not {
            code for code in codenames(role) if code.endswith(("_user", "_group", "_permission"))
        }


def test_an_editor_adds_and_changes_a_membership_snapshot(editor_client, okayama):
    response = editor_client.post(admin_url(MembershipSnapshot, "add"), new_snapshot(okayama))
    assert response.status_code == 302
    snapshot = okayama.snapshots.get(as_of="2024-06-30")

    change = new_snapshot(okayama) | {"total": "51"}
    response = editor_client.post(admin_url(MembershipSnapshot, "change", snapshot.pk), change)
    assert response.status_code == 302
    snapshot.refresh_from_db()
    assert snapshot.total == 51


def test_an_editor_cannot_open_user_management(editor_client):
    assert editor_client.get(admin_url(User, "changelist")).status_code == 403
    assert editor_client.get(admin_url(Group, "changelist")).status_code == 403
    home = editor_client.get(reverse("admin:index"))
    assert home.status_code == 200
    assert admin_url(User, "changelist") not in home.content.decode()


def test_an_editor_deletes_and_the_history_keeps_the_record(editor_client, okayama):
    snapshot = okayama.snapshots.get()
    url = admin_url(MembershipSnapshot, "delete", snapshot.pk)
    assert editor_client.post(url, {"post": "yes"}).status_code == 302
    assert not MembershipSnapshot.objects.filter(pk=snapshot.pk).exists()
    last = MembershipSnapshot.history.filter(id=snapshot.pk).latest("history_id")
    assert (last.history_type, last.history_user.username) == ("-", "editor")
    assert last.history_change_reason == "管理画面で削除"


def test_a_viewer_cannot_delete(viewer_client, okayama):
    snapshot = okayama.snapshots.get()
    url = admin_url(MembershipSnapshot, "delete", snapshot.pk)
    assert viewer_client.post(url, {"post": "yes"}).status_code == 403
    assert MembershipSnapshot.objects.filter(pk=snapshot.pk).exists()


def test_a_viewer_sees_but_cannot_change(viewer_client, okayama):
    snapshot = okayama.snapshots.get()
    assert viewer_client.get(admin_url(MembershipSnapshot, "changelist")).status_code == 200
    page = viewer_client.get(admin_url(MembershipSnapshot, "change", snapshot.pk))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    change = new_snapshot(okayama) | {"as_of": "2024-03-08", "total": "1", "companies": ""}
    response = viewer_client.post(admin_url(MembershipSnapshot, "change", snapshot.pk), change)
    assert response.status_code == 403
    assert viewer_client.get(admin_url(MembershipSnapshot, "add")).status_code == 403
    assert viewer_client.get(admin_url(MembershipSnapshot, "import")).status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.total == 49


def test_a_viewer_cannot_restore_an_earlier_version(viewer_client, okayama):
    snapshot = okayama.snapshots.get()
    first = snapshot.history.earliest()
    snapshot.total = 50
    snapshot.save()
    url = admin_url(MembershipSnapshot, "simple_history", snapshot.pk, first.pk)
    assert viewer_client.get(url).status_code == 200
    assert viewer_client.post(url, {}).status_code == 403
    snapshot.refresh_from_db()
    assert snapshot.total == 50


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, okayama):
    snapshot = okayama.snapshots.get()
    for url in (
        admin_url(MembershipSnapshot, "changelist"),
        admin_url(MembershipSnapshot, "change", snapshot.pk),
        admin_url(MembershipSnapshot, "import"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login") + "?next=")


def test_losing_the_staff_flag_closes_the_admin(client, django_user_model, okayama):
    user = django_user_model.objects.create_user("former", password="x")
    give_role(user, "editor")
    user.is_staff = False
    user.save()
    client.force_login(user)
    response = client.get(admin_url(MembershipSnapshot, "changelist"))
    assert response.status_code == 302
