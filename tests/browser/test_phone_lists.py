"""The lists and the search page on a 390 px phone, and unchanged at 1280 px.

On a phone each result row is a card, the filter form folds behind its
summary, the first result shows on the first screen, no text is crushed into
one character per line, nothing scrolls sideways and axe-core finds no
serious violation. SCREENSHOTS=1 writes a screenshot of every page under
test-artifacts/screenshots/ for a person to look at.
"""

import pytest

from .conftest import ARTIFACTS, DESKTOP, EVERY_SCREENSHOT, PHONE
from .pages import path
from .test_accessibility import BLOCKING_IMPACTS, axe_violations, describe

SCREENSHOTS = ARTIFACTS / "screenshots"
FIRST_SCREEN = 800

# (name, URL name, a filter that keeps some rows, how the summary names it in Japanese)
LISTS = [
    ("councils", "councils:list", "?prefecture=okayama", "県：岡山県"),
    (
        "organisations",
        "members:organisation-list",
        "?sector=government",
        "区分（産学官）：官（行政）",
    ),
    ("events", "events:event-list", "?council=okayama", "協議会：おかやま半導体関連コンソーシアム"),
    ("agreements", "events:agreement-list", "?country=TW", "締結者の国・地域：台湾"),
    ("programmes", "events:programme-list", "?kind=subsidy", "種別：補助金"),
]

PAGES = [
    pytest.param(name, url_name, query, id=f"{name}-{'filtered' if query else 'all'}")
    for name, url_name, filtered, _label in LISTS
    for query in ("", filtered)
] + [pytest.param("search", "search", "?q=半導体", id="search")]

# Every visible text node of the page that the browser broke into lines
# carrying fewer than three characters each: the "セ/ク/タ/ー" of a crushed column.
CRUSHED_TEXT = """() => {
  const isClipped = element => {
    for (let e = element; e; e = e.parentElement) {
      if (getComputedStyle(e).clipPath !== "none") return true;
    }
    return false;
  };
  const crushed = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replace(/\\s+/g, "");
    const parent = node.parentElement;
    if (text.length < 2 || parent.closest("select, script, style")) continue;
    // Text kept for screen readers only (clipped to a pixel) is never seen.
    if (isClipped(parent)) continue;
    if (!parent.checkVisibility({visibilityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 0);
    const lines = new Set(rects.map(r => Math.round(r.top)));
    // A word that merely wraps at the end of a line spans the width; a crushed one does not.
    const width = Math.max(...rects.map(r => r.right)) - Math.min(...rects.map(r => r.left));
    const em = parseFloat(getComputedStyle(parent).fontSize);
    if (lines.size > 1 && text.length / lines.size < 3 && width < 3 * em) {
      crushed.push(`${parent.tagName.toLowerCase()} "${text.slice(0, 30)}" on ${lines.size} lines`);
    }
  }
  return crushed;
}"""

FIRST_RESULT_TOP = """() => {
  const first = document.querySelector("main table tbody tr, main section li");
  return first ? first.getBoundingClientRect().top + window.scrollY : null;
}"""


def visit(page, url_name, query, language):
    response = page.goto(path(url_name, language) + query)
    assert response.status == 200, f"{page.url} answered {response.status}"


# One visit per page and language serves the reading checks and axe-core's: a visit
# of its own for axe cost 22 more page loads a run.
@pytest.mark.parametrize(("name", "url_name", "query"), PAGES)
def test_list_reads_on_a_phone_in_both_languages_without_accessibility_violations(
    page, name, url_name, query
):
    page.set_viewport_size(PHONE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    violations = []
    for language in ("ja", "en"):
        visit(page, url_name, query, language)
        where = f"{page.url} at {PHONE['width']}px"
        suffix = "-filtered" if query and name != "search" else ""
        if EVERY_SCREENSHOT:
            page.screenshot(
                path=SCREENSHOTS / f"phone-{name}{suffix}-{language}-390.png", full_page=True
            )

        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= PHONE["width"], f"{where} scrolls sideways ({overflow}px wide)"
        assert page.evaluate(CRUSHED_TEXT) == [], f"{where} crushes text into a column"
        top = page.evaluate(FIRST_RESULT_TOP)
        assert top is not None, f"{where} shows no result"
        assert top <= FIRST_SCREEN, f"{where}: the first result starts {top:.0f}px down"

        violations += [
            f"{where}: {describe(violation)}"
            for violation in axe_violations(page, language)
            if violation["impact"] in BLOCKING_IMPACTS
        ]
    assert violations == []


@pytest.mark.parametrize(
    ("name", "url_name", "filtered", "label"), LISTS, ids=[n for n, *_ in LISTS]
)
def test_phone_filter_form_folds_and_summarises_the_active_filters(
    page, name, url_name, filtered, label
):
    page.set_viewport_size(PHONE)
    visit(page, url_name, "", "ja")
    summary = page.locator("form.filters summary")
    first_field = page.locator("form.filters .field").first
    assert first_field.is_hidden(), "the unfiltered list starts with the filters folded"
    summary.click()
    assert first_field.is_visible(), "the summary opens the filters"

    visit(page, url_name, filtered, "ja")
    assert first_field.is_visible(), "a filtered list shows its filters"
    assert label in page.locator("form.filters summary").inner_text()


def test_phone_filter_form_opens_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="ja-JP")
    page = context.new_page()
    page.goto(site.url + path("events:event-list"))
    field = page.locator("form.filters .field").first
    assert field.is_hidden()
    page.locator("form.filters summary").click()
    assert field.is_visible()
    page.locator("form.filters select[name=council]").select_option("okayama")
    page.locator("form.filters button[type=submit]").click()
    assert "council=okayama" in page.url
    assert (
        "協議会：おかやま半導体関連コンソーシアム"
        in page.locator("form.filters summary").inner_text()
    )
    context.close()


def test_organisation_filter_summary_names_each_value_in_the_page_language(page):
    page.set_viewport_size(PHONE)
    visit(page, "members:organisation-list", "?sector=government&sort=-name", "ja")
    summary = page.locator("form.filters summary").inner_text()
    heading, sector, sort = summary.splitlines()
    assert (heading, sector) == ("絞り込みと並べ替え", "区分（産学官）：官（行政）")
    assert sort.startswith("並べ替え：名称")
    visit(page, "members:organisation-list", "?sector=government", "en")
    assert "Sector: Government" in page.locator("form.filters summary").inner_text()


def test_phone_cards_label_each_cell_with_its_column(page):
    page.set_viewport_size(PHONE)
    visit(page, "members:organisation-list", "?sector=government", "ja")
    row = page.locator("main table tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "flex"
    assert page.locator("main table thead").evaluate("t => t.getBoundingClientRect().height") <= 1
    label = row.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"区分（産学官）："'


@pytest.mark.parametrize(
    ("name", "url_name", "filtered", "label"), LISTS, ids=[n for n, *_ in LISTS]
)
def test_desktop_keeps_the_table_and_the_open_filter_form(page, name, url_name, filtered, label):
    page.set_viewport_size(DESKTOP)
    visit(page, url_name, "", "ja")
    if EVERY_SCREENSHOT:
        page.screenshot(path=SCREENSHOTS / f"desktop-{name}-ja-1280.png", full_page=True)
    assert page.locator("form.filters .field").first.is_visible()
    assert page.locator("form.filters summary h2").is_visible()
    assert page.locator("main table thead th").first.is_visible()
    row = page.locator("main table tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
