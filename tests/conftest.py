import pytest
from django.core.management import call_command

FIXTURE = "fixtures/registry.json"


@pytest.fixture
def registry(db):
    """The registry as the source document describes it."""
    call_command("loaddata", FIXTURE, verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """Each test starts with no cached page: a page cached by one test must not
    leak into the next, whose database holds different data."""
    from django.core.cache import cache
    from django.core.cache.backends.locmem import LocMemCache

    from portal.cache import invalidate_pages

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
