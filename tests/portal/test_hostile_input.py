"""Hostile input against every public page and export: never a server error,
and nothing the visitor sent comes back unescaped in HTML.

Generated query strings, paths and header values mix unknown parameters, huge
values, NUL bytes, broken percent-encoding, SQL and HTML fragments and bytes
that are not UTF-8. FUZZ_EXAMPLES scales the number of requests per test.
"""

import os
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .urls import public_paths

# The fixed fragments below reach every page through
# test_every_page_survives_every_fragment; the generated examples add variety on top.
# The suite's Hypothesis profile (tests/conftest.py) makes them the same on every run;
# HYPOTHESIS_PROFILE=explore FUZZ_EXAMPLES=2000 searches afresh.
# 50 by default: the fixed fragments carry the known attacks, and the suite's examples
# are the same on every run, so more of them mostly repeat what 50 already covered.
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
fuzz = settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Must never appear as such in an HTML response: escaped, it is harmless.
CANARY = "\"'><fuzz-canary>"
FRAGMENTS = [
    CANARY,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "'; DROP TABLE councils_council; --",
    "1 UNION SELECT password FROM auth_user",
    "\x00",
    "%00",
    "%",
    "%zz",
    "%e3%81",
    "%ff%fe",
    "\udcff",
    "../../etc/passwd",
    "{{ settings.SECRET_KEY }}",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "2024-02-30",
    "令和6年",
    "🙂",
    "\r\nSet-Cookie: x=1",
]
# Every filter of the URL contract, and some that exist nowhere.
PARAMETERS = [
    "q",
    "sector",
    "category",
    "prefecture",
    "country",
    "council",
    "role",
    "sort",
    "kind",
    "date_after",
    "date_before",
    "fiscal_year",
    "city",
    "page",
    "membership_based",
    "founded_year",
    "format",
    "unknown",
    "",
]

text = st.text(max_size=40)
hostile_value = st.one_of(
    st.sampled_from(FRAGMENTS),
    text,
    st.builds(lambda before, after: before + CANARY + after, text, text),
    st.integers().map(str),
    st.just("x" * 5000),
)


def encode_pair(name, value, raw):
    if raw:
        # Sent as typed: broken percent-encoding and raw bytes reach the server.
        return f"{name}={value}"
    return f"{quote(name)}={quote(value, safe='', errors='surrogateescape')}"


query_string = st.lists(
    st.tuples(st.sampled_from(PARAMETERS), hostile_value, st.booleans()), max_size=6
).map(lambda pairs: "&".join(encode_pair(*pair) for pair in pairs))


def as_wsgi(value):
    """A WSGI environ holds bytes as latin-1 text; anything else is encoded first."""
    return value.encode("utf-8", "surrogateescape").decode("latin-1")


def assert_safe(response, sent):
    assert response.status_code < 500, (response.status_code, sent)
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode("utf-8", "replace")
        assert "<fuzz-canary>" not in body, sent
        assert "<script>alert(1)</script>" not in body, sent


@pytest.fixture
def paths(registry):
    return public_paths()


def test_every_page_survives_every_fragment(client, paths):
    # Each page gets every parameter at once, each with a different fragment, and
    # the fragments rotate from page to page, so every pair meets on some page.
    for number, path in enumerate(paths):
        pairs = [
            (name, FRAGMENTS[(number + offset) % len(FRAGMENTS)], raw)
            for offset, name in enumerate(PARAMETERS)
            for raw in (False, True)
        ]
        query = "&".join(encode_pair(*pair) for pair in pairs)
        assert_safe(client.get(path, QUERY_STRING=as_wsgi(query)), (path, query))


def test_hostile_query_strings(client, paths):
    @fuzz
    @given(path=st.sampled_from(paths), query=query_string)
    def check(path, query):
        response = client.get(path, QUERY_STRING=as_wsgi(query))
        assert_safe(response, (path, query))

    check()


def test_hostile_paths(client, paths):
    segment = st.one_of(
        st.sampled_from(FRAGMENTS), text, st.integers().map(str), st.just("9" * 400)
    ).map(lambda value: value.replace("?", "%3F").replace("#", "%23"))

    @fuzz
    @given(base=st.sampled_from(paths), segment=segment, trailing=st.booleans())
    def check(base, segment, trailing):
        path = base.rsplit("/", 2)[0] + "/" + segment + ("/" if trailing else "")
        response = client.get("/", PATH_INFO=as_wsgi(path))
        assert_safe(response, path)
        # The same segment as a client would send it: percent-encoded, % kept as typed.
        sent = base + quote(segment, safe="/%", errors="surrogateescape")
        assert_safe(client.get(sent), sent)

    check()


def test_hostile_headers(client, paths):
    header_value = st.one_of(st.sampled_from(FRAGMENTS), text, st.just("x" * 5000))
    header = st.sampled_from(
        [
            "HTTP_ACCEPT_LANGUAGE",
            "HTTP_COOKIE",
            "HTTP_REFERER",
            "HTTP_USER_AGENT",
            "HTTP_X_FORWARDED_FOR",
            "HTTP_X_FORWARDED_PROTO",
            "HTTP_X_REQUEST_ID",
            "HTTP_IF_NONE_MATCH",
            "HTTP_IF_MODIFIED_SINCE",
            "HTTP_ACCEPT",
            "HTTP_HOST",
        ]
    )

    @fuzz
    @given(
        path=st.sampled_from(paths),
        headers=st.dictionaries(header, header_value, max_size=4),
    )
    def check(path, headers):
        response = client.get(path, **{name: as_wsgi(value) for name, value in headers.items()})
        assert_safe(response, (path, headers))

    check()
