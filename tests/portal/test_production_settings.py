"""The production environment passes Django's deployment checks; a missing
secret or host list stops the start-up."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "registry.example.org",
    "SITE_CONTACT_EMAIL": "registry@registry.example.org",
    "SITE_URL": "https://registry.example.org",
}


def run_python(code, env_overrides, drop=()):
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )


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


def test_production_cookies_are_secure_and_http_only():
    code = (
        "import json, django; from django.conf import settings; django.setup();"
        "print(json.dumps({name: getattr(settings, name, None) for name in ["
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_SECURE',"
        "'CSRF_COOKIE_HTTPONLY', 'LANGUAGE_COOKIE_SECURE', 'SECURE_SSL_REDIRECT',"
        "'SECURE_HSTS_SECONDS', 'SECURE_PROXY_SSL_HEADER', 'DEBUG']}))"
    )
    result = run_python(
        code, {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "portal.settings"}, drop=["REDIS_URL"]
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
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
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    behind_proxy = run_python(
        code,
        {**PRODUCTION, "DJANGO_SETTINGS_MODULE": "portal.settings", "TRUST_X_FORWARDED_PROTO": "1"},
    )
    assert json.loads(behind_proxy.stdout)["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO",
        "https",
    ]


def test_redis_url_selects_djangos_redis_cache():
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.CACHES['default']['BACKEND'])"
    )
    with_redis = run_python(
        code,
        {"DJANGO_SETTINGS_MODULE": "portal.settings", "REDIS_URL": "redis://127.0.0.1:6379/9"},
    )
    assert with_redis.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
    without = run_python(code, {"DJANGO_SETTINGS_MODULE": "portal.settings"}, drop=["REDIS_URL"])
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_an_empty_database_url_falls_back_to_the_local_sqlite_file():
    code = (
        "import django; from django.conf import settings; django.setup();"
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    result = run_python(code, env_overrides={"DATABASE_URL": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"
