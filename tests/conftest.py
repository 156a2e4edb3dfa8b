import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

FIXTURE = "fixtures/registry.json"


@pytest.fixture
def registry(db):
    """The registry as the source document describes it, loaded the way `make run` loads it."""
    call_command("load_registry", verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_page_cache(monkeypatch):
    """Each test starts with no cached page: a page cached by one test must not
    leak into the next, whose database holds different data.

    A test runs in one transaction that never commits, so a registry write
    invalidates the page cache at once, as its commit would in production.
    (tests/portal/test_page_cache.py checks the real, after-commit timing.)"""
    from django.core.cache import cache
    from django.core.cache.backends.locmem import LocMemCache

    from portal import cache as page_cache
    from portal.cache import invalidate_pages

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
