"""Every admin screen reads in Japanese: no English word outside formats, units and the
names the document itself prints, and Japanese marks, counters and words as 公用文 writes
them (「名称：」, 「1件」, 「協議会「おかやま…」を変更しました。」)."""

import json
import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.urls import reverse

from core.registry import registry_models
from tests.admin_helpers import admin_url, form_data
from tests.admin_screens import ALLOWED, admin_screens, data_words, english_words, visible_text
from tests.portal.test_japanese_wording import (
    HALF_WIDTH_NEXT_TO_JAPANESE,
    fixture_texts,
    without_document_wording,
)


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


# Marks and words ------------------------------------------------------------------

# Katakana words of programmers that Django's and the packages' catalogues use, and that
# staff should not meet: the project's catalogue says 件, 記録, 権限 and 操作記録.
JARGON = ["エントリー", "オブジェクト", "パーミッション", "ログエントリー", "フィルター"]


def english_values():
    values = set()
    for record in json.loads((settings.BASE_DIR / "fixtures" / "registry.json").read_text()):
        for name, value in record["fields"].items():
            if name.endswith("_en") and isinstance(value, str) and value.strip():
                values.update(line.strip() for line in value.splitlines() if line.strip())
    return values


def delete_screens():
    """The delete confirmation of the first record of each registry model."""
    screens = []
    for model in registry_models():
        record = model._default_manager.order_by("pk").first()
        if record is not None and admin.site.is_registered(model):
            screens.append(
                (f"{model._meta.model_name}-delete", admin_url(model, "delete", record.pk))
            )
    return screens


# One visit of each screen serves both checks: each crawl of the hundred-odd screens cost
# about 7 s.
def test_every_admin_screen_is_in_japanese_with_japanese_marks_words_and_counters(
    admin_client, admin_user, allowed, lockout_records
):
    screens = admin_screens(admin_user)
    assert len(screens) > 25
    english_data = data_words(english=True)
    # History pages quote the records' English values too.
    quoted = sorted(set(fixture_texts()) | english_values(), key=len, reverse=True)
    english, marks = {}, {}
    for name, url in screens + delete_screens():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.content.decode())
        # A history page quotes what changed, English values among them.
        words = allowed | english_data if name.endswith("-history") else allowed
        if found := english_words(text, words):
            english[name] = found
        text = without_document_wording(text, quoted)
        hits = [match.group() for match in HALF_WIDTH_NEXT_TO_JAPANESE.finditer(text)]
        if name == "auth-user-change":
            # Django's password widget writes 「アルゴリズム : …」 in a template that forms
            # render from Django's own folder; only superusers open this screen.
            hits = []
        hits += re.findall(r"\d (?:件|日間|個|文字)", text)
        hits += [word for word in JARGON if word in text]
        if hits:
            marks[name] = sorted(set(hits))
    assert not english, f"English on Japanese admin screens: {english}"
    assert marks == {}


def test_a_part_is_headed_with_a_full_width_colon(admin_client, registry):
    from members.models import Person

    person = Person.objects.filter(roles__isnull=False).first()
    page = visible_text(admin_client.get(admin_url(Person, "change", person.pk)).content.decode())
    assert "協議会での役割：" in page
    assert "協議会での役割:" not in page
    # The role's own name sets its parts apart with spaces, not a second colon.
    role = person.roles.first()
    assert "：" not in str(role) and "\u3000" in str(role)
    assert str(role).split("\u3000")[0] in page
    # The label of every field too.
    assert "氏名：" in page


def test_a_history_counts_its_versions_in_ken_and_dates_them_by_era(admin_client, registry):
    from councils.models import Council

    council = Council.objects.get(slug="okayama")
    page = visible_text(
        admin_client.get(admin_url(Council, "history", council.pk)).content.decode()
    )
    assert re.search(r"(?<!\d)1件", page)
    assert "エントリー" not in page
    assert re.search(r"令和\d+（\d{4}）年\d+月\d+日 \d{2}:\d{2}", page)
    assert "資料から登録" in page


def test_django_messages_quote_a_record_in_japanese_brackets(admin_client, registry):
    from councils.models import Council

    council = Council.objects.get(slug="okayama")
    url = admin_url(Council, "change", council.pk)
    response = admin_client.post(url, form_data(admin_client.get(url)), follow=True)
    page = visible_text(response.content.decode())
    # (The name is a link: the text around it is spaced apart.)
    assert re.search(rf"協議会「\s*{council}\s*」を変更しました。", page)
    assert "“" not in page


def test_a_change_list_counts_its_records_in_ken(admin_client, registry):
    from councils.models import Council

    page = visible_text(admin_client.get(admin_url(Council, "changelist")).content.decode())
    assert "協議会：5件" in page
    searched = admin_client.get(admin_url(Council, "changelist") + "?q=おかやま")
    page = visible_text(searched.content.decode())
    assert re.search(r"1件（ 全5件 ）", page)  # (the total is a link)
    assert 'alt="検索"' in searched.content.decode()


def test_each_english_field_is_labelled_as_its_japanese_field_with_eigo():
    """名称 and 名称（英語）, 区分（資料の表記） and 区分（英語）: staff find each pair by name."""
    from django.utils import translation

    unpaired = []
    with translation.override("ja"):
        for model in registry_models():
            fields = {field.name: field for field in model._meta.fields}
            for name, field in fields.items():
                if not name.endswith("_en") or name[:-3] not in fields:
                    continue
                japanese = str(fields[name[:-3]].verbose_name)
                stem = re.sub(r"（[^（）]*）$", "", japanese)
                if str(field.verbose_name) not in (f"{japanese}（英語）", f"{stem}（英語）"):
                    unpaired.append((model.__name__, japanese, str(field.verbose_name)))
    assert unpaired == []
