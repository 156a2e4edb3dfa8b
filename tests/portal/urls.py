"""Every public URL and export of the URL contract, with real slugs and ids.

Paths are written out rather than reversed so that the tests cover the whole
contract, including pages another part of the portal may not serve yet
(those answer 404, which is still not a server error).
"""

from councils.models import Council
from events.models import Agreement, Event, Programme
from members.models import Organisation, Person

LIST_PATHS = ["/councils/", "/organisations/", "/events/", "/agreements/", "/programmes/"]
EXPORT_SUFFIXES = ["export.csv", "export.json"]


def public_paths():
    """Pages and exports in Japanese (unprefixed) and English (/en/)."""
    council = Council.objects.order_by("pk").first()
    ids = {
        "slug": council.slug,
        "organisation": Organisation.objects.order_by("pk").first().pk,
        "person": Person.objects.order_by("pk").first().pk,
        "event": Event.objects.order_by("pk").first().pk,
        "agreement": Agreement.objects.order_by("pk").first().pk,
        "programme": Programme.objects.order_by("pk").first().pk,
    }
    paths = ["/", "/search/", "/map/", "/about/", *LIST_PATHS]
    paths += [
        "/councils/{slug}/",
        "/organisations/{organisation}/",
        "/people/{person}/",
        "/events/{event}/",
        "/agreements/{agreement}/",
        "/programmes/{programme}/",
    ]
    paths += export_paths_templates()
    japanese = [path.format(**ids) for path in paths]
    return japanese + ["/en" + path for path in japanese]


def export_paths_templates():
    exports = [f"{path}{suffix}" for path in LIST_PATHS for suffix in EXPORT_SUFFIXES]
    return [
        *exports,
        "/councils/{slug}/membership.csv",
        "/councils/{slug}/membership.json",
        "/events/calendar.ics",
        "/events/{event}/calendar.ics",
    ]


def is_export(path):
    return path.endswith((".csv", ".json", ".ics"))
