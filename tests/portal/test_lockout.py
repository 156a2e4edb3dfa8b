"""Guessing admin passwords is slowed to a crawl; the right person gets back in later."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


@pytest.fixture
def editor(staff_user):
    return staff_user("editor", username="tanaka")


def sign_in(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "tanaka", "password": password, "next": reverse("admin:index")},
    )


def fail(client, times):
    for _ in range(times):
        response = sign_in(client, "wrong")
    return response


def let_the_cool_off_pass(minutes=16):
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= datetime.timedelta(minutes=minutes)
        attempt.save()


def test_failed_sign_ins_below_the_limit_still_let_the_right_password_in(client, limits, editor):
    assert fail(client, 2).status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_after_the_limit_even_the_right_password_is_locked_out(client, limits, editor):
    response = fail(client, 3)
    assert response.status_code == 429
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "ログインを一時停止しています" in page
    assert "ログインに3回続けて失敗したため" in page
    assert "15分後にもう一度お試しください" in page
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in


def test_the_lock_lifts_when_the_cool_off_has_passed(client, limits, editor):
    fail(client, 3)
    let_the_cool_off_pass(minutes=14)
    assert sign_in(client, PASSWORD).status_code == 429
    # That attempt started the wait again.
    let_the_cool_off_pass(minutes=14)
    assert sign_in(client, PASSWORD).status_code == 429
    let_the_cool_off_pass(minutes=16)
    assert sign_in(client, PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_successful_sign_in_resets_the_count(client, limits, editor):
    fail(client, 2)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    assert fail(client, 2).status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_an_administrator_can_lift_a_lock(client, limits, editor):
    fail(client, 3)
    call_command("axes_reset_username", "tanaka", verbosity=0)
    assert sign_in(client, PASSWORD).status_code == 302


def test_a_lock_on_one_user_name_leaves_colleagues_alone(client, limits, editor, staff_user):
    staff_user("viewer", username="suzuki")
    fail(client, 3)
    response = client.post(reverse("admin:login"), {"username": "suzuki", "password": PASSWORD})
    assert response.status_code == 302
