"""Every admin page enforces the rights its change form enforces, for every registered model.

The walk goes through `admin.site._registry`, so a model registered later is
checked without anyone adding it here.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from import_export.admin import ExportMixin, ImportMixin
from simple_history.admin import SimpleHistoryAdmin

from councils.models import Source
from tests.admin_helpers import admin_url

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def pages(model):
    """(name, method, url, action needed) for each page of `model`'s admin that acts on data."""
    model_admin = admin.site._registry[model]
    record = model._default_manager.order_by("pk").first()
    found = [("changelist", "GET", admin_url(model, "changelist"), "view")]
    if record is not None:
        change = admin_url(model, "change", record.pk)
        delete = admin_url(model, "delete", record.pk)
        found += [
            ("change", "GET", change, "view"),
            ("change", "POST", change, "change"),
            ("delete", "GET", delete, "delete"),
            ("delete", "POST", delete, "delete"),
            ("history", "GET", admin_url(model, "history", record.pk), "view"),
        ]
        if isinstance(model_admin, SimpleHistoryAdmin):
            version = record.history.order_by("history_id").first()
            if version is not None:
                revert = admin_url(model, "simple_history", record.pk, version.history_id)
                found += [
                    ("revert", "GET", revert, "view"),
                    ("revert", "POST", revert, "change"),
                ]
    if hasattr(model_admin, "deleted_view"):
        found.append(("deleted", "GET", admin_url(model, "deleted"), "view"))
        if record is not None:
            # After the walk's own delete (for a role that may delete), this brings it back.
            found.append(("restore", "POST", admin_url(model, "restore", record.pk), "add"))
    if isinstance(model_admin, ImportMixin):
        found += [
            ("import", "GET", admin_url(model, "import"), "change"),
            ("import", "POST", admin_url(model, "import"), "change"),
            ("process_import", "POST", admin_url(model, "process_import"), "change"),
        ]
    if isinstance(model_admin, ExportMixin):
        found += [
            ("export", "GET", admin_url(model, "export"), "view"),
            ("export", "POST", admin_url(model, "export"), "view"),
        ]
    return found


def may(user, model, action):
    codename = f"{action}_{model._meta.model_name}"
    return user.has_perm(f"{model._meta.app_label}.{codename}")


def snapshot(model):
    return list(model._default_manager.order_by("pk").values())


@pytest.mark.parametrize("role", ["viewer", "editor"])
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_every_admin_page_refuses_what_the_role_may_not_do(
    registry, client, staff_user, role, model
):
    user = staff_user(role)
    client.force_login(user)
    before = snapshot(model)
    tried = []
    for name, method, url, action in pages(model):
        if method == "GET":
            response = client.get(url)
        else:
            # Whatever is posted: the refusal must come before the data is looked at.
            response = client.post(url, {"name": "書き換え", "title": "書き換え"})
        tried.append(name)
        assert response.status_code < 500, (name, method, url)
        if may(user, model, action):
            assert response.status_code != 403, (name, method, url)
        else:
            assert response.status_code == 403, (name, method, url, response.status_code)
    if not may(user, model, "change"):
        assert snapshot(model) == before
    assert "changelist" in tried


def test_the_walk_covers_the_source_admin_history_revert(registry):
    """The hole that let a viewer rewrite a source is among the pages walked."""
    names = {(name, method) for name, method, _url, _action in pages(Source)}
    assert ("revert", "POST") in names


@pytest.fixture
def source_version(registry):
    source = Source.objects.order_by("pk").first()
    return source, source.history.order_by("history_id").first()


def test_a_viewer_cannot_rewrite_a_source_through_its_history(client, staff_user, source_version):
    source, version = source_version
    client.force_login(staff_user("viewer"))
    url = admin_url(Source, "simple_history", source.pk, version.history_id)
    response = client.post(
        url,
        {
            "kind": source.kind,
            "title": "改ざんされた見出し",
            "title_en": "",
            "locator": source.locator,
            "lines": "",
            "as_of": "",
            "as_of_printed": "",
        },
    )
    assert response.status_code == 403
    source.refresh_from_db()
    assert source.title != "改ざんされた見出し"


def test_an_editor_can_still_restore_a_source(client, staff_user, source_version):
    source, version = source_version
    Source.objects.filter(pk=source.pk).update(title="直前の見出し")
    client.force_login(staff_user("editor"))
    url = admin_url(Source, "simple_history", source.pk, version.history_id)
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    assert client.post(url, data).status_code == 302
    source.refresh_from_db()
    assert source.title == version.title


def test_only_editors_hold_the_delete_right(db):
    """The walk's delete checks expect 403 for viewers and the delete page for editors."""
    from core.roles import set_up_roles

    set_up_roles()
    assert not Permission.objects.filter(
        group__name="viewer", codename__startswith="delete_"
    ).exists()
    assert Permission.objects.filter(group__name="editor", codename="delete_council").exists()


@pytest.mark.parametrize(
    "path",
    [
        "councils/source/abc/history/",
        "councils/source/1/history/abc/",
        "councils/council/abc/history/",
        "councils/council/1/history/abc/",
        "events/event/%00/history/",
    ],
)
def test_history_pages_with_ids_that_are_no_ids_are_not_found(registry, editor_client, path):
    assert editor_client.get(reverse("admin:index") + path).status_code == 404
