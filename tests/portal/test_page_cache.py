"""Anonymous pages come from the cache; any registry write shows on the next request.

These tests run portal.cache's own after-commit invalidation (not the stand-in of
tests/conftest.py), on the in-memory cache and on Redis (TEST_REDIS_URL).
"""

import datetime
import gzip
import logging
import random
import time
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person
from portal.cache import (
    MAX_CACHED_PATH_LENGTH,
    VERSION_KEY,
    AnonymousPageCacheMiddleware,
    LocalPages,
    invalidate_pages,
)
from tests.helpers import TEST_REDIS_URL, redis_answers, redis_key_prefix

pytestmark = pytest.mark.usefixtures("real_invalidation")


@pytest.fixture(autouse=True, params=["locmem", "redis"])
def page_cache(request, settings):
    """Each test runs on the in-memory cache and on Redis, the production cache."""
    if request.param == "redis":
        if not redis_answers():
            pytest.skip(f"Redis does not answer at {TEST_REDIS_URL} (TEST_REDIS_URL)")
        request.getfixturevalue("redis_keys_removed_at_the_end")
        settings.CACHES = {
            "default": {
                "BACKEND": "portal.redis_cache.RedisCache",
                "LOCATION": TEST_REDIS_URL,
                "KEY_PREFIX": redis_key_prefix("page-cache-tests"),
            }
        }
    # Whatever an earlier test stored under the current version is stale from here on.
    invalidate_pages()
    yield request.param
    invalidate_pages()


@pytest.fixture
def council(registry):
    return Council.objects.get(slug="okayama")


def test_the_second_anonymous_request_is_served_without_a_query(
    client, council, django_assert_num_queries
):
    first = client.get("/councils/okayama/")
    assert first["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/councils/okayama/")
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_japanese_and_english_pages_are_cached_apart(client, council):
    japanese = client.get("/councils/okayama/")
    english = client.get("/en/councils/okayama/")
    assert japanese.content != english.content
    assert client.get("/en/councils/okayama/").content == english.content
    assert client.get("/councils/okayama/").content == japanese.content


def test_a_save_shows_on_the_next_request(client, council, django_capture_on_commit_callbacks):
    client.get("/councils/okayama/")
    with django_capture_on_commit_callbacks(execute=True):
        council.name = "おかやま半導体関連コンソーシアム（改）"
        council.save()
    response = client.get("/councils/okayama/")
    assert response["X-Cache"] == "miss"
    assert "おかやま半導体関連コンソーシアム（改）" in response.content.decode()


def test_an_edit_elsewhere_in_the_registry_invalidates_every_page(
    client, council, django_capture_on_commit_callbacks
):
    # An organisation's name appears on council pages, lists and exports alike.
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        Organisation.objects.get(name="岡山県産業振興財団").save()
    assert client.get("/")["X-Cache"] == "miss"


def test_a_delete_invalidates(client, council, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        council.pillars.all().first().delete()
    assert client.get("/")["X-Cache"] == "miss"


def test_an_import_invalidates(client, registry, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_registry", verbosity=0)
    assert client.get("/")["X-Cache"] == "miss"


def test_a_write_that_is_rolled_back_leaves_the_cache_alone(client, council):
    # Without a commit (the test's transaction never commits), nothing is invalidated.
    client.get("/")
    council.save()
    assert client.get("/")["X-Cache"] == "hit"


def test_a_write_invalidates_only_once_it_commits(
    client, council, django_capture_on_commit_callbacks
):
    # A page built between the write and its commit must not be kept as current.
    client.get("/councils/okayama/")
    with django_capture_on_commit_callbacks() as callbacks:
        council.name = "おかやま半導体関連コンソーシアム（改）"
        council.save()
        assert client.get("/")["X-Cache"] == "miss"  # a page built before the commit
        before_commit = client.get("/councils/okayama/")
    assert before_commit["X-Cache"] == "hit"
    assert callbacks, "the write scheduled nothing for its commit"
    for callback in callbacks:
        callback()
    after_commit = client.get("/councils/okayama/")
    assert after_commit["X-Cache"] == "miss"
    assert "おかやま半導体関連コンソーシアム（改）" in after_commit.content.decode()


@pytest.mark.parametrize(
    ("model", "lookup", "page"),
    [
        (Council, {"slug": "okayama"}, "/councils/"),
        (Organisation, {"name": "岡山県産業振興財団"}, "/organisations/"),
        (Person, {"name": "寺本 章伸"}, "/people/{pk}/"),
        (Event, {"name": "第3回ひがしひろしま半導体フォーラム"}, "/events/"),
        (Agreement, {}, "/agreements/"),
        (Programme, {"name": "おかやまグリーン成長支援事業"}, "/programmes/"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_an_edit_to_any_kind_of_record_shows_on_its_list_at_once(
    client, registry, django_capture_on_commit_callbacks, model, lookup, page
):
    record = model.objects.filter(**lookup).order_by("pk").first()
    path = page.format(pk=record.pk)
    assert client.get(path)["X-Cache"] == "miss"
    assert client.get(path)["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        record.name = record.name + "（改称）"
        record.save()
    response = client.get(path)
    assert response["X-Cache"] == "miss"
    assert record.name in response.content.decode()


def test_an_evicted_version_never_revives_a_stale_page(
    client, council, django_capture_on_commit_callbacks
):
    cache.delete(VERSION_KEY)
    assert "おかやま半導体関連コンソーシアム" in client.get("/councils/okayama/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        council.name = "おかやま半導体関連コンソーシアム（改）"
        council.save()
    cache.delete(VERSION_KEY)  # evicted again, after the write
    page = client.get("/councils/okayama/")
    assert page["X-Cache"] == "miss"
    assert "おかやま半導体関連コンソーシアム（改）" in page.content.decode()


def test_an_edit_is_saved_even_while_the_cache_is_down(
    council, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["default"], "incr", broken)
    monkeypatch.setattr(caches["default"], "set", broken)
    with (
        caplog.at_level(logging.ERROR, logger="portal.cache"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        council.name = "おかやま半導体関連コンソーシアム（改）"
        council.save()
    assert Council.objects.get(slug="okayama").name == "おかやま半導体関連コンソーシアム（改）"
    assert "Could not invalidate the page cache" in caplog.text


def test_staff_are_never_served_from_the_cache(admin_client, client, council):
    client.get("/councils/okayama/")
    response = admin_client.get("/councils/okayama/")
    assert "X-Cache" not in response


def test_a_visitor_with_a_pending_message_is_not_served_from_the_cache(client, council):
    client.get("/councils/okayama/")
    client.cookies["messages"] = "pending"
    assert "X-Cache" not in client.get("/councils/okayama/")


def test_post_requests_are_never_served_from_the_cache(client, council):
    client.get("/councils/okayama/")
    response = client.post("/councils/okayama/")
    assert "X-Cache" not in response


def test_error_pages_are_not_cached(client, registry):
    client.get("/councils/no-such-council/")
    assert "X-Cache" not in client.get("/councils/no-such-council/")


def test_the_health_check_is_never_cached(client, db):
    client.get("/healthz")
    assert "X-Cache" not in client.get("/healthz")


def test_pages_are_built_when_the_cache_is_down(client, council, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["default"], "get_many", broken)
    monkeypatch.setattr(caches["default"], "set", broken)
    response = client.get("/councils/okayama/")
    assert response.status_code == 200
    assert "おかやま" in response.content.decode()


def test_an_edit_counts_even_when_the_version_was_evicted(
    client, council, django_capture_on_commit_callbacks
):
    client.get("/")
    cache.delete(VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        council.save()
    assert client.get("/")["X-Cache"] == "miss"


@pytest.mark.django_db
def test_an_admin_edit_shows_on_the_next_anonymous_request(
    admin_client, client, council, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    if Council not in admin.site._registry:
        pytest.skip("the admin for councils is not installed on this branch")
    client.get("/councils/okayama/")
    change_url = f"/admin/councils/council/{council.pk}/change/"  # the record's own pk
    form = admin_client.get(change_url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data["name"] = "おかやま半導体関連コンソーシアム（管理画面で編集）"
    # Inline formsets: submit them unchanged.
    page = admin_client.get(change_url)
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for field in management:
            data[management.add_prefix(field.name)] = field.value()
        for inline_form in formset.formset.forms:
            for field in inline_form:
                value = field.value()
                if value is not None:
                    data[inline_form.add_prefix(field.name)] = value
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get("/councils/okayama/")
    assert "おかやま半導体関連コンソーシアム（管理画面で編集）" in page.content.decode()


# The middleware on its own, with views written for each case.


def anonymous_get(path="/page/", **headers):
    request = RequestFactory().get(path, headers=headers)
    request.LANGUAGE_CODE = "ja"
    return request


def serve(view, request=None):
    return AnonymousPageCacheMiddleware(view)(request or anonymous_get())


def test_a_page_built_while_a_write_commits_is_not_kept_as_current(db):
    def built_across_a_commit(request):
        invalidate_pages()  # a write commits while this page is being built
        return HttpResponse("old")

    assert serve(built_across_a_commit).content == b"old"
    second = serve(lambda request: HttpResponse("new"))
    assert second.content == b"new"
    assert second["X-Cache"] == "miss"


def test_an_ordinary_page_is_stored_and_served_again(db):
    assert serve(lambda request: HttpResponse("first", headers={"Vary": "Accept-Language"}))
    again = serve(lambda request: HttpResponse("second"))
    assert (again.content, again["X-Cache"]) == (b"first", "hit")
    assert again["Vary"] == "Accept-Language"


@pytest.mark.parametrize(
    "headers",
    [
        {"Vary": "Cookie"},
        {"Vary": "Accept-Language, Cookie"},
        {"Vary": "Cookie, Accept-Language"},
        {"Vary": "*"},
        {"Cache-Control": "private"},
        {"Cache-Control": "max-age=0, no-store"},
        {"Cache-Control": "no-cache"},
    ],
)
def test_a_personal_or_uncacheable_response_is_never_shared(db, headers):
    serve(lambda request: HttpResponse("for one visitor", headers=headers))
    second = serve(lambda request: HttpResponse("for the next visitor"))
    assert second.content == b"for the next visitor"


def test_a_response_that_sets_a_cookie_is_never_shared(db):
    def with_cookie(request):
        response = HttpResponse("yours")
        response.set_cookie("choice", "1")
        return response

    serve(with_cookie)
    assert serve(lambda request: HttpResponse("theirs")).content == b"theirs"


@pytest.mark.parametrize(
    "response",
    [
        lambda: HttpResponse("gone", status=404),
        lambda: HttpResponse("moved", status=302),
        lambda: StreamingHttpResponse(iter([b"streamed"])),
    ],
    ids=["404", "302", "streaming"],
)
def test_errors_redirects_and_streams_are_not_stored(db, response):
    serve(lambda request: response())
    assert serve(lambda request: HttpResponse("fresh")).content == b"fresh"


@pytest.mark.parametrize(
    ("length", "cached"), [(MAX_CACHED_PATH_LENGTH, True), (MAX_CACHED_PATH_LENGTH + 1, False)]
)
def test_only_urls_up_to_the_length_limit_are_cached(db, length, cached):
    path = "/p/?q=" + "x" * (length - len("/p/?q="))
    assert len(path) == length
    serve(lambda request: HttpResponse("first"), anonymous_get(path))
    again = serve(lambda request: HttpResponse("second"), anonymous_get(path))
    assert (again.content == b"first") is cached


def test_admin_pages_are_never_cached(db, settings):
    path = "/" + settings.ADMIN_URL + "login/"
    serve(lambda request: HttpResponse("first"), anonymous_get(path))
    assert serve(lambda request: HttpResponse("second"), anonymous_get(path)).content == b"second"


def test_a_cached_page_keeps_its_status_and_headers(db):
    serve(lambda request: HttpResponse("x", content_type="text/csv", headers={"X-Extra": "1"}))
    again = serve(lambda request: HttpResponse("y"))
    assert again.status_code == 200
    assert again["Content-Type"] == "text/csv"
    assert again["X-Extra"] == "1"


def test_an_edit_is_dated_after_the_page_version_it_replaces(db):
    # The first version is a fresh number, never a small one an evicted cache could repeat.
    cache.delete(VERSION_KEY)
    serve(lambda request: HttpResponse("x"))
    version = cache.get(VERSION_KEY)
    assert version > datetime.datetime(2020, 1, 1).timestamp() * 1e9


PAGE = "<p>岡山県の半導体関連企業</p>\n" * 40


@pytest.mark.parametrize("first", ["gzip", "plain"])
def test_a_browser_that_accepts_gzip_gets_the_page_compressed_hit_or_miss(db, first):
    def accepting(encoding):
        return anonymous_get(**({"accept-encoding": "gzip, deflate, br"} if encoding else {}))

    built = serve(lambda request: HttpResponse(PAGE), accepting(first == "gzip"))
    again = serve(lambda request: HttpResponse("rebuilt"), accepting(True))
    plain = serve(lambda request: HttpResponse("rebuilt"), accepting(False))

    if first == "gzip":
        assert built["Content-Encoding"] == "gzip"
        assert gzip.decompress(built.content).decode() == PAGE
    else:
        assert (built.content.decode(), built.has_header("Content-Encoding")) == (PAGE, False)
    assert again["X-Cache"] == "hit"
    assert again["Content-Encoding"] == "gzip"
    assert [name.strip() for name in again["Vary"].split(",")] == ["Accept-Encoding"]
    assert int(again["Content-Length"]) == len(again.content) < len(PAGE.encode()) / 5
    assert gzip.decompress(again.content).decode() == PAGE
    # A client that does not ask for gzip gets the same page as it is.
    assert (plain["X-Cache"], plain.content.decode()) == ("hit", PAGE)
    assert not plain.has_header("Content-Encoding")


# Django's GZipMiddleware sends as they are a body under 200 bytes, and one that
# compression would not make shorter (such as an image's bytes).
@pytest.mark.parametrize(
    "body",
    ["あ".encode() * 66, random.Random(1).randbytes(300)],
    ids=["under-200-bytes", "not-made-shorter"],
)
def test_a_page_that_gains_nothing_from_gzip_is_sent_as_it_is(db, body):
    serve(lambda request: HttpResponse(body))
    again = serve(lambda request: HttpResponse("x"), anonymous_get(**{"accept-encoding": "gzip"}))
    assert (again["X-Cache"], again.content) == ("hit", body)
    assert not again.has_header("Content-Encoding")


def test_a_body_the_view_encoded_itself_is_never_compressed_again(db):
    # Stored without compression, so that compressing it again would make it shorter.
    encoded = gzip.compress(PAGE.encode(), compresslevel=0, mtime=0)

    def already_encoded(request):
        return HttpResponse(encoded, headers={"Content-Encoding": "gzip"})

    serve(already_encoded)
    again = serve(lambda request: HttpResponse("x"), anonymous_get(**{"accept-encoding": "gzip"}))
    assert (again["X-Cache"], again["Content-Encoding"]) == ("hit", "gzip")
    assert gzip.decompress(again.content).decode() == PAGE


# This process's own copy of the pages (portal.cache.LocalPages) -------------------------


def forbid_reading_pages_from_the_shared_cache(monkeypatch):
    """From here on, a page read from the shared cache fails the test (the version alone
    is read with `get`)."""

    def no_transfer(*args, **kwargs):
        raise AssertionError("the page came from the shared cache again")

    monkeypatch.setattr(caches["default"], "get_many", no_transfer)


def test_a_page_this_process_holds_is_served_reading_only_the_version(db, monkeypatch):
    serve(lambda request: HttpResponse(PAGE))
    forbid_reading_pages_from_the_shared_cache(monkeypatch)
    again = serve(lambda request: HttpResponse("rebuilt"))
    assert (again["X-Cache"], again.content.decode()) == ("hit", PAGE)


def test_a_page_another_process_stored_is_kept_here_from_its_first_hit(db, monkeypatch):
    serve(lambda request: HttpResponse(PAGE))
    # This process starts anew; the page is in the shared cache only.
    monkeypatch.setattr("portal.cache.local_pages", LocalPages())
    assert serve(lambda request: HttpResponse("rebuilt"))["X-Cache"] == "hit"
    forbid_reading_pages_from_the_shared_cache(monkeypatch)
    again = serve(lambda request: HttpResponse("rebuilt"))
    assert (again["X-Cache"], again.content.decode()) == ("hit", PAGE)


def test_an_edit_in_another_process_shows_though_this_one_holds_the_page(db):
    serve(lambda request: HttpResponse("old"))
    assert serve(lambda request: HttpResponse("x"))["X-Cache"] == "hit"
    # What another process's edit does: it moves the version, and cannot reach this memory.
    cache.incr(VERSION_KEY)
    page = serve(lambda request: HttpResponse("new"))
    assert (page["X-Cache"], page.content) == ("miss", b"new")


def test_a_page_is_served_for_page_cache_seconds_here_and_from_the_shared_copy(
    db, page_cache, settings, monkeypatch
):
    if page_cache == "redis":
        pytest.skip("Redis expires its copy by its own clock, which the test cannot move")
    settings.PAGE_CACHE_SECONDS = 60
    stored = 1_000_000.0
    with mock.patch("time.time", return_value=stored):
        serve(lambda request: HttpResponse("old"))
    with mock.patch("time.time", return_value=stored + 59):
        assert serve(lambda request: HttpResponse("new")).content == b"old"
        # Another process, which has not served the page yet, reads the shared copy.
        monkeypatch.setattr("portal.cache.local_pages", LocalPages())
        assert serve(lambda request: HttpResponse("new")).content == b"old"
    # At the 60th second both copies have expired, as Django's own cache expires a key.
    with mock.patch("time.time", return_value=stored + 60):
        page = serve(lambda request: HttpResponse("new"))
    assert (page["X-Cache"], page.content) == ("miss", b"new")


def page_entry(size, gzipped=0):
    return {"stored": time.time(), "content": b"x" * size, "gzipped": b"z" * gzipped or None}


def test_this_process_keeps_at_most_its_share_of_pages_dropping_the_least_recent(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 100
    pages = LocalPages()
    pages.put("a", page_entry(40))
    pages.put("b", page_entry(40))
    assert pages.get("a")  # "a" is now the more recent
    pages.put("c", page_entry(40))
    assert pages.get("b") is None
    assert pages.get("a") and pages.get("c")
    pages.put("huge", page_entry(101))
    assert pages.get("huge") is None
    assert pages.get("a") and pages.get("c"), "a page too big to keep drops no other"


def test_pages_that_fill_this_process_s_share_exactly_are_all_kept(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 100
    pages = LocalPages()
    pages.put("a", page_entry(50))
    pages.put("b", page_entry(50))
    assert pages.get("a") and pages.get("b")
    pages.put("whole", page_entry(100))
    assert pages.get("whole")


def test_a_page_s_compressed_copy_counts_towards_the_share(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 100
    pages = LocalPages()
    pages.put("a", page_entry(40, gzipped=40))
    pages.put("b", page_entry(40))
    assert pages.get("a") is None
    assert pages.get("b")


def test_a_page_stored_again_replaces_its_copy_and_counts_once(settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 100
    pages = LocalPages()
    first, again = page_entry(60), page_entry(60)
    pages.put("a", first)
    pages.put("a", again)
    assert pages.get("a") is again
    pages.put("b", page_entry(40))
    assert pages.get("a") and pages.get("b")


def test_a_stale_page_is_let_go(settings):
    pages = LocalPages()
    pages.put("a", page_entry(10))
    pages.discard("a")
    pages.discard("never-stored")
    assert pages.get("a") is None
