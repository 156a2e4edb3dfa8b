"""The region map as a visitor uses it: with the keyboard, by clicking, on a
phone and at desktop width, and with the favicon the browser asks for."""

import pytest

from .conftest import DESKTOP, PHONE
from .pages import path


def test_keyboard_reaches_a_prefecture_on_the_map_and_opens_its_organisations(page):
    page.goto(path("region-map"))
    hiroshima = page.locator('svg a[href="/organisations/?prefecture=hiroshima"]')
    for _ in range(60):
        page.keyboard.press("Tab")
        if hiroshima.evaluate("link => link === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached Hiroshima on the map")
    # The focused prefecture is visibly outlined.
    stroke = page.evaluate(
        "getComputedStyle(document.activeElement.querySelector('.map-area')).strokeWidth"
    )
    assert stroke == "4px"
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisations/?prefecture=hiroshima")
    rows = page.locator("#results-caption").locator("xpath=ancestor::table//tbody/tr")
    assert rows.count() == 3


def test_clicking_an_event_count_opens_the_councils_events(page):
    page.goto(path("region-map", "en"))
    page.locator('svg a[href="/en/events/?council=yamaguchi"]').click()
    page.wait_for_url("**/en/events/?council=yamaguchi")
    rows = page.locator("#results-caption").locator("xpath=ancestor::table//tbody/tr")
    # The council's founding meeting; the Taipei events are the prefecture's own.
    assert rows.count() == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_map_and_its_table_fit_the_screen(page, viewport):
    page.set_viewport_size(viewport)
    page.goto(path("region-map"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    box = page.locator(".region-map svg").bounding_box()
    assert box["width"] <= viewport["width"]
    assert box["width"] >= min(viewport["width"] - 40, 500)
    # Labels stay readable: the prefecture names are at least 14 px high on screen.
    name = page.locator(".map-name").first.bounding_box()
    assert name["height"] >= 14
    # No prefecture name in the table breaks one character per line.
    for cell in page.locator(".region-table tbody th").all():
        assert cell.bounding_box()["width"] > 40


def test_the_browser_finds_the_favicon(page):
    page.goto(path("home"))
    for href in page.locator('link[rel="icon"]').evaluate_all(
        "links => links.map(link => link.href)"
    ):
        response = page.request.get(href)
        assert response.ok, href
        assert response.headers["content-type"] in {
            "image/svg+xml",
            "image/x-icon",
            "image/vnd.microsoft.icon",
        }
    assert page.request.get("/favicon.ico").ok
