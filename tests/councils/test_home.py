import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("name", "count", "as_of"),
    [
        ("中国地域半導体関連産業振興協議会", "139", "2024"),
        ("おかやま半導体関連コンソーシアム", "49", "2024"),
        ("せとうち半導体共創コンソーシアム", "22", "2024"),
        ("やまぐち半導体・蓄電池産業ネットワーク協議会", "108", "2024"),
    ],
)
def test_home_lists_each_council_with_its_latest_count(client, registry, name, count, as_of):
    html = client.get(reverse("home")).content.decode()
    row = html[html.index(name) :].split("</tr>")[0]
    assert f">{count}<" in row
    assert as_of in row


def test_home_shows_the_forum_is_not_membership_based(client, registry):
    html = client.get(reverse("home")).content.decode()
    row = html[html.index("ひがしひろしま半導体フォーラム") :].split("</tr>")[0]
    assert "会員形式でない" in row


def test_home_shows_the_newest_of_two_yamaguchi_snapshots(client, registry):
    html = client.get(reverse("home")).content.decode()
    row = html[html.index("やまぐち半導体") :].split("</tr>")[0]
    assert "2024-03-01" in row
    assert "2024-02-29" not in row
