"""Membership composition as stacked bars, laid out here so that templates only draw SVG.

Every figure comes from the membership snapshots; nothing is typed in.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# Each breakdown category, its legend label and its colour (all at least 3:1 on white).
SEGMENTS = (
    ("companies", _("Companies"), "#0b5cad"),
    ("education", _("Education"), "#a0522d"),
    ("government", _("Government"), "#2e7d32"),
    ("other", _("Other"), "#6a3d9a"),
)
UNBROKEN = ("unbroken", _("Not broken down"), "#767676")

CHART_WIDTH = 600
LABEL_WIDTH = 140
VALUE_WIDTH = 50
BAR_HEIGHT = 26
BAR_GAP = 14
TOP = 10


@dataclass
class Segment:
    key: str
    label: str
    colour: str
    count: int
    x: float
    width: float


@dataclass
class Bar:
    label: str
    label_is_japanese: bool
    total: int
    y: float
    text_y: float
    end_x: float
    segments: list = field(default_factory=list)


@dataclass
class Chart:
    bars: list
    height: int
    width: int = CHART_WIDTH
    label_width: int = LABEL_WIDTH
    legend: tuple = SEGMENTS + (UNBROKEN,)

    @property
    def legend_used(self):
        keys = {segment.key for bar in self.bars for segment in bar.segments}
        return [entry for entry in self.legend if entry[0] in keys]


def stacked_bars(rows):
    """A chart of (label, label_is_japanese, snapshot) rows, one bar each, on one scale.

    The part of a total that the document does not break down is drawn as its
    own grey segment, so a bar is always as long as its total.
    """
    rows = [row for row in rows if row[2] is not None]
    largest = max((snapshot.total for _label, _ja, snapshot in rows), default=0) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH) / largest
    bars = []
    for index, (label, label_is_japanese, snapshot) in enumerate(rows):
        y = TOP + index * (BAR_HEIGHT + BAR_GAP)
        x = LABEL_WIDTH
        segments = []
        counted = 0
        for key, segment_label, colour in SEGMENTS:
            count = getattr(snapshot, key)
            if count:
                segments.append(Segment(key, segment_label, colour, count, x, count * scale))
                x += count * scale
                counted += count
        if snapshot.total > counted:
            rest = snapshot.total - counted
            key, segment_label, colour = UNBROKEN
            segments.append(Segment(key, segment_label, colour, rest, x, rest * scale))
            x += rest * scale
        bars.append(
            Bar(
                label=label,
                label_is_japanese=label_is_japanese,
                total=snapshot.total,
                y=y,
                text_y=y + BAR_HEIGHT * 0.68,
                end_x=x + 6,
                segments=segments,
            )
        )
    height = TOP * 2 + len(bars) * (BAR_HEIGHT + BAR_GAP)
    return Chart(bars=bars, height=height)
