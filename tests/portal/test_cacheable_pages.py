"""Public pages hold nothing personal, so one cached copy serves every visitor."""

from django.conf import settings
from django.test import Client

from .urls import public_paths


def test_every_public_page_is_served_from_the_cache_the_second_time(client, registry):
    cached = []
    for path in public_paths():
        first = client.get(path)
        if first.status_code != 200 or first.streaming:
            # Streamed exports (CSV) are written as they are read, never stored.
            continue
        second = client.get(path)
        assert second["X-Cache"] == "hit", path
        assert second.content == first.content, path
        cached.append(path)
    assert "/" in cached and "/en/organisations/" in cached


def test_a_public_page_sets_no_cookie_and_holds_no_csrf_token(client, registry):
    for path in ("/", "/en/events/", "/councils/okayama/"):
        response = client.get(path)
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", ""), path
        assert "csrfmiddlewaretoken" not in response.content.decode(), path


def test_the_language_switch_works_without_a_csrf_token(registry):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/i18n/setlang/", {"language": "en", "next": "/councils/okayama/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/councils/okayama/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_language_switch_never_redirects_off_the_site(registry):
    response = Client().post(
        "/i18n/setlang/", {"language": "en", "next": "https://attacker.example/"}
    )
    assert response.status_code == 302
    assert "attacker.example" not in response["Location"]
