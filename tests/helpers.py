"""Reading pages the way a person does (the text, without the markup), and the registry
the tests read."""

import os
import re
from html import unescape


def text_of(response):
    """The visible text of a page, with runs of whitespace made one space."""
    html = response.content.decode()
    html = re.sub(r"(?s)<(script|style|title)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def section(response, heading_id):
    """The visible text of the <section> labelled by `heading_id`."""
    html = response.content.decode()
    start = html.index(f'id="{heading_id}"')
    end = html.index("</section>", start)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[start:end]))).strip()


def results(response):
    """The visible text of a list page's results table ("" when there are no rows)."""
    html = response.content.decode()
    if 'id="results-caption"' not in html:
        return ""
    start = html.index('id="results-caption"')
    end = html.index("</table>", start)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[start:end]))).strip()


def row_count(response):
    """How many rows the list page's results table shows (0 when there is no table)."""
    html = response.content.decode()
    if 'id="results-caption"' not in html:
        return 0
    start = html.index("<tbody", html.index('id="results-caption"'))
    return html[start : html.index("</tbody>", start)].count("<tr")


def load_registry_if_missing():
    """Load the registry, committed, unless it is there: the session loads it once, and a
    transactional test empties the database when it ends."""
    from django.core.management import call_command

    from councils.models import Council

    if not Council.objects.exists():
        call_command("load_registry", verbosity=0)


def xdist_worker_number():
    """This process's number under pytest-xdist (0 for `gw0`), or None outside it."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    return int(worker.removeprefix("gw")) if worker else None


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


def redis_key_prefix(name):
    """The Redis key prefix of this test process's `name` keys.

    One test's invalidation moves the pages' version, which must not make a test of
    another process miss the page it has just cached: each process (a pytest-xdist
    worker, or another run on the same machine) keeps keys of its own, and removes
    them when it ends (`redis_keys_removed_at_the_end` in tests/conftest.py).
    """
    return f"{os.environ.get('CACHE_KEY_PREFIX', 'registry')}-{name}-{os.getpid()}"


def redis_answers():
    import redis

    try:
        return redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False
