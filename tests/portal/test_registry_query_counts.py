"""Query counts on the real registry, whose records cite more than one source each.

The factories leave the extra source keys (aims, pillar details, corroborating
counts) empty, so only the real registry shows a page reading them one by one.
"""

import pytest


@pytest.mark.parametrize(
    ("path", "queries"),
    [
        ("/", 5),
        ("/en/", 5),
        ("/councils/", 4),
        ("/councils/yamaguchi/", 12),
    ],
)
def test_pages_join_every_source_they_cite(
    client, registry, django_assert_num_queries, path, queries
):
    with django_assert_num_queries(queries):
        response = client.get(path)
    assert response.status_code == 200
    assert "出典" in response.content.decode() or "Sources" in response.content.decode()
