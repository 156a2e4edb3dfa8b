"""The home and council pages render their content once; a write shows on the next request.

These requests carry a parameter no page reads, so the page cache never serves
them (as for a visitor with a tracking parameter, or staff): only the content
cache can spare the queries. The real after-commit invalidation runs, on the
in-memory cache, on Redis (TEST_REDIS_URL) and on a Redis that does not answer.
"""

import pytest
from django.core.cache import cache

import portal.cache
from councils.models import Council
from portal.cache import invalidate_pages
from tests.helpers import TEST_REDIS_URL, redis_answers, redis_key_prefix

pytestmark = pytest.mark.usefixtures("real_invalidation")


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "portal.redis_cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": redis_key_prefix("content-cache-tests"),
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


def test_the_redis_cache_builds_one_client_and_shares_it_between_threads(settings):
    """Django's backend built a Redis client per call, which cost more than the round trip."""
    from concurrent.futures import ThreadPoolExecutor

    from django.core.cache import caches

    if not redis_answers():
        pytest.skip(f"Redis does not answer at {TEST_REDIS_URL} (TEST_REDIS_URL)")
    settings.CACHES = redis_cache(TEST_REDIS_URL)
    cache = caches["default"]
    cache.set("shared-client", "値")
    with ThreadPoolExecutor(4) as pool:
        found = list(pool.map(lambda _: cache.get("shared-client"), range(20)))
    assert found == ["値"] * 20
    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    cache.delete("shared-client")


@pytest.fixture(params=["locmem", "redis"])
def content_cache(request, settings):
    if request.param == "redis":
        if not redis_answers():
            pytest.skip(f"Redis does not answer at {TEST_REDIS_URL} (TEST_REDIS_URL)")
        request.getfixturevalue("redis_keys_removed_at_the_end")
        settings.CACHES = redis_cache(TEST_REDIS_URL)
    invalidate_pages()
    yield request.param
    invalidate_pages()


@pytest.fixture
def council(registry):
    return Council.objects.get(slug="okayama")


# A page's own lookup: the council named in the URL (so that an unknown one is a 404).
HIT_QUERIES = {"/?utm_source=test": 0, "/councils/okayama/?utm_source=test": 1}


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize(("path", "queries"), HIT_QUERIES.items(), ids=list(HIT_QUERIES))
def test_a_second_uncached_request_reuses_the_content(
    client, council, content_cache, django_assert_num_queries, language, path, queries
):
    first = client.get(language + path)
    assert "X-Cache" not in first
    with django_assert_num_queries(queries):
        second = client.get(language + path)
    assert second.content == first.content
    # The sources at the foot come from the cache too.
    assert ("出典" if not language else "Sources") in second.content.decode()


def test_languages_and_councils_are_cached_apart(client, council, content_cache):
    japanese = client.get("/councils/okayama/?utm_source=test").content.decode()
    english = client.get("/en/councils/okayama/?utm_source=test").content.decode()
    other = client.get("/councils/setouchi/?utm_source=test").content.decode()
    assert "プロフィール" not in english and "Profile" in english
    assert council.name in japanese and council.name not in other


@pytest.mark.parametrize("path", ["/?utm_source=test", "/councils/okayama/?utm_source=test"])
def test_a_saved_edit_shows_on_the_next_request(
    client, council, content_cache, django_capture_on_commit_callbacks, path
):
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        council.purpose = "改訂された目的の文"
        council.save()
    assert "改訂された目的の文" in client.get(path).content.decode()


def test_an_unsaved_edit_does_not_invalidate_before_its_commit(client, council, content_cache):
    # The invalidation waits for the commit, so content built meanwhile is not kept
    # under the new version (portal.cache.invalidate_after_commit).
    client.get("/councils/okayama/?utm_source=test")
    version = cache.get("page-cache:version")
    council.purpose = "まだ確定していない目的"
    council.save()
    assert cache.get("page-cache:version") == version


@pytest.mark.parametrize("path", ["/", "/councils/okayama/", "/en/?utm_source=test"])
def test_pages_render_while_redis_is_down(client, council, settings, caplog, path):
    # Nothing listens on this port: every cache call fails after its timeout.
    settings.CACHES = redis_cache("redis://127.0.0.1:9/0")
    response = client.get(path)
    assert response.status_code == 200
    assert "Content cache unavailable" in caplog.text
    assert ("Sources" if path.startswith("/en/") else "出典") in response.content.decode()


def test_an_unknown_council_is_still_not_found(client, registry, content_cache):
    assert client.get("/councils/no-such-council/?utm_source=test").status_code == 404


# Lists: everything below the heading is cached under the parameters that choose the
# rows, the count and the pagination included; only the page frame carries the rest.
LIST = "/organisations/?sector=industry"


@pytest.mark.parametrize("language", ["", "/en"])
def test_a_second_request_for_a_list_makes_no_query(
    client, registry, content_cache, django_assert_num_queries, language
):
    first = client.get(language + LIST + "&utm_source=a")
    with django_assert_num_queries(0):
        second = client.get(language + LIST + "&utm_source=b")
    assert second.content.replace(b"utm_source=b", b"utm_source=a") == first.content
    assert "件" in second.content.decode() if not language else "results" in second.content.decode()


def test_the_links_of_a_cached_list_carry_only_its_filters(client, registry, content_cache):
    # The first visitor's other parameters must not reach the next visitor's links: the
    # 「ほかに…未記載…」 note, the pagination and the exports.
    path = "/organisations/?prefecture=hiroshima"
    client.get(path + "&utm_source=first")
    page = client.get(path + "&utm_source=second").content.decode()
    assert "ほかに県が未記載" in page
    assert 'href="?prefecture=none"' in page
    assert 'href="/organisations/export.csv?prefecture=hiroshima"' in page
    assert "utm_source=first" not in page


def test_a_page_of_a_cached_list_links_to_its_neighbours(client, db, content_cache):
    from tests import factories

    for _ in range(60):
        factories.organisation(prefecture="okayama")
    path = "/organisations/?prefecture=okayama&page=2"
    client.get(path + "&utm_source=first")
    page = client.get(path + "&utm_source=second").content.decode()
    assert 'href="?prefecture=okayama&amp;page=1" rel="prev"' in page
    assert "utm_source" not in page.split("<main", 1)[1]


def test_lists_with_other_filters_or_pages_are_cached_apart(client, registry, content_cache):
    industry = client.get(LIST + "&utm_source=a").content.decode()
    academia = client.get("/organisations/?sector=academia&utm_source=a").content.decode()
    assert industry != academia
    name = "広島大学"
    assert name in academia and name not in industry


def test_invalid_filters_still_say_which_value_is_wrong_from_the_cache(
    client, registry, content_cache, django_assert_num_queries
):
    first = client.get("/organisations/?sector=space&utm_source=a")
    with django_assert_num_queries(0):
        second = client.get("/organisations/?sector=space&utm_source=b")
    assert second.status_code == first.status_code == 200
    page = second.content.decode()
    assert "絞り込みの条件に正しくない値があるため、結果を表示していません。" in page
    assert 'aria-invalid="true"' in page


def test_a_saved_edit_shows_in_the_list_at_once(
    client, registry, content_cache, django_capture_on_commit_callbacks
):
    from members.models import Organisation

    client.get(LIST + "&utm_source=a")
    organisation = Organisation.objects.filter(sector="industry").order_by("name").first()
    with django_capture_on_commit_callbacks(execute=True):
        organisation.name = "改名された会社"
        organisation.save()
    assert "改名された会社" in client.get(LIST + "&utm_source=a").content.decode()


def test_a_repeated_filter_is_cached_by_the_value_that_counts(client, registry, content_cache):
    # The last value of a repeated parameter is the one the list applies.
    client.get("/organisations/?sector=industry&sector=academia")
    page = client.get("/organisations/?sector=academia&sector=industry").content.decode()
    assert "広島大学" not in page


def test_content_built_while_the_version_was_evicted_is_not_served_after_a_write(
    client, council, content_cache, django_capture_on_commit_callbacks
):
    from portal.cache import VERSION_KEY

    path = "/councils/okayama/?utm_source=test"
    cache.delete(VERSION_KEY)
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        council.purpose = "版が消えた後の目的"
        council.save()
    cache.delete(VERSION_KEY)  # evicted again, after the write
    assert "版が消えた後の目的" in client.get(path).content.decode()


def test_content_is_kept_for_the_configured_lifetime(client, registry, settings, monkeypatch):
    # PAGE_CACHE_SECONDS bounds how long content outlives a write that failed to
    # invalidate it (a cache outage during the write).
    settings.PAGE_CACHE_SECONDS = 123
    stored = {}
    real_set = cache.set

    def record(key, value, *args, **kwargs):
        stored[key] = kwargs.get("timeout", args[0] if args else "the cache's default")
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(cache, "set", record)
    client.get("/?utm_source=test")
    content = {key: timeout for key, timeout in stored.items() if key.startswith("content:")}
    assert content and set(content.values()) == {123}


@pytest.fixture
def release(settings):
    """Sets the release the running code is, as the RELEASE variable would."""

    def deploy(name):
        settings.RELEASE = name
        portal.cache.release.cache_clear()

    yield deploy
    portal.cache.release.cache_clear()


def test_a_new_release_renders_pages_anew_without_an_edit(
    client, council, content_cache, release, django_assert_num_queries
):
    # A deploy that changes a template must not go on serving the old release's
    # header, lists and pages until the next edit.
    release("one")
    client.get("/")
    client.get("/?utm_source=test")
    assert client.get("/")["X-Cache"] == "hit"
    release("two")
    assert client.get("/")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        client.get("/?utm_source=test")  # the new release's content is cached in turn


def test_the_release_is_a_fingerprint_of_the_code_when_not_named(settings):
    settings.RELEASE = ""
    portal.cache.release.cache_clear()
    fingerprint = portal.cache.release()
    portal.cache.release.cache_clear()
    assert portal.cache.release() == fingerprint and len(fingerprint) == 12
