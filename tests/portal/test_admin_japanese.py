"""Every admin screen reads in Japanese: no English word outside formats, units and the
names the document itself prints."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.urls import reverse

from tests.admin_screens import ALLOWED, admin_screens, data_words, english_words, visible_text


@pytest.fixture
def allowed(registry, admin_user):
    return ALLOWED | data_words() | {admin_user.username}


@pytest.fixture
def lockout_records(admin_user):
    """One record of each of the lockout's kinds, so that their change forms are visited."""
    AccessLog.objects.all().delete()  # signing the test client in wrote one without a browser
    seen = {"username": admin_user.username, "ip_address": "192.0.2.1", "user_agent": "ブラウザ"}
    request = {**seen, "http_accept": "*/*", "path_info": "/"}
    AccessLog.objects.create(**request)
    AccessFailureLog.objects.create(**request)
    AccessAttempt.objects.create(**request, get_data="", post_data="", failures_since_start=1)


def test_every_admin_screen_is_in_japanese(admin_client, admin_user, allowed, lockout_records):
    screens = admin_screens(admin_user)
    english_data = data_words(english=True)
    assert len(screens) > 25
    english = {}
    for name, url in screens:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        # A history page quotes what changed, English values among them.
        words = allowed | english_data if name.endswith("-history") else allowed
        found = english_words(visible_text(response.content.decode()), words)
        if found:
            english[name] = found
    assert not english, f"English on Japanese admin screens: {english}"


def test_the_check_sees_english_where_there_is_some(admin_client, allowed):
    html = "<p>協議会 <b>Select all</b></p><textarea>English data</textarea>"
    assert english_words(visible_text(html), allowed) == ["Select", "all"]


def test_permissions_are_named_in_japanese_on_the_group_form(admin_client):
    form = admin_client.get(reverse("admin:auth_group_add")).context["adminform"].form
    labels = [label for _, label in form.fields["permissions"].choices]
    assert "協議会｜協議会｜追加" in labels
    assert "協議会｜協議会の変更履歴｜閲覧" in labels
    # The kinds each version of an event keeps: not the through table's own name.
    assert "開催実績・覚書・支援事業・取組｜開催実績に付けた種別の変更履歴｜閲覧" in labels
    assert not [label for label in labels if "eventkind" in label]
    assert not [label for label in labels if label.startswith("Can ")]
