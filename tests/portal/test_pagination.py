"""Fifty rows a page, filters kept across pages, bad page numbers handled on purpose."""

import pytest
from django.urls import reverse

from tests import factories
from tests.helpers import results, row_count, text_of


@pytest.fixture
def many_organisations(db):
    """60 companies in Okayama and 60 universities, so each filter has two pages
    (with their parent organisation, 121 in all)."""
    factories.organisations(60, prefecture="okayama")
    factories.organisations(60, sector="academia", category="university")


def test_a_list_shows_fifty_rows_a_page(client, many_organisations):
    response = client.get(reverse("members:organisation-list"))
    assert row_count(response) == 50
    assert "121件" in text_of(response)
    last = client.get(reverse("members:organisation-list"), {"page": "3"})
    assert row_count(last) == 21


def test_filters_survive_pagination(client, many_organisations):
    response = client.get(reverse("members:organisation-list") + "?prefecture=okayama")
    html = response.content.decode()
    assert 'href="?prefecture=okayama&amp;page=2"' in html
    second = client.get(reverse("members:organisation-list") + "?prefecture=okayama&page=2")
    assert second.status_code == 200
    assert results(second).count("テスト団体") == 10
    assert "岡山県" in results(second)
    assert "2ページ中2ページ目" in text_of(second)
    assert 'href="?prefecture=okayama&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize("number", ["0", "-1", "abc", "1.5", "9" * 5000])
def test_a_page_that_is_not_a_positive_number_shows_the_first_page(
    client, many_organisations, number
):
    response = client.get(reverse("members:organisation-list"), {"page": number})
    assert response.status_code == 200
    assert "ページ番号ではないため、最初のページを表示しています" in text_of(response)
    assert row_count(response) == 50
    assert "1ページ目" in text_of(response)


@pytest.mark.parametrize("number", ["4", "99999"])
def test_a_page_past_the_end_is_a_styled_404(client, many_organisations, number):
    response = client.get(reverse("members:organisation-list"), {"page": number})
    assert response.status_code == 404
    assert "ページが見つかりません" in text_of(response)
    assert "css/portal.css" in response.content.decode()


def test_an_empty_list_has_one_page(client, db):
    response = client.get(reverse("events:agreement-list"), {"page": "1"})
    assert response.status_code == 200
    assert "条件に合う覚書はありません" in text_of(response)
