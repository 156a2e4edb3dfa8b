"""Browser tests: Debian's Chromium, driven by Playwright, against Django's live server.

Playwright's own browser download is not available where this portal is
built, so the tests launch the `chromium` binary found on the PATH. Without
it they are skipped, and the end of the test run says so in plain words.

The live server listens on DJANGO_LIVE_TEST_SERVER_ADDRESS (pytest-django's
variable, e.g. `127.0.0.1:8600`; under pytest-xdist, each further worker on the
next port) or on a free port of its own choosing.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.helpers import load_registry_if_missing, xdist_worker_number

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    # Inside containers and CI runners there is no user namespace to sandbox with.
    "--no-sandbox",
    "--disable-gpu",
    # Keep the browser off the network: it should talk to the live server only.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SKIP_REASON = (
    "browser tests skipped: Chromium is not installed "
    "(install Debian's `chromium` package to run them)"
)

BROWSER_TESTS = Path(__file__).resolve().parent
ARTIFACTS = BROWSER_TESTS.parents[1] / "test-artifacts"
FAILURES = ARTIFACTS / "playwright"

# SCREENSHOTS=1 saves a screenshot of every admin screen and every list the tests visit,
# for a person to look at; without it only a failing test leaves one (pytest-playwright's
# --screenshot=only-on-failure), as saving them cost a quarter of those tests' time.
EVERY_SCREENSHOT = os.environ.get("SCREENSHOTS") == "1"

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def is_browser_test(item):
    return BROWSER_TESTS in item.path.parents


def pytest_itemcollected(item):
    """Mark the tests in this folder `browser` (for -m), and skip them without Chromium."""
    if is_browser_test(item):
        item.add_marker(pytest.mark.browser)
        # The live server reads the registry committed at the start (browser_server);
        # the marker makes pytest-django create the test database even when only
        # browser tests run, and wraps each test's own reads in a transaction.
        item.add_marker(pytest.mark.django_db)
        if not CHROMIUM:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


# Last, after pytest-django's own reordering (database tests by kind), which
# would move the tests that use no database after these.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests in one block: after all the others, or first under pytest-xdist.

    Playwright, Chromium and the live server live while this folder's tests run
    (package scope, see `playwright`): split up by pytest-django's reordering, the
    block would start them again for each part.
    """
    browser = [item for item in items if is_browser_test(item)]
    # Tests that write (transactional_db) come last: the database is emptied after
    # each of them, and the tests that only read share the registry loaded before.
    browser.sort(key=lambda item: "transactional_db" in item.fixturenames)
    others = [item for item in items if not is_browser_test(item)]
    # Under pytest-xdist the block goes first. `make test` hands the tests out one at a
    # time, in this order (`--dist loadgroup`, with no group marked), so every worker
    # starts with a share of the browser tests, each with its own Chromium and live
    # server, then takes the rest. Handed out last, the block ran alone after every
    # other test had finished (docs/performance.md).
    first = hasattr(config, "workerinput")
    items[:] = browser + others if first else others + browser
    config.stash[_collected_key] = len(browser)


_collected_key = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    collected = config.stash.get(_collected_key, 0)
    if collected and not CHROMIUM:
        terminalreporter.write_sep("!", f"{collected} {SKIP_REASON}", yellow=True, bold=True)


# Package scope, here and below: Playwright's synchronous API keeps an asyncio loop
# running in the main thread while it is started, and Django refuses database queries
# from such a thread. Everything the browser tests start is stopped after the last of
# them, so the tests that run after them in the same process (as under pytest-xdist,
# where the worker that ran this folder goes on to other tests) meet no running loop,
# no live server and Django's async-safety check intact.
@pytest.fixture(scope="package", autouse=True)
def _allow_database_access_beside_playwright():
    # Playwright's sync API runs an asyncio loop in the main thread, and Django
    # refuses database queries from a thread with a running loop. The tests'
    # queries (fixtures, users, checks) are ordinary synchronous ones between
    # browser steps, so the check does not apply to them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# pytest-playwright's own `playwright`, `browser_type` and `browser`, for this folder only.
@pytest.fixture(scope="package")
def playwright(_pw_api_request_contexts):
    playwright = sync_playwright().start()
    if _pw_api_request_contexts:
        _pw_api_request_contexts.instrument(playwright)
    yield playwright
    playwright.stop()


@pytest.fixture(scope="package")
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name)


@pytest.fixture(scope="package")
def browser(browser_type, browser_type_launch_args):
    browser = browser_type.launch(**browser_type_launch_args)
    yield browser
    browser.close()


def live_server_address():
    """DJANGO_LIVE_TEST_SERVER_ADDRESS, or localhost on a free port. Under pytest-xdist
    each worker starts its own live server: a port given is the first worker's, and the
    next worker takes the next port."""
    address = os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    host, _, port = address.rpartition(":")
    worker = xdist_worker_number()
    if host and port.isdigit() and worker is not None:
        return f"{host}:{int(port) + worker}"
    return address


@pytest.fixture(scope="package")
def browser_server(django_db_setup, django_db_blocker):
    """One live server for this process's browser tests, serving the registry loaded once.

    pytest-django's `live_server` would make every test transactional, emptying
    the database after it and loading the registry again before the next (a
    second or more each). The browser tests only read, so they share the
    committed registry; one that writes asks for `transactional_db` and runs
    after those that only read. Database access stays open from here to the
    last browser test (they run in one block in each process, see
    pytest_collection_modifyitems).
    """
    address = live_server_address()
    with django_db_blocker.unblock():
        # Committed before any test's transaction starts; a transactional test that
        # ran before the browser tests may have emptied the database.
        load_registry_if_missing()
        server = LiveServer(address)
        server._live_server_modified_settings.enable()
        yield server
        server._live_server_modified_settings.disable()
        server.stop()
        # The tests that run after the block in this process (under pytest-xdist)
        # find the registry as the session loaded it, not emptied by the last
        # transactional test: `registry` would load it again, rolled back, in each.
        load_registry_if_missing()
        # After the block this process held a second, idle connection besides the
        # tests' own (Django keeps a connection per context, and Playwright's loop
        # runs code in more than one): closed here, or PostgreSQL waits for it
        # before it drops the test database (end_other_sessions).
        connections.close_all()


@pytest.fixture(scope="package")
def base_url(browser_server):
    # Also replaces pytest-playwright's own `base_url`, which pytest 9 warns about.
    return browser_server.url


@pytest.fixture(scope="package")
def browser_context_args(base_url):
    # pytest-playwright's own asks for its session-long `playwright`.
    return {
        "base_url": base_url,
        "viewport": DESKTOP,
        # A visitor from Japan, the portal's first audience.
        "locale": "ja-JP",
        "timezone_id": "Asia/Tokyo",
        "accept_downloads": True,
    }


@pytest.fixture
def site(browser_server, request):
    """The live server with the registry loaded, the way `make run` loads it.

    A transactional test (one that writes) after another loads it again, committed."""
    if "transactional_db" in request.fixturenames:
        load_registry_if_missing()
    return browser_server


@pytest.fixture(scope="package")
def shared_page(browser, browser_context_args):
    """One tab in one browser context for all the browser tests: opening a context per test
    cost more than most tests. Each test gets it back clean (see `page`)."""
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Kept on the test, so that `page` knows whether the test failed.
    report = yield
    item.stash[_failed_key] = item.stash.get(_failed_key, False) or report.failed
    return report


_failed_key = pytest.StashKey[bool]()


@pytest.fixture
def page(shared_page, site, request):
    """A clean browser tab on the loaded registry that fails the test on what a visitor
    would meet: a server error, a stylesheet or script that fails to load, and an
    error in the page's scripts or in the browser console (such as a refused
    resource). A failing test leaves a screenshot of what it saw in test-artifacts/.
    """
    page = shared_page
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    page.set_default_timeout(10_000)
    problems = []
    listeners = {
        "response": lambda response: problems.extend(_response_problems(response)),
        "console": lambda message: problems.extend(_console_problems(message)),
        "pageerror": lambda error: problems.append(f"script error: {error}"),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    yield page
    for event, listener in listeners.items():
        page.remove_listener(event, listener)
    if request.node.stash.get(_failed_key, False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.nodeid)[-150:]
        page.screenshot(path=FAILURES / f"{name}.png", full_page=True)
    page.goto("about:blank")
    assert not problems, "The browser met errors:\n" + "\n".join(problems)


def _response_problems(response):
    if response.status >= 500:
        return [f"{response.status} from {response.url}"]
    # The favicon counts too: a missing icon is a console error on every page.
    if response.status >= 400 and response.request.resource_type != "document":
        return [f"{response.status} for {response.request.resource_type} {response.url}"]
    return []


def _console_problems(message):
    # Failed loads are reported, with their address, by _response_problems.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        return [f"console error: {message.text}"]
    return []
