"""The portal's page types, for tests that visit every one of them."""

import pytest
from django.urls import reverse
from django.utils import translation

from core.models import Source
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person


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
    ("region-map", "region-map", dict, ""),
    ("about", "about", dict, ""),
    ("changes", "changes", dict, ""),
    ("changes-invalid", "changes", dict, "?kind=unknown"),
    ("source-list", "sources:list", dict, ""),
    (
        "source-detail",
        "sources:detail",
        lambda: {"pk": Source.objects.get(locator="スライド3").pk},
        "",
    ),
    # What a visitor meets at a mistyped or outdated address.
    ("not-found", "councils:detail", lambda: {"slug": "no-such-council"}, ""),
]


def page_type_params():
    return [
        pytest.param(name, url_name, kwargs, query, id=name)
        for name, url_name, kwargs, query in PAGE_TYPES
    ]
