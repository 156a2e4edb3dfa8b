"""The region map: the five Chugoku prefectures, the councils based in each, and
how many organisations and events the registry records for each.

The outlines are pre-generated (tools/map/build_chugoku_map.py, from Natural
Earth); the figures come from the database in two queries, however many
records there are.
"""

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from councils.models import Council, Prefecture
from members.models import Organisation

MAP_DATA = Path(__file__).resolve().parent / "data" / "chugoku_map.json"

# Where a prefecture's label sits, nudged from the outline's centroid (SVG units)
# so that three lines of text stay inside narrow Tottori and clear of the coast.
LABEL_OFFSETS = {
    "tottori": (0, -14),
    "shimane": (-44, -24),
    "okayama": (14, 0),
    "hiroshima": (-14, 0),
    "yamaguchi": (10, -28),
}


@cache
def outlines():
    """The pre-generated outlines, read once per process."""
    return json.loads(MAP_DATA.read_text(encoding="utf-8"))


def filtered_url(name, **params):
    return f"{reverse(name)}?{urlencode(params)}"


@dataclass
class CouncilFigures:
    council: Council
    events: int
    events_url: str


@dataclass
class PrefectureFigures:
    prefecture: str
    label: str
    organisations: int
    organisations_url: str
    councils: list = field(default_factory=list)
    path: str = ""
    x: float = 0
    y: float = 0

    @property
    def events(self):
        return sum(council.events for council in self.councils)

    @property
    def events_url(self):
        """The filtered events list when one council is based here; the table row otherwise."""
        if len(self.councils) == 1:
            return self.councils[0].events_url
        return f"#figures-{self.prefecture}"

    @property
    def anchor(self):
        return f"figures-{self.prefecture}"

    # Positions in the SVG, as text so that no locale formats them: the name, the
    # organisation count and the event count under one another, council markers above.
    def _at(self, value):
        return f"{value:.1f}"

    @property
    def text_x(self):
        return self._at(self.x)

    @property
    def name_y(self):
        return self._at(self.y)

    @property
    def organisations_y(self):
        return self._at(self.y + 24)

    @property
    def events_y(self):
        return self._at(self.y + 48)

    @property
    def markers(self):
        """(figures, cx, cy) of each council based here, side by side above the name."""
        spacing = 22
        first = self.x - spacing * (len(self.councils) - 1) / 2
        return [
            (council, self._at(first + spacing * index), self._at(self.y - 34))
            for index, council in enumerate(self.councils)
        ]


@dataclass
class RegionFigures:
    prefectures: list
    councils_elsewhere: list
    organisations_unplaced: int
    organisations_total: int
    width: int
    height: int
    neighbours: list


def region_figures():
    """The figures of the map and its table, in two queries.

    An organisation counts for the prefecture recorded for it, exactly as the
    organisations list filters by `prefecture`; an event counts for the
    prefecture its council is based in, as the events list filters by `council`.
    """
    data = outlines()
    councils = list(Council.objects.annotate(event_count=Count("events")).order_by("pk"))
    organisations = dict(
        Organisation.objects.order_by().values_list("prefecture").annotate(count=Count("pk"))
    )
    by_prefecture = {}
    for outline in data["prefectures"]:
        code = outline["prefecture"]
        dx, dy = LABEL_OFFSETS.get(code, (0, 0))
        by_prefecture[code] = PrefectureFigures(
            prefecture=code,
            label=str(Prefecture(code).label),
            organisations=organisations.get(code, 0),
            organisations_url=filtered_url("members:organisation-list", prefecture=code),
            path=outline["d"],
            x=round(outline["centre"][0] + dx, 1),
            y=round(outline["centre"][1] + dy, 1),
        )
    elsewhere = []
    for council in councils:
        figures = CouncilFigures(
            council=council,
            events=council.event_count,
            events_url=filtered_url("events:event-list", council=council.slug),
        )
        if council.prefecture in by_prefecture:
            by_prefecture[council.prefecture].councils.append(figures)
        else:
            elsewhere.append(figures)
    prefectures = [by_prefecture[code] for code in Prefecture.values if code in by_prefecture]
    return RegionFigures(
        prefectures=prefectures,
        councils_elsewhere=elsewhere,
        organisations_unplaced=organisations.get("", 0),
        organisations_total=sum(organisations.values()),
        width=data["width"],
        height=data["height"],
        neighbours=[neighbour["d"] for neighbour in data["neighbours"]],
    )
