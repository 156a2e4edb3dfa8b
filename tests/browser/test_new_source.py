"""An editor cites a fact to a new web page from the fact's own form, in a browser:
the "+" beside the source field opens the source form in a popup, and saving it
picks the new source in the form that opened it."""

from django.urls import reverse
from playwright.sync_api import expect

from core.models import Source
from councils.models import Council

from .test_journeys import STAFF_PASSWORD

TITLE = "岡山県内の半導体関連企業の状況"
PUBLISHER = "岡山県産業労働部"
URL = "https://www.pref.okayama.jp/page/semiconductor-2025.html"


def test_editor_adds_a_count_citing_a_new_web_page_created_in_a_popup(
    transactional_db, page, staff_user
):
    okayama = Council.objects.get(slug="okayama")
    staff_user("editor")
    page.goto(reverse("admin:index"))
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("#id_password").press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()

    page.goto(reverse("admin:councils_membershipsnapshot_add"))
    page.locator("#id_council + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(okayama.short_name)
    page.locator(".select2-results__option", has_text=okayama.short_name).first.click()
    page.locator("#id_as_of").fill("2025-04-01")
    page.locator("#id_total").fill("60")

    with page.expect_popup() as opened:
        page.locator("#add_id_source").click()
    popup = opened.value
    popup.locator("#id_kind").select_option("web_page")
    popup.locator("#id_title").fill(TITLE)
    popup.locator("#id_publisher").fill(PUBLISHER)
    popup.locator("#id_checked_on").fill("2025-04-15")
    popup.locator("#id_url").fill(URL)
    # Waiting from before the click: the popup can close before the click returns.
    with popup.expect_event("close"):
        popup.locator("input[name=_save]").first.click()

    source = Source.objects.get(title=TITLE)
    # The new source is now the form's choice.
    expect(page.locator("#id_source")).to_have_value(str(source.pk))
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert okayama.snapshots.get(as_of="2025-04-01").source == source

    page.goto(okayama.get_absolute_url())
    row = page.locator(
        "#membership table tbody tr", has=page.locator("time[datetime='2025-04-01']")
    )
    expect(row).to_contain_text("60")
    expect(row.locator(f"a[href='{URL}']")).to_contain_text(TITLE)
    expect(page.locator(".provenance")).to_contain_text(PUBLISHER)
    expect(page.locator(".site-footer")).to_contain_text(f"「{TITLE}」")
