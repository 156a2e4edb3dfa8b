"""Absolute links come from the configured site address, and no visitor's Host header is cached."""

import pytest

PATHS = [
    "/en/organisations/export.json",
    "/organisations/export.csv",
    "/events/calendar.ics",
    "/en/councils/export.json",
]


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("path", PATHS)
def test_a_forged_host_port_never_reaches_the_next_visitor(client, registry, settings, path):
    settings.SITE_URL = ""
    forged = client.get(path, HTTP_HOST="127.0.0.1:1")
    assert forged.status_code == 200
    assert "127.0.0.1:1" in body_of(forged)  # the forger sees their own host
    honest = client.get(path, HTTP_HOST="127.0.0.1")
    assert honest.status_code == 200
    body = body_of(honest)
    assert "127.0.0.1:1" not in body
    assert "http://127.0.0.1/" in body


@pytest.mark.parametrize("path", PATHS)
def test_links_come_from_site_url_whatever_the_host_header(client, registry, settings, path):
    settings.SITE_URL = "https://registry.example.org"
    response = client.get(path, HTTP_HOST="127.0.0.1:1")
    body = body_of(response)
    assert "https://registry.example.org/" in body
    assert "127.0.0.1" not in body


def test_the_json_pages_link_to_the_canonical_site(client, registry, settings):
    settings.SITE_URL = "https://registry.example.org"
    data = client.get("/en/organisations/export.json", {"page": 1}, HTTP_HOST="localhost").json()
    links = [value for value in str(data).split("'") if value.startswith("http")]
    assert links
    assert all(link.startswith("https://registry.example.org/") for link in links)


def test_the_deployment_check_warns_without_a_site_url(settings):
    from core.site import check_site_url

    settings.SITE_URL = ""
    assert [warning.id for warning in check_site_url(None)] == ["core.W001"]
    settings.SITE_URL = "https://registry.example.org"
    assert check_site_url(None) == []
