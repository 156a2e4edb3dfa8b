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
def fast_password_hashing(settings):
    # The real hasher is slow on purpose; tests sign users in by the hundred.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff_user(django_user_model):
    """Make a signed-in-able staff user with one role ("editor" or "viewer")."""
    from councils.roles import give_role

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
