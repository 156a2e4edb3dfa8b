"""Every admin screen at 1280×800 in Japanese: nothing wider than the window, and no
English wording.

A screen that fails leaves a full-page screenshot in test-artifacts/admin/;
SCREENSHOTS=1 writes one of every screen there, for a person to look at."""

from tests.admin_screens import (
    ALLOWED,
    VISIBLE_TEXT_IN_BROWSER,
    admin_screens,
    data_words,
    english_words,
    readable,
)

from .conftest import ARTIFACTS, DESKTOP, EVERY_SCREENSHOT

SCREENSHOTS = ARTIFACTS / "admin"
PASSWORD = "correct horse battery staple"


def test_every_admin_screen_fits_1280_pixels_and_reads_in_japanese(
    transactional_db, page, django_user_model
):
    user = django_user_model.objects.create_superuser("kanri", password=PASSWORD)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # What the folder holds is this run's: no screenshot left from an earlier one.
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    page.set_viewport_size(DESKTOP)
    page.goto(admin_screens(user)[0][1])
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.locator("#user-tools").wait_for()
    # After signing in, whose record in the lockout's log holds this browser's own words.
    allowed = ALLOWED | data_words() | {user.username}
    # A history page quotes what changed, English values among them.
    quoted = allowed | data_words(english=True)

    too_wide, english = {}, {}
    for name, url in admin_screens(user):
        response = page.goto(url)
        assert response.ok, f"{url}: {response.status}"
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            too_wide[name] = overflow
        words = quoted if name.endswith("-history") else allowed
        # Read in the browser: serialising each page's HTML to read it here cost 0.1 s a screen.
        found = english_words(readable(page.evaluate(VISIBLE_TEXT_IN_BROWSER)), words)
        if found:
            english[name] = found
        if EVERY_SCREENSHOT or overflow > 0 or found:
            page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    assert not too_wide, f"Wider than a 1280 px window (px too wide): {too_wide}"
    assert not english, f"English on Japanese admin screens: {english}"
