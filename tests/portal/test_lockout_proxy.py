"""The sign-in lockout tells clients apart behind the proxy; forged headers do not dodge it."""

import datetime

import pytest
from django.urls import reverse

from tests.helpers import text_of

PASSWORD = "correct horse battery staple"
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    settings.TRUSTED_PROXY_IPS = frozenset({PROXY, "::1"})


@pytest.fixture
def tanaka(staff_user):
    return staff_user("editor", username="tanaka")


def sign_in(client, password, **meta):
    return client.post(
        reverse("admin:login"),
        {"username": "tanaka", "password": password, "next": reverse("admin:index")},
        **meta,
    )


def test_behind_the_proxy_a_stranger_cannot_lock_tanaka_out_for_everyone(client, tanaka):
    stranger = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _ in range(3):
        response = sign_in(client, "wrong", **stranger)
    assert response.status_code == 429
    office = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert sign_in(client, PASSWORD, **office).status_code == 302


def test_behind_the_proxy_the_stranger_stays_locked_out(client, tanaka):
    stranger = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.5"}
    for _ in range(3):
        sign_in(client, "wrong", **stranger)
    assert sign_in(client, PASSWORD, **stranger).status_code == 429


def test_addresses_a_client_writes_left_of_the_proxys_entry_are_ignored(client, tanaka):
    # nginx appends the address it saw; whatever the client sent comes first.
    for forged in ["10.0.0.1", "10.0.0.2", "10.0.0.3"]:
        meta = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{forged}, 203.0.113.5"}
        response = sign_in(client, "wrong", **meta)
    assert response.status_code == 429


def test_a_client_reaching_the_portal_directly_cannot_dodge_the_lock_by_forging_the_header(
    client, tanaka
):
    for forged in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"]:
        meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": forged}
        response = sign_in(client, "wrong", **meta)
    assert response.status_code == 429
    meta = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert sign_in(client, PASSWORD, **meta).status_code == 429


def test_a_malformed_forwarded_header_counts_as_the_proxys_address(client, tanaka):
    from django.test import RequestFactory

    from portal.lockout import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="x, <script>")
    assert client_ip(request) == PROXY


def test_the_lockout_page_says_when_to_come_back_and_nothing_about_permissions(client, tanaka):
    for _ in range(3):
        response = sign_in(client, "wrong")
    assert response.status_code == 429
    assert response["Retry-After"] == str(15 * 60)
    page = text_of(response)
    assert "15分後にもう一度お試しください" in page
    assert "権限がありません" not in page
    assert "permission" not in page
