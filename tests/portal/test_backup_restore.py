"""A backup restores into an empty database with every record and its history."""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from councils.models import Council

ROOT = Path(__file__).resolve().parents[2]
# The same models as `make backup`.
BACKUP_MODELS = ["auth.group", "auth.user", "core", "councils", "members", "events"]


DUMP_OPTIONS = ["--natural-foreign", "--indent", "1"]


def dump(path):
    """`make backup`'s dumpdata."""
    call_command("dumpdata", *BACKUP_MODELS, *DUMP_OPTIONS, "-o", str(path), verbosity=0)
    return json.loads(Path(path).read_text())


@pytest.fixture
def empty_database(tmp_path):
    """The URL of a database nobody has used, on the same engine as the tests."""
    settings_dict = connection.settings_dict
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    name = f"{settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": settings_dict["HOST"] or "127.0.0.1",
        "port": settings_dict["PORT"] or 5432,
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = settings_dict["USER"]
    host = f"{server['host']}:{server['port']}"
    try:
        yield f"postgres://{user}@{host}/{name}"
    finally:
        with psycopg.connect(**server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def without_zero_milliseconds(records):
    """Django's serializer writes a time to the millisecond, so a time whose microseconds
    are under 1,000 is written "…:45.000Z" and, loaded back, "…:45Z": the same instant."""
    text = json.dumps(records, ensure_ascii=False)
    return json.loads(re.sub(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"', r'\1\2"', text))


def by_model(records):
    grouped = {}
    for record in records:
        grouped.setdefault(record["model"], []).append(record)
    return grouped


@pytest.mark.django_db(transaction=True)
def test_backup_restores_every_record_and_its_history(registry, tmp_path, empty_database):
    editor = get_user_model().objects.create_user("editor", password="a-long-password-123")
    council = Council.objects.get(slug="okayama")
    council._history_user = editor
    council.name_en = "Okayama consortium (edited)"
    council.save()
    council.pillars.order_by("pk").last().delete()

    original = dump(tmp_path / "backup.json")
    models = by_model(original)
    assert "councils.historicalcouncil" in models
    assert len(models["councils.council"]) == 5
    assert any(row["fields"]["history_user"] for row in models["councils.historicalcouncil"])

    env = {**os.environ, "DATABASE_URL": empty_database}
    restored_path = tmp_path / "restored.json"
    # `make restore` into the empty database, and a backup of the result, in one
    # process (three Django start-ups cost seconds).
    restore_and_dump = "; ".join(
        [
            "import django",
            "django.setup()",
            "from django.core.management import call_command",
            "call_command('migrate', '--noinput', verbosity=0)",
            f"call_command('loaddata', {str(tmp_path / 'backup.json')!r}, verbosity=0)",
            f"call_command('dumpdata', *{BACKUP_MODELS!r}, {DUMP_OPTIONS[0]!r}, "
            f"{DUMP_OPTIONS[1]!r}, {DUMP_OPTIONS[2]!r}, '-o', {str(restored_path)!r}, verbosity=0)",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", restore_and_dump],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    restored = json.loads(restored_path.read_text())

    assert by_model(without_zero_milliseconds(restored)) == by_model(
        without_zero_milliseconds(original)
    )
    history = by_model(restored)["councils.historicalcouncil"]
    assert any(
        row["fields"]["name_en"] == "Okayama consortium (edited)"
        and row["fields"]["history_user"] == ["editor"]
        for row in history
    )
    # The deleted pillar's last state lives on in its history.
    assert any(
        row["fields"]["history_type"] == "-"
        for row in by_model(restored)["councils.historicalactivitypillar"]
    )
