import pytest
from django.core.management import call_command

FIXTURE = "fixtures/registry.json"


@pytest.fixture
def registry(db):
    """The registry as the source document describes it."""
    call_command("loaddata", FIXTURE, verbosity=0)
