"""The portal's page types, for tests that visit every one of them."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from events.models import Agreement, Event, Programme
from members.models import Organisation, Person


def routed(name):
    """Whether the URL name exists, that is, whether the page has been built."""
    for kwargs in (None, {"pk": 1}, {"slug": "x"}):
        try:
            reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
        return True
    return False


def needs(*names, reason=""):
    """Expect failure, naming what is missing, while a page of the URL contract is not built yet.

    Once every named page exists the test runs as any other, and must pass.
    """
    missing = [name for name in names if not routed(name)]
    return pytest.mark.xfail(
        bool(missing),
        reason=f"page not built yet: {', '.join(missing)}{f' ({reason})' if reason else ''}",
        # Without the page the test can only wait for its timeouts; not running it saves that.
        run=False,
    )


def path(name, language="ja", **kwargs):
    """The page's path in `language` (Japanese unprefixed, English under /en/)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


# (page type, URL name, keyword arguments computed once the registry is loaded, query string)
PAGE_TYPES = [
    ("home", "home", dict, ""),
    ("council-list", "councils:list", dict, ""),
    ("council-detail", "councils:detail", lambda: {"slug": "okayama"}, ""),
    ("organisation-list", "members:organisation-list", dict, ""),
    ("organisation-list-filtered", "members:organisation-list", dict, "?sector=government"),
    ("organisation-list-invalid", "members:organisation-list", dict, "?prefecture=atlantis"),
    (
        "organisation-detail",
        "members:organisation-detail",
        lambda: {"pk": Organisation.objects.get(name="岡山県産業振興財団").pk},
        "",
    ),
    (
        "person-detail",
        "members:person-detail",
        lambda: {"pk": Person.objects.get(name="寺本 章伸").pk},
        "",
    ),
    ("event-list", "events:event-list", dict, ""),
    (
        "event-detail",
        "events:event-detail",
        lambda: {"pk": Event.objects.get(name="第3回ひがしひろしま半導体フォーラム").pk},
        "",
    ),
    ("agreement-list", "events:agreement-list", dict, ""),
    ("agreement-detail", "events:agreement-detail", lambda: {"pk": Agreement.objects.get().pk}, ""),
    ("programme-list", "events:programme-list", dict, ""),
    (
        "programme-detail",
        "events:programme-detail",
        lambda: {"pk": Programme.objects.order_by("pk").first().pk},
        "",
    ),
    ("search", "search", dict, "?q=半導体"),
    # What a visitor meets at a mistyped or outdated address.
    ("not-found", "councils:detail", lambda: {"slug": "no-such-council"}, ""),
]


# Django's own not-found page is in English only; the public pages bring the portal's.
EXTRA_NEEDS = {"not-found": needs("councils:list", reason="the portal's own not-found page")}


def page_type_params():
    return [
        pytest.param(
            name,
            url_name,
            kwargs,
            query,
            id=name,
            marks=EXTRA_NEEDS.get(name, needs(url_name)),
        )
        for name, url_name, kwargs, query in PAGE_TYPES
    ]
