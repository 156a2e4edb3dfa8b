"""History rows keep their change reason as the text written at the time, so the reasons
written before the glossary settled its terms still read 「原資料から読み込み」 or
「次の時点の版に戻した: …」 on the history pages. They are rewritten in today's words.

This matters beyond the wording: 最近の更新 and load_registry's check for staff edits
leave out the rows whose reason is a load's, and they know only today's text, so a
load written under an older one would be taken for a staff edit.
"""

import re

from django.db import migrations

# The registry's apps; each model with a history has a Historical… twin.
APPS = ("core", "councils", "members", "events")

# Reasons as earlier catalogues wrote them → as the catalogue writes them now.
RENAMED = {
    "原資料から読み込み": "資料から登録",
    "資料から読み込み": "資料から登録",
    "原資料の内容で上書き": "資料の内容で上書き",
}
OLD_RESTORED = re.compile(r"^次の時点の版に戻した[:：]\s*(?P<date>.+)$")


def historical_models(apps):
    """The history tables that keep a change reason (a many-to-many's history, such as an
    event's kinds, keeps none: it belongs to its record's version)."""
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            fields = {field.name for field in model._meta.get_fields()}
            if model.__name__.startswith("Historical") and "history_change_reason" in fields:
                yield model


def rewrite(apps, schema_editor):
    for model in historical_models(apps):
        for old, new in RENAMED.items():
            model.objects.filter(history_change_reason=old).update(history_change_reason=new)
        restored = model.objects.filter(history_change_reason__startswith="次の時点の版に戻した")
        for row in restored.only("pk", "history_change_reason"):
            match = OLD_RESTORED.match(row.history_change_reason)
            if match:
                row.history_change_reason = f"{match['date']}時点の版に復元"
                row.save(update_fields=["history_change_reason"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_sources_of_any_kind"),
        ("councils", "0003_document_wording_and_english"),
        ("members", "0004_document_wording_and_english"),
        ("events", "0004_remove_event_kind"),
    ]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop)]
