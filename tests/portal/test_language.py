import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("next_url", "language", "expected"),
    [
        ("/councils/okayama/", "en", "/en/councils/okayama/"),
        ("/en/councils/okayama/", "ja", "/councils/okayama/"),
        ("/en/", "ja", "/"),
        ("/", "en", "/en/"),
        ("/en/councils/okayama/", "en", "/en/councils/okayama/"),
    ],
)
def test_language_switch_leads_to_the_same_page_in_the_chosen_language(
    client, next_url, language, expected
):
    response = client.post("/i18n/setlang/", {"next": next_url, "language": language})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies["django_language"].value == language


def test_language_switch_keeps_the_query_string(client):
    response = client.post(
        "/i18n/setlang/", {"next": "/en/councils/okayama/?tab=1", "language": "ja"}
    )
    assert response["Location"] == "/councils/okayama/?tab=1"


def test_language_switch_refuses_to_leave_the_site(client):
    response = client.post("/i18n/setlang/", {"next": "https://example.com/en/", "language": "ja"})
    assert response["Location"] == "/"


def test_language_switch_ignores_an_unknown_language(client):
    response = client.post("/i18n/setlang/", {"next": "/en/", "language": "xx"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "django_language" not in response.cookies
