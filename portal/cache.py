"""Cache public pages for anonymous visitors; any registry write invalidates them.

Every cached page is stored with the cache "version" current when it was built.
A write to any registry record (admin, import, fixtures, shell) bumps that
version once its transaction commits, so every page built before the write is
ignored from the next request on, in every process sharing the cache (Redis).

Invalidating every page rather than tracking which pages show which record is
deliberate: one organisation appears on council pages, lists, search results
and exports, and a missed dependency would show stale facts. The registry is
small and edits are rare, so rebuilding pages after an edit costs little.
"""

import functools
import hashlib
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.urls import get_resolver
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

from core.registry import REGISTRY_APPS
from core.site import site_root

logger = logging.getLogger(__name__)

VERSION_KEY = "page-cache:version"
# What a deploy can change in a rendered page: code, templates, translations and
# the static files whose hashed names pages link to.
RELEASE_FOLDERS = (
    "core",
    "councils",
    "members",
    "events",
    "portal",
    "templates",
    "static",
    "locale",
)
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".svg"}
# Longer URLs are built every time: they are not worth a cache entry and would
# let anyone fill the cache with junk.
MAX_CACHED_PATH_LENGTH = 1024
# Django's GZipMiddleware leaves shorter bodies as they are.
MIN_COMPRESSED_LENGTH = 200


def current_version():
    """The cache version, created when missing (first start, or evicted)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh, never-before-used value, so that entries stored under an
        # older version can never match again.
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate_pages():
    """Make every cached page stale. Never raises: a cache outage must not undo a write."""
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.exception("Could not invalidate the page cache; pages may be stale")


def invalidate_after_commit(using=None):
    # After the commit: a page built between the write and the commit would
    # otherwise be cached with the old data under the new version.
    transaction.on_commit(invalidate_pages, using=using)


def _registry_changed(sender, using=None, **kwargs):
    # Any registry record, its history included, appears on public pages.
    if sender._meta.app_label in REGISTRY_APPS:
        invalidate_after_commit(using=using)


def connect_invalidation_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_registry_changed, dispatch_uid=f"page-cache-{signal!r}")


@functools.cache
def release():
    """A fingerprint of the code this process serves, part of every page and content key.

    The registry's version says when the data changed; this says when the code
    did. Without it, a deploy that changes a template would go on serving the
    header, lists and pages the previous release rendered until the next edit.
    Every worker of one release computes the same value from the same files, so
    they share their cache; RELEASE in the environment names a release instead.
    """
    if settings.RELEASE:
        return settings.RELEASE
    digest = hashlib.sha256()
    for folder in RELEASE_FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in RELEASE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cache_key(request):
    # Exports and calendars hold absolute links; unless SITE_URL fixes them, they
    # come from the request's host, so a page is only ever shared with requests
    # for the same scheme, host and port.
    digest = hashlib.sha256(
        (site_root(request) + request.get_full_path()).encode("utf-8", "surrogateescape")
    )
    return f"page-cache:{release()}:{request.LANGUAGE_CODE}:{digest.hexdigest()}"


@functools.cache
def cacheable_parameters():
    """Every query parameter a public page reads: the filters of every list, `page` and `q`.

    Only requests with these parameters are cached, so junk parameters
    (`?utm_source=1`, `?x=2`, ...) cannot grow the cache: their pages are built
    every time. The URL configuration is loaded first, so that every list's
    FilterSet is known.
    """
    from core.filtering import RegistryFilterSet

    get_resolver().url_patterns  # noqa: B018 - imports every view and its FilterSet
    names = {"page", "q"}
    pending = [RegistryFilterSet]
    while pending:
        filterset = pending.pop()
        names.update(filterset.base_filters)
        pending.extend(filterset.__subclasses__())
    return frozenset(names)


def _is_cacheable_request(request):
    return (
        request.method == "GET"
        # Staff (anyone with a session) always see the database; checking the
        # cookie rather than request.user keeps anonymous requests session-free.
        # A pending flash message would be shown to everyone if cached.
        and not request.COOKIES.keys() & {settings.SESSION_COOKIE_NAME, "messages"}
        and not request.path_info.startswith("/" + settings.ADMIN_URL)
        and len(request.get_full_path()) <= MAX_CACHED_PATH_LENGTH
        and request.GET.keys() <= cacheable_parameters()
    )


def _is_cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    # A response that depends on cookies (a CSRF token, a session) is personal.
    vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
    if "cookie" in vary or "*" in vary:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class LocalPages:
    """The pages this process served last, kept in its own memory in front of the shared cache.

    A hit in the shared cache (Redis) brought the whole page and its compressed copy over
    the network and unpickled them: for a page of about 70 KB, 1.1-1.2 ms against
    0.4-0.6 ms for a 12-byte one (docs/performance.md). A page held here costs one small
    read instead, of the cache version, and is served only if it was stored under that
    version: never older than what the shared cache would serve. It expires when its
    shared copy does, and beyond PAGE_CACHE_LOCAL_BYTES the least recently served go first.
    """

    def __init__(self):
        self._entries = OrderedDict()  # key: (size in bytes, entry)
        self._size = 0
        self._lock = threading.Lock()  # gunicorn's threads share the process

    def get(self, key):
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            entry = found[1]
            if entry["stored"] + settings.PAGE_CACHE_SECONDS <= time.time():
                self._remove(key)
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = len(entry["content"]) + len(entry["gzipped"] or b"")
        limit = settings.PAGE_CACHE_LOCAL_BYTES
        with self._lock:
            if key in self._entries:
                self._remove(key)
            if size > limit:
                return
            self._entries[key] = (size, entry)
            self._size += size
            while self._size > limit:
                self._remove(next(iter(self._entries)))

    def discard(self, key):
        with self._lock:
            if key in self._entries:
                self._remove(key)

    def _remove(self, key):
        size, _ = self._entries.pop(key)
        self._size -= size


local_pages = LocalPages()


def _stored_page(key):
    """(the current cache version, the page stored under `key` or None).

    A page this process holds costs a read of the version alone; any other, one read of
    both from the shared cache."""
    entry = local_pages.get(key)
    if entry is not None:
        version = cache.get(VERSION_KEY) or current_version()
        if entry["version"] == version:
            return version, entry
        local_pages.discard(key)
    found = cache.get_many([VERSION_KEY, key])
    version = found.get(VERSION_KEY) or current_version()
    entry = found.get(key)
    if entry is not None and entry["version"] == version and "stored" in entry:
        local_pages.put(key, entry)
    return version, entry


class AnonymousPageCacheMiddleware:
    """Serve anonymous GET requests from the page cache; store what is safe to share."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)

        key = _cache_key(request)
        try:
            version, entry = _stored_page(key)
        except Exception:
            logger.warning("Page cache unavailable; building the page", exc_info=True)
            return self.get_response(request)

        if entry and entry["version"] == version:
            response = HttpResponse(entry["content"], status=entry["status"])
            for header, value in entry["headers"]:
                response.headers[header] = value
            response.headers["X-Cache"] = "hit"
            request.page_cache = "hit"
            return _compressed_if_accepted(request, response, entry)

        response = self.get_response(request)
        request.page_cache = "miss"
        if _is_cacheable_response(response):
            entry = {
                "version": version,
                "stored": time.time(),
                "status": response.status_code,
                "headers": list(response.headers.items()),
                "content": response.content,
                "gzipped": _gzipped(response),
            }
            try:
                cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
            except Exception:
                logger.warning("Could not store a page in the cache", exc_info=True)
            else:
                local_pages.put(key, entry)
            response.headers["X-Cache"] = "miss"
            return _compressed_if_accepted(request, response, entry)
        return response


def _gzipped(response):
    """The body compressed once, for every browser that asks for gzip; None where
    Django's GZipMiddleware would send it as it is (short, or not made shorter).

    Django's middleware pads each compressed body with random bytes against
    BREACH, an attack that reads a secret (a CSRF token, a session's data) from
    the size of responses that also reflect what the attacker sent. A shared
    page holds no secret: a response that varies by cookie is never stored.
    Compressing it once saves about three quarters of a browser's hit.
    """
    content = response.content
    if len(content) < MIN_COMPRESSED_LENGTH or response.has_header("Content-Encoding"):
        return None
    gzipped = compress_string(content)
    return gzipped if len(gzipped) < len(content) else None


def _compressed_if_accepted(request, response, entry):
    """The stored compressed copy for a client that accepts gzip, as GZipMiddleware
    would have sent it (which leaves a response with a Content-Encoding as it is)."""
    gzipped = entry.get("gzipped")
    if gzipped and re_accepts_gzip.search(request.headers.get("Accept-Encoding", "")):
        patch_vary_headers(response, ("Accept-Encoding",))
        response.content = gzipped
        response.headers["Content-Length"] = str(len(gzipped))
        response.headers["Content-Encoding"] = "gzip"
    return response
