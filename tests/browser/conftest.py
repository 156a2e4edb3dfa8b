"""Browser tests: Debian's Chromium, driven by Playwright, against Django's live server.

Playwright's own browser download is not available where this portal is
built, so the tests launch the `chromium` binary found on the PATH. Without
it they are skipped, and the end of the test run says so in plain words.

The live server listens on DJANGO_LIVE_TEST_SERVER_ADDRESS (pytest-django's
variable, e.g. `127.0.0.1:8600`) or on a free port of its own choosing.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

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

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def is_browser_test(item):
    return BROWSER_TESTS in item.path.parents


def pytest_itemcollected(item):
    """Mark the tests in this folder `browser` (for -m), and skip them without Chromium."""
    if is_browser_test(item):
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


# Last, after pytest-django's own reordering (database tests by kind), which
# would move the tests that use no database after these.
@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the browser tests after all the others.

    Playwright's synchronous API keeps an asyncio loop running in the main
    thread from the first browser test on; the other tests run before it
    exists, with Django's async-safety check intact.
    """
    browser = [item for item in items if is_browser_test(item)]
    items[:] = [item for item in items if not is_browser_test(item)] + browser
    config.stash[_collected_key] = len(browser)


_collected_key = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    collected = config.stash.get(_collected_key, 0)
    if collected and not CHROMIUM:
        terminalreporter.write_sep("!", f"{collected} {SKIP_REASON}", yellow=True, bold=True)


@pytest.fixture(scope="session", autouse=True)
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


@pytest.fixture(scope="session")
def base_url(live_server):
    # Also replaces pytest-playwright's own `base_url`, which pytest 9 warns about.
    return live_server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": DESKTOP,
        # A visitor from Japan, the portal's first audience.
        "locale": "ja-JP",
        "timezone_id": "Asia/Tokyo",
        "accept_downloads": True,
    }


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the registry loaded, the way `make run` loads it.

    The live server answers from another thread, so the data must be committed:
    transactional_db empties the database after each test, and each test loads
    the registry again.
    """
    call_command("load_registry", verbosity=0)
    return live_server


@pytest.fixture
def page(page, site):
    """A browser tab on the loaded registry that fails the test on what a visitor would meet.

    That is a server error, a stylesheet or script that fails to load, and an
    error in the page's scripts or in the browser console (such as a refused
    resource).
    """
    problems = []
    page.set_default_timeout(10_000)
    page.on("response", lambda response: problems.extend(_response_problems(response)))
    page.on("console", lambda message: problems.extend(_console_problems(message)))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    yield page
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
