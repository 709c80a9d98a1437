"""Comparisons that compare: the title counts what is drawn, a missing part reads as missing, one colour per area,
axes that cover the data, rankings that say their direction."""

import re

import plotly.io
from helpers import open_page, texts


def _figure(at, key: str):
    chart = next(c for c in at.get("plotly_chart") if c.key == key)
    return plotly.io.from_json(chart.proto.spec)


def test_the_bevoegdheden_title_counts_the_bars_and_a_missing_part_is_geen_cijfer():
    at = open_page("bevoegdheden", onderdeel="Bevoegdheid per vak")
    figure = _figure(at, "bevoegdheid_per_vak")
    bars = {y for trace in figure.data if trace.name == "Bevoegd" for y in trace.y}
    title = next(h.value for h in at.header if h.value.startswith("Wie geeft de lessen?"))
    assert int(re.search(r"\((\d+) vakken\)", title).group(1)) == len(bars)
    assert not any(str(b).startswith("ALLE VAKKEN") for b in bars)
    missing = [t for t in figure.data if t.name == "geen cijfer"]
    assert missing and "bevoegd: geen cijfer" in list(missing[0].text)  # Techniek (avo) has no bevoegd part
    assert list(figure.layout.xaxis.range) == [0, 100] and figure.layout.xaxis.ticktext[-1] == "100%"


def test_onderwijstijd_says_the_years_differ_and_keeps_one_colour_per_area():
    at = open_page("onderwijstijd")
    title = next(h.value for h in at.header if h.value.startswith("Lesuren per jaar"))
    assert "verschillende jaren" in title
    bars = _figure(at, "lesuren_po").data[0]
    assert all(re.match(r"\d{4}: ", str(label)) for label in bars.y)  # the year first in every label
    colours = dict(zip((str(y).split(": ")[1].split(" ·")[0] for y in bars.y), bars.marker.color))
    lines = {t.name: t.line.color for t in _figure(at, "lesuren_trend").data}
    assert lines["Nederland"] == colours["Nederland"] and lines["OESO-gemiddelde"] == colours["OESO-gemiddelde"]
    trend = _figure(at, "lesuren_trend")
    assert trend.layout.yaxis.range[1] > 930  # NL's 930 hours sit below the top of the axis
    assert "In woorden" in texts(at)
