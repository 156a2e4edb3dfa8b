import contextlib
import os
import re
import time

import hypothesis
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import translation
from xdist.scheduler import LoadGroupScheduling

from portal.cache import REGISTRY_APPS
from tests.helpers import TEST_REDIS_URL, load_registry_if_missing, redis_key_prefix

FIXTURE = "fixtures/registry.json"

# The suite's Hypothesis tests run the same examples every time and keep no example
# database, so a run's result depends on the code alone and two runs never disagree.
# HYPOTHESIS_PROFILE=explore searches with fresh random examples instead.
hypothesis.settings.register_profile(
    "suite", derandomize=True, database=None, deadline=None, print_blob=True
)
hypothesis.settings.register_profile("explore", deadline=None, print_blob=True)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


# Modules whose module-scoped fixture is costly: two servers of the production
# configuration, a crawl of every kind of public page, LibreOffice converting the
# exports, a walk of the sitemap. Under pytest-xdist each goes to one worker whole,
# so that the fixture runs once a run. Handed out one test at a time, both workers
# ran each: on PostgreSQL the first three fixtures took 28 s of setup in a run, and
# 10 s in the next one, with each module on one worker. (pytest-xdist's own
# `xdist_group` mark would do this, but its `loadgroup` no longer sees the mark
# under pytest 9.2: docs/performance.md.)
ONE_WORKER_MODULES = frozenset(
    {
        "tests/portal/test_scale_out.py",
        "tests/portal/test_japanese_wording.py",
        "tests/portal/test_csv_in_spreadsheets.py",
        "tests/portal/test_site_basics.py",
    }
)


class ModulesOnOneWorker(LoadGroupScheduling):
    """`loadgroup`, with each of ONE_WORKER_MODULES as one unit of work."""

    def _split_scope(self, nodeid):
        module = nodeid.partition("::")[0]
        if module in ONE_WORKER_MODULES:
            return module
        return super()._split_scope(nodeid)


# Optional: a run without pytest-xdist (`-p no:xdist`) does not know the hook.
@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadgroup":  # as `make test` runs
        return ModulesOnOneWorker(config, log)
    return None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The test database is named after the process (portal/settings.py). A run forked
    from the process that read the settings (mutation testing forks one per mutant)
    renames it after itself, so that forks running side by side never share one."""
    test = settings.DATABASES["default"].setdefault("TEST", {})
    name = test.get("NAME") or ""
    run = str(os.getpid())
    if name and not re.search(rf"(?<!\d){run}(\.sqlite3)?$", name):
        test["NAME"] = re.sub(r"\d+((\.sqlite3)?)$", rf"{run}\1", name)


@pytest.fixture(scope="session")
def redis_keys_removed_at_the_end():
    """Asked for by the tests that store keys under `redis_key_prefix`: this process
    removes its keys when it ends, so that runs leave nothing behind in the test
    database. A process whose tests never reach Redis does not connect to it here."""
    yield
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=0.5)
    with contextlib.suppress(redis.RedisError):
        # The cache writes `prefix:version:key`; the colon keeps process 123 off 1234's keys.
        for key in client.scan_iter(f"{redis_key_prefix('*')}:*"):
            client.delete(key)


@pytest.fixture(scope="session", autouse=True)
def _no_collected_static_files(tmp_path_factory):
    """An empty STATIC_ROOT for the tests in this process, whatever `staticfiles/` holds.

    Whitenoise reads the whole of STATIC_ROOT when a test client makes its first
    request: once `make serve`, the load test or the scale-out test had collected the
    static files there, each client cost 73 ms more (15 s of an 89 s profile of the
    app tests). The servers some tests start in other processes still collect and
    serve their own."""
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static-root")):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with the registry loaded once for the whole run.

    Every database test runs inside a transaction that is rolled back, so a test
    that writes leaves the registry as loaded for the next one. Loading it per
    test cost about 325 queries each, for 400 tests."""
    with django_db_blocker.unblock():
        call_command("load_registry", verbosity=0)
    yield
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            end_other_sessions()


def end_other_sessions(wait_seconds=5):
    """Let the test database be dropped: PostgreSQL refuses while another session uses it.

    The servers some tests start in other processes (tests/portal/servers.py) have
    stopped by now, but the server may not yet have ended their sessions when the
    last of them ran just before the end. Wait for those to end, then end any left."""
    others = (
        "SELECT pid FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + wait_seconds
    with connection.cursor() as cursor:
        while True:
            cursor.execute(others)
            if not cursor.fetchall() or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        cursor.execute(f"SELECT pg_terminate_backend(pid) FROM ({others}) AS others")


def _registry_tables():
    return [
        model._meta.db_table
        for label in sorted(REGISTRY_APPS)
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def _uses_database(request):
    marker = request.node.get_closest_marker("django_db")
    return marker is not None or {"db", "transactional_db"} & set(request.fixturenames)


@pytest.fixture(autouse=True)
def _registry_only_when_asked(request):
    """A database test that does not ask for `registry` starts with no registry records,
    so what it counts or lists is only what it made itself.

    The records are deleted inside the test's transaction, so the rollback brings them
    back for the next test. (A transactional test empties the whole database when it
    ends; `registry` loads it again for a later one that asks.)"""
    # Browser tests (`site`) read the registry the live server serves, committed once.
    if {"registry", "site"} & set(request.fixturenames) or not _uses_database(request):
        return
    request.getfixturevalue("_django_db_helper")
    # DELETE, not Django's flush: on PostgreSQL that is a TRUNCATE, which inside a
    # transaction took 141 ms for these 34 small tables against 9 ms, in most tests.
    # The foreign keys are checked at commit (Django makes them deferred), and this
    # transaction never commits, so the order of the tables does not matter.
    with connection.cursor() as cursor:
        for table in _registry_tables():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")


@pytest.fixture
def registry(db):
    """The registry as the source document describes it, loaded the way `make run` loads it.

    It is loaded once per run (see django_db_setup); a transactional test empties the
    database when it ends, so a later one loads it again here."""
    load_registry_if_missing()


@pytest.fixture
def real_invalidation(request):
    """Run portal.cache's own after-commit invalidation in this test (see _fresh_page_cache)."""


@pytest.fixture(autouse=True)
def _fresh_page_cache(request, monkeypatch):
    """Each test starts with no cached page: a page cached by one test must not
    leak into the next, whose database holds different data.

    A test runs in one transaction that never commits, so for most tests a registry
    write invalidates the page cache at once, as its commit would in production.
    Tests that ask for `real_invalidation` keep the production code, after-commit
    timing included (tests/portal/test_page_cache.py)."""
    from django.core.cache import cache
    from django.core.cache.backends.locmem import LocMemCache

    from portal import cache as page_cache
    from portal.cache import invalidate_pages

    if "real_invalidation" not in request.fixturenames:
        monkeypatch.setattr(
            page_cache, "invalidate_after_commit", lambda using=None: invalidate_pages()
        )

    def forget():
        # A shared cache (REDIS_URL set while testing) is never flushed, only
        # moved to a new version, so nothing else stored in it is lost.
        if isinstance(cache, LocMemCache):
            cache.clear()
        else:
            invalidate_pages()

    forget()
    yield
    forget()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests sign users in by the hundred.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(django_user_model):
    """Make a signed-in-able staff user with one role ("editor" or "viewer")."""
    from core.roles import give_role

    def make(role, username=None):
        user = django_user_model.objects.create_user(
            username=username or role, password="correct horse battery staple"
        )
        give_role(user, role)
        return user

    return make


@pytest.fixture
def editor_client(client, staff_user):
    client.force_login(staff_user("editor"))
    return client


@pytest.fixture
def viewer_client(client, staff_user):
    client.force_login(staff_user("viewer"))
    return client


@pytest.fixture(autouse=True)
def japanese_by_default():
    """Each test starts in Japanese: a request to an English page leaves English active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
