"""Pages link to their exports, and the links carry the current filters."""


def test_export_links_keep_the_filters_and_drop_the_page_number(client, registry):
    # The filters and the sort, as the list puts them; not the page, nor a parameter
    # the list does not read.
    html = client.get(
        "/organisations/?sort=-name&sector=industry&page=1&utm_source=mail"
    ).content.decode()
    assert 'href="/organisations/export.csv?sector=industry&amp;sort=-name"' in html
    assert 'href="/organisations/export.json?sector=industry&amp;sort=-name"' in html


def test_an_event_page_links_its_own_calendar_file(client, registry):
    from events.models import Event

    ceremony = Event.objects.get(name="MOU締結式")
    response = client.get(ceremony.get_absolute_url())
    assert f'href="{ceremony.get_absolute_url()}calendar.ics"' in response.content.decode()


def test_a_council_page_links_its_membership_history_exports(client, registry):
    html = client.get("/en/councils/yamaguchi/").content.decode()
    assert 'href="/en/councils/yamaguchi/membership.csv"' in html
    assert 'href="/en/councils/yamaguchi/membership.json"' in html
