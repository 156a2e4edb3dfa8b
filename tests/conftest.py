import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

FIXTURE = "fixtures/registry.json"


@pytest.fixture
def registry(db):
    """The registry as the source document describes it."""
    call_command("loaddata", FIXTURE, verbosity=0)


@pytest.fixture(autouse=True)
def japanese_by_default():
    """Each test starts in Japanese: a request to an English page leaves English active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield
