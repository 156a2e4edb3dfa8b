"""The production environment passes Django's deployment checks; a missing
secret or host list stops the start-up."""

import os
import runpy
import subprocess
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "registry.example.org",
    "SITE_CONTACT_EMAIL": "registry@registry.example.org",
    "SITE_URL": "https://registry.example.org",
}


def manage(*args, env_overrides, drop=()):
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_deployment_checks_pass_with_the_production_environment():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_start_up_fails_loudly_without_a_secret_key():
    result = manage("check", env_overrides={**PRODUCTION, "SECRET_KEY": ""}, drop=["SECRET_KEY"])
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_start_up_fails_loudly_without_allowed_hosts():
    result = manage(
        "check", env_overrides={**PRODUCTION, "ALLOWED_HOSTS": ""}, drop=["ALLOWED_HOSTS"]
    )
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def settings_under(env_overrides, drop=()):
    """portal/settings.py's values under another environment, read in this process.

    The settings file only reads the environment, so running it again is what a
    fresh process would see, without starting one (about a second each)."""
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(env_overrides)
    with mock.patch.dict(os.environ, env, clear=True):
        return runpy.run_path(str(ROOT / "portal" / "settings.py"))


def test_production_cookies_are_secure_and_http_only():
    values = settings_under(PRODUCTION, drop=["REDIS_URL"])
    assert values["DEBUG"] is False
    for name in (
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
    ):
        assert values[name] is True, name
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    # Only trusted when asked for: a directly reachable server must not believe it.
    assert values.get("SECURE_PROXY_SSL_HEADER") is None
    behind_proxy = settings_under({**PRODUCTION, "TRUST_X_FORWARDED_PROTO": "1"})
    assert tuple(behind_proxy["SECURE_PROXY_SSL_HEADER"]) == ("HTTP_X_FORWARDED_PROTO", "https")


def test_redis_url_selects_djangos_redis_cache_with_one_client_per_pool():
    with_redis = settings_under({"REDIS_URL": "redis://127.0.0.1:6379/9"})
    assert with_redis["CACHES"]["default"]["BACKEND"] == "portal.redis_cache.RedisCache"
    without = settings_under({}, drop=["REDIS_URL"])
    assert without["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_an_empty_database_url_falls_back_to_the_local_sqlite_file():
    values = settings_under({"DATABASE_URL": ""})
    assert values["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
