"""axe-core on every page type, in Japanese and in English.

Serious and critical violations fail the test; the full report of each page,
minor findings included, is written under test-artifacts/axe/ for a person to
read.
"""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import ARTIFACTS
from .pages import page_type_params, path

BLOCKING_IMPACTS = {"serious", "critical"}
REPORTS = ARTIFACTS / "axe"

axe = Axe()
# Colour contrast is half of axe-core's time on a page. The colours come from the one
# style sheet, whatever the language, so each page type's contrast is checked on its
# Japanese page (at each width it is tested at), and the English page gets every other rule.
EVERY_RULE = {"resultTypes": ["violations"]}
EVERY_RULE_BUT_CONTRAST = {**EVERY_RULE, "rules": {"color-contrast": {"enabled": False}}}


def axe_violations(page, language):
    options = EVERY_RULE if language == "ja" else EVERY_RULE_BUT_CONTRAST
    return axe.run(page, options=options).response["violations"]


def describe(violation):
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return f"[{violation['impact']}] {violation['id']}: {violation['help']} — at {targets}"


@pytest.mark.parametrize(("page_type", "url_name", "kwargs", "query"), page_type_params())
def test_page_type_has_no_serious_accessibility_violations(
    page, page_type, url_name, kwargs, query
):
    found = {}
    for language in ("ja", "en"):
        response = page.goto(path(url_name, language, **kwargs()) + query)
        expected = 404 if page_type == "not-found" else 200
        assert response.status == expected, f"{page.url} answered {response.status}"
        assert page.locator("html").get_attribute("lang") == language

        violations = axe_violations(page, language)
        REPORTS.mkdir(parents=True, exist_ok=True)
        (REPORTS / f"{page_type}-{language}.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        found[language] = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]

    assert found == {"ja": [], "en": []}, "\n".join(
        f"{language} {page.url}: {describe(v)}" for language, vs in found.items() for v in vs
    )
