"""The chart legend's colours come from the stylesheet, matching the chart itself."""

from pathlib import Path

from councils.charts import SEGMENTS, UNBROKEN

CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "portal.css"


def test_every_legend_colour_is_in_the_stylesheet():
    css = CSS.read_text()
    for key, _label, colour in (*SEGMENTS, UNBROKEN):
        assert f".legend__swatch--{key} {{ background: {colour}; }}" in css


def test_a_bar_segment_counts_its_members_with_the_documents_counter(client, registry):
    html = client.get("/").content.decode()
    assert "<title>企業：102者</title>" in html
    english = client.get("/en/").content.decode()
    assert "企業：102" not in english and "102者" not in english
