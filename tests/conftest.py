import pytest
from django.core.management import call_command

FIXTURE = "fixtures/registry.json"


@pytest.fixture
def registry(db):
    """The registry as the source document describes it."""
    call_command("loaddata", FIXTURE, verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a page cached by one test must not
    leak into the next, whose database holds different data."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
