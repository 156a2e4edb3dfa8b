"""Screenshots for a person to look at after a run: test-artifacts/screenshots/."""

import pytest

from .conftest import ARTIFACTS, DESKTOP, PHONE
from .pages import path

SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.mark.parametrize(
    ("name", "url"),
    [
        pytest.param("home", lambda: path("home"), id="home"),
        pytest.param(
            "council-okayama",
            lambda: path("councils:detail", slug="okayama"),
            id="council",
        ),
        pytest.param(
            "organisations-government",
            lambda: path("members:organisation-list") + "?sector=government",
            id="filtered-list",
        ),
        pytest.param("region-map", lambda: path("region-map"), id="region-map"),
        pytest.param("region-map-en", lambda: path("region-map", "en"), id="region-map-en"),
        pytest.param("about", lambda: path("about"), id="about"),
    ],
)
def test_screenshots_at_desktop_and_phone_width(page, name, url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        response = page.goto(url())
        assert response.ok
        # The page scrolls down, never sideways: nothing is wider than the screen.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        width = viewport["width"]
        assert overflow <= 0, f"{page.url} is {overflow}px wider than a {width}px screen"
        target = SCREENSHOTS / f"{name}-{width}.png"
        page.screenshot(path=target, full_page=True)
        assert target.stat().st_size > 0
