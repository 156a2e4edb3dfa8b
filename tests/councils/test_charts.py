"""The chart legend's colours come from the stylesheet, matching the chart itself."""

from pathlib import Path

from councils.charts import SEGMENTS, UNBROKEN

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def test_every_legend_colour_is_in_the_stylesheet():
    css = CSS.read_text()
    for key, _label, colour in (*SEGMENTS, UNBROKEN):
        assert f".legend__swatch--{key} {{ background: {colour}; }}" in css
