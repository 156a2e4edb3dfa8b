"""Every admin page opens, and changelists cost the same number of queries however long."""

import datetime

import pytest
from django.contrib import admin
from django.db import connection, models
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.admin import PartAdmin
from core.registry import registry_models
from tests.admin_helpers import admin_url

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)
REGISTRY_MODELS = sorted(registry_models(), key=lambda model: model._meta.label)
# Parts of a record (an event's talks, a programme's amounts) are edited inside it.
EDITED_INLINE = {
    inline.model: parent
    for parent, model_admin in admin.site._registry.items()
    for inline in model_admin.inlines
}
# A part's admin only restores deleted parts; it has no entry in the index.
PARTS = [
    model
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, PartAdmin)
]
WITH_A_LIST = [
    model for model in REGISTRY_MODELS if model in admin.site._registry and model not in PARTS
]


def label(model):
    return model._meta.label


def test_every_registry_model_is_in_the_admin_or_inside_its_parent():
    missing = [
        model for model in REGISTRY_MODELS if model not in REGISTERED and model not in EDITED_INLINE
    ]
    assert not missing
    # A part is edited in one place only: never both in its parent and in a list of its own.
    listed = set(REGISTERED) - set(PARTS)
    assert not set(EDITED_INLINE) & listed - {label_model("councils.MembershipSnapshot")}
    # ...and every part edited in a parent can be restored after a deletion there.
    assert set(EDITED_INLINE) - {label_model("councils.MembershipSnapshot")} <= set(PARTS)


def label_model(label):
    return next(model for model in REGISTRY_MODELS if model._meta.label == label)


@pytest.mark.parametrize("model", REGISTERED, ids=label)
def test_changelist_add_and_change_pages_open_for_an_admin(
    registry, admin_client, admin_user, model
):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    if admin.site._registry[model].search_fields:
        assert admin_client.get(admin_url(model, "changelist"), {"q": "半導体"}).status_code == 200

    request = RequestFactory().get("/")
    request.user = admin_user
    if admin.site._registry[model].has_add_permission(request):
        assert admin_client.get(admin_url(model, "add")).status_code == 200

    record = model._default_manager.order_by("pk").first()
    if record is not None:
        assert admin_client.get(admin_url(model, "change", record.pk)).status_code == 200
        assert admin_client.get(admin_url(model, "history", record.pk)).status_code == 200


def copy_of(record, number):
    """Save a new row like `record`, with whatever must be unique changed."""
    model = type(record)
    copy = model._default_manager.get(pk=record.pk)
    copy.pk = None
    copy._state.adding = True
    unique_together = [[field.name] for field in model._meta.fields if field.unique]
    unique_together += [
        list(constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
    ]
    for names in unique_together:
        fields = [model._meta.get_field(name) for name in names]
        if any(field.primary_key for field in fields):
            continue
        # Changing one plain field is enough; a foreign key only when there is no other.
        field = next((field for field in fields if not field.is_relation), fields[0])
        value = getattr(copy, field.name)
        if field.is_relation:
            value = copy_of(value, number)
        elif isinstance(field, models.DateField):
            value += datetime.timedelta(days=number)
        elif isinstance(field, models.IntegerField):
            value += 1000 * number
        else:
            value = f"{value}-{number}"
        setattr(copy, field.name, value)
    copy.save()
    return copy


@pytest.mark.parametrize("model", WITH_A_LIST, ids=label)
def test_changelist_query_count_does_not_grow_with_rows(
    registry, admin_client, django_assert_num_queries, model
):
    url = admin_url(model, "changelist")
    admin_client.get(url)  # sessions, content types and the like are cached from here on
    with CaptureQueriesContext(connection) as before:
        assert admin_client.get(url).status_code == 200

    first = model._default_manager.order_by("pk").first()
    for number in range(1, 4):
        copy_of(first, number)

    with django_assert_num_queries(len(before)):
        assert admin_client.get(url).status_code == 200


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_signed_in_users_who_are_not_staff_do_not_reach_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("public", password="x"))
    response = client.get(admin_url(django_user_model, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_the_admin_lives_at_the_path_the_environment_names(settings):
    assert reverse("admin:index") == "/" + settings.ADMIN_URL


def index_models(client):
    app_list = client.get(reverse("admin:index")).context["app_list"]
    return [str(model["name"]) for app in app_list for model in app["models"]]


def test_the_index_lists_the_main_records_first_in_the_order_staff_work_in(admin_client):
    assert index_models(admin_client) == [
        *["協議会", "関係機関・団体", "開催実績", "覚書", "支援事業・取組", "会員数の記録", "出典"],
        "人物",
        *["グループ", "ユーザー"],
        *["アクセス記録", "ログイン失敗", "ログイン試行"],
    ]


def test_an_editor_sees_the_registry_and_no_accounts_or_sub_records(editor_client):
    models = index_models(editor_client)
    assert models == [
        "協議会",
        "関係機関・団体",
        "開催実績",
        "覚書",
        "支援事業・取組",
        "会員数の記録",
        "出典",
        "人物",
    ]
