"""The language switch links to the same page in the other language, and keeps
public pages free of anything personal, so that they can be cached."""


def test_the_switch_links_to_this_page_in_the_other_language(client, registry):
    html = client.get("/councils/okayama/").content.decode()
    assert 'href="/en/councils/okayama/" lang="en"' in html
    html = client.get("/en/councils/okayama/").content.decode()
    assert 'href="/councils/okayama/" lang="ja"' in html


def test_the_switch_keeps_the_filters(client, registry):
    html = client.get("/en/", QUERY_STRING="a=1&b=2").content.decode()
    assert 'href="/?a=1&amp;b=2" lang="ja"' in html


def test_a_public_page_sets_no_cookie_and_holds_no_csrf_token(client, registry):
    response = client.get("/")
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()
