"""The synthetic registries the benchmark serves, on SQLite and on PostgreSQL.

Each size lives in its own database (`bench-results/registry-<size>.sqlite3`,
or `<name>_<size>` beside the PostgreSQL database named by
BENCH_POSTGRES_URL), filled by `manage.py seed_bench` and rebuilt only when a
migration or the generator changes.
"""

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from urllib.parse import urlsplit, urlunsplit

from tools.bench.servers import PYTHON, RESULTS, ROOT, CannotRun

TABLE = "members_organisation"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/registry_bench"


def log(message):
    print(message, flush=True)


def fingerprint():
    """Changes whenever the schema or the generator does, so stale data is rebuilt."""
    digest = hashlib.sha256()
    files = sorted(ROOT.glob("*/migrations/*.py")) + [
        ROOT / "tools" / "bench" / "management" / "commands" / "seed_bench.py"
    ]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def manage(*args, env):
    completed = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if completed.returncode:
        raise CannotRun(f"manage.py {' '.join(args)} failed:\n{completed.stderr.strip()}")
    return completed.stdout


def django_env(database_url, **extra):
    """Production settings (DEBUG off) on `database_url`, reachable over plain HTTP locally.

    REDIS_URL, when set, is passed on: the portal then shares its page cache
    between several gunicorn workers, as in production.
    """
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tools.bench.settings",
        DATABASE_URL=database_url,
        DEBUG="0",
        SECRET_KEY="benchmark-only-secret-key-not-used-anywhere-else",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        # Production sits behind a TLS proxy; the benchmark talks plain HTTP to gunicorn.
        SECURE_SSL_REDIRECT="0",
        # Each registry its own cache entries, and none left over from an older run.
        CACHE_KEY_PREFIX=f"bench-{abs(hash(database_url))}-{time.time_ns()}",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


class SqliteRegistry:
    engine = "sqlite"

    def __init__(self, size):
        self.size = size
        self.path = RESULTS / f"registry-{size}.sqlite3"
        self.url = f"sqlite:///{self.path}"
        self.name = self.path.stem

    @staticmethod
    def empty_schema():
        """A migrated, empty SQLite file, made once per schema and copied for each size."""
        path = RESULTS / f"schema-{fingerprint()}.sqlite3"
        if not path.exists():
            for stale in RESULTS.glob("schema-*.sqlite3"):
                stale.unlink()
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            env = django_env(f"sqlite:///{partial}", BENCH_UNSAFE_FAST_WRITES="1")
            manage("migrate", "--noinput", "-v0", env=env)
            partial.rename(path)
        return path

    def prepare(self):
        stamp = self.path.with_suffix(".fingerprint")
        if self.path.exists() and stamp.exists() and stamp.read_text() == fingerprint():
            log(f"  {self.path.name}: up to date")
            return
        self.path.unlink(missing_ok=True)
        started = time.perf_counter()
        shutil.copyfile(self.empty_schema(), self.path)
        output = manage("seed_bench", str(self.size), env=self.env(BENCH_UNSAFE_FAST_WRITES="1"))
        stamp.write_text(fingerprint())
        log(f"  {self.path.name}: generated in {time.perf_counter() - started:.1f}s. {output}")

    def env(self, **extra):
        return django_env(self.url, **extra)

    def rows(self):
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            cursor = connection.execute(f"SELECT * FROM {TABLE} ORDER BY name, id")
            yield [column[0] for column in cursor.description]
            while batch := cursor.fetchmany(2000):
                yield from batch
        finally:
            connection.close()


class PostgresRegistry:
    engine = "postgresql"

    def __init__(self, size, base_url):
        self.size = size
        parts = urlsplit(base_url)
        self.name = f"{parts.path.lstrip('/') or 'registry_bench'}_{size}"
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
        self.maintenance_url = urlunsplit(parts._replace(path="/postgres"))
        self.stamp = RESULTS / f"postgres-{self.name}.fingerprint"

    def connect(self, url=None, **options):
        import psycopg

        try:
            return psycopg.connect(url or self.url, connect_timeout=5, **options)
        except psycopg.OperationalError as error:
            raise CannotRun(f"PostgreSQL is not reachable at {url or self.url}: {error}") from None

    def exists(self):
        with self.connect(self.maintenance_url, autocommit=True) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
        return found is not None

    def prepare(self):
        current = self.stamp.exists() and self.stamp.read_text() == fingerprint()
        if current and self.exists():
            log(f"  PostgreSQL {self.name}: up to date")
            return
        started = time.perf_counter()
        with self.connect(self.maintenance_url, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            connection.execute(f'CREATE DATABASE "{self.name}"')
        manage("migrate", "--noinput", "-v0", env=self.env())
        output = manage("seed_bench", str(self.size), env=self.env())
        with self.connect(autocommit=True) as connection:
            connection.execute("VACUUM ANALYZE")
        self.stamp.write_text(fingerprint())
        seconds = time.perf_counter() - started
        log(f"  PostgreSQL {self.name}: generated in {seconds:.1f}s. {output}")

    def env(self, **extra):
        return django_env(self.url, **extra)

    def rows(self):
        with self.connect() as connection, connection.cursor(name="bench_raw") as cursor:
            cursor.itersize = 2000
            cursor.execute(f"SELECT * FROM {TABLE} ORDER BY name, id")
            first = cursor.fetchone()
            yield [column.name for column in cursor.description]
            if first is not None:
                yield first
                yield from cursor


def raw_csv_rate(registry):
    """Rows per second when one Python process reads the organisations and writes CSV.

    The floor of any CSV export: the database driver and `csv.writer`, no
    Django, no HTTP.
    """

    class Sink:
        bytes = 0

        def write(self, text):
            self.bytes += len(text.encode())

    started = time.perf_counter()
    rows = registry.rows()
    writer = csv.writer(Sink())
    writer.writerow(next(rows))
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    seconds = time.perf_counter() - started
    return {"rows": count, "seconds": seconds, "rows_per_second": count / seconds}


def query_counts(registry, pages):
    """Queries each page runs, counted in a separate process on the registry."""
    script = (
        "import json, sys, django\n"
        "django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client()\n"
        "counts = {}\n"
        "for name, path in json.loads(sys.argv[1]).items():\n"
        "    with CaptureQueriesContext(connection) as queries:\n"
        "        response = client.get(path)\n"
        "        if response.streaming:\n"
        "            b''.join(response.streaming_content)\n"
        "    counts[name] = len(queries) if response.status_code == 200 else None\n"
        "print(json.dumps(counts))\n"
    )
    completed = subprocess.run(
        [PYTHON, "-c", script, json.dumps(pages)],
        cwd=ROOT,
        env=registry.env(),
        capture_output=True,
        text=True,
    )
    if completed.returncode:
        raise CannotRun(f"Counting queries failed:\n{completed.stderr.strip()[-2000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])
