"""Two gunicorn instances on one PostgreSQL database and one Redis cache, as the
portal scales out: a page cached by one is served by the other, and an edit
made through one shows on the other at the next request.

Needs PostgreSQL (DATABASE_URL) and Redis (TEST_REDIS_URL, by default database
4 of the local server, which the test only touches under its own key prefix).
"""

import subprocess
import sys
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from councils.models import Council
from tests.helpers import TEST_REDIS_URL, redis_answers

from .servers import ROOT, Browser, Instance, collectstatic, production_env

PAGE = "/councils/okayama/"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="module")
def instances(django_db_setup, tmp_path_factory):
    if connection.vendor != "postgresql":
        pytest.skip(
            "two instances need a shared database server: run with a PostgreSQL DATABASE_URL"
        )
    if not redis_answers():
        pytest.skip(f"no Redis answers at {TEST_REDIS_URL}")
    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    env = production_env(
        DATABASE_URL=database_url,
        REDIS_URL=TEST_REDIS_URL,
        # One canonical address, as production has: without it each instance's
        # host and port would be part of the page cache's keys.
        SITE_URL="https://registry.example.org",
        # A prefix of its own: nothing else in that Redis database is touched.
        CACHE_KEY_PREFIX=f"scale-out-test-{uuid.uuid4().hex}",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="2",
    )
    logs = tmp_path_factory.mktemp("instances")
    collectstatic(env)
    with Instance(env, logs / "a.log") as first, Instance(env, logs / "b.log") as second:
        assert first.port != second.port
        yield first, second, env
    forget_cache(env)


def forget_cache(env):
    import redis

    client = redis.Redis.from_url(TEST_REDIS_URL)
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}*"):
        client.delete(key)


@pytest.fixture(autouse=True)
def fresh_start(instances, registry):
    """Each test: the registry as the document has it, and nothing cached."""
    forget_cache(instances[2])


def test_a_page_cached_by_one_instance_is_served_by_the_other(instances):
    first, second, _env = instances
    assert Browser(first).get(PAGE).headers["X-Cache"] == "miss"
    response = Browser(second).get(PAGE)
    assert response.status_code == 200
    assert response.headers["X-Cache"] == "hit"


def test_a_write_by_any_process_reaches_both_instances(instances):
    first, second, env = instances
    Browser(first).get(PAGE)
    assert Browser(second).get(PAGE).headers["X-Cache"] == "hit"
    # An import or a shell session: a third process on the same database and cache.
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from councils.models import Council;"
            "c = Council.objects.get(slug='okayama');"
            "c.name = 'おかやま（別プロセスで編集）'; c.save()",
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    for instance in (second, first):
        assert "おかやま（別プロセスで編集）" in Browser(instance).get(PAGE).text


def test_an_admin_edit_through_one_instance_shows_on_the_other(instances):
    from django.contrib import admin

    if Council not in admin.site._registry:
        pytest.skip("the admin for councils is not installed on this branch")
    first, second, _env = instances
    # Hashed with a hasher the instances accept (the tests' own is a fast one).
    lead = get_user_model().objects.create_superuser("lead")
    lead.password = PBKDF2PasswordHasher().encode("a-long-password-for-tests", "saltsalt1234")
    lead.save()
    council = Council.objects.get(slug="okayama")
    assert council.name in Browser(second).get(PAGE).text

    staff = Browser(first)
    staff.log_in("lead", "a-long-password-for-tests")
    response = staff.submit(
        f"/admin/councils/council/{council.pk}/change/",
        {"name": "おかやま半導体関連コンソーシアム（管理画面）"},
        form_id="council_form",
    )
    assert response.status_code == 302, response.text[:3000]

    page = Browser(second).get(PAGE)
    assert page.headers["X-Cache"] == "miss"
    assert "おかやま半導体関連コンソーシアム（管理画面）" in page.text
