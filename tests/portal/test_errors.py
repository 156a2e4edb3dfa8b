"""The 404 and 500 pages look like the rest of the portal."""

import pytest
from django.urls import path

import portal.urls
from tests.helpers import text_of


def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), *portal.urls.urlpatterns]


@pytest.mark.parametrize(
    ("url", "message"),
    [("/no-such-page/", "ページが見つかりません"), ("/en/no-such-page/", "Page not found")],
)
def test_unknown_address_is_a_styled_404(client, db, url, message):
    response = client.get(url)
    assert response.status_code == 404
    assert message in text_of(response)
    assert "css/portal.css" in response.content.decode()


@pytest.mark.urls("tests.portal.test_errors")
def test_a_server_error_is_a_styled_500(client, db, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert "エラーが発生しました" in text_of(response)
    assert "css/portal.css" in response.content.decode()
