"""Colour for everyone: the chart palette and the map scales stay distinguishable under the common colour-vision
deficiencies, simulated with colorspacious (Machado et al. 2009, at full severity: protanopia, deuteranopia,
tritanopia), distances in CAM02-UCS. And colour is never the only carrier: ramingen are dashed with open markers,
lines differ in marker shape, differences are signed."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import plotly.colors as pc
import pytest
from colorspacious import cspace_convert, deltaE

from dashboard import describe as words
from dashboard.charts import maps
from dashboard.charts.basic import PALETTE, RELIABILITY_MARKERS, grouped_bar, lines
from dashboard.format import fmt_pp
from dashboard.views import overzicht

DEFICIENCIES = [None, "protanomaly", "deuteranomaly", "tritanomaly"]
MOST_LINES = 5  # the most groups a chart draws by default (instroom: five kinds of opleiding)
DISTINCT = 10.0  # CAM02-UCS distance between two categories of one chart (about 4x a just noticeable difference)


def seen(rgb: np.ndarray, deficiency: str | None) -> np.ndarray:
    """`rgb` (0..1) as a person with `deficiency` sees it (severity 100: the dichromat, the hardest case)."""
    if deficiency is None:
        return rgb
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    return np.clip(cspace_convert(rgb, space, "sRGB1"), 0, 1)


def hex_rgb(colour: str) -> np.ndarray:
    return np.array(pc.hex_to_rgb(colour)) / 255


def scale(name: str, steps: int = 7) -> list[np.ndarray]:
    points = pc.sample_colorscale(name, [i / (steps - 1) for i in range(steps)])
    return [np.array(pc.unlabel_rgb(c)) / 255 for c in points]


def lightness(rgb: np.ndarray) -> float:
    return float(cspace_convert(rgb, "sRGB1", "CAM02-UCS")[0])


def distance(a: np.ndarray, b: np.ndarray) -> float:
    return float(deltaE(a, b, input_space="sRGB1"))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_chart_palette_stays_distinguishable(deficiency):
    colours = [seen(hex_rgb(c), deficiency) for c in PALETTE[:MOST_LINES]]
    closest = min(
        ((distance(a, b), PALETTE[i], PALETTE[j]) for (i, a), (j, b) in itertools.combinations(enumerate(colours), 2)),
    )
    assert closest[0] >= DISTINCT, closest


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_shortage_scale_reads_as_an_order_by_lightness(deficiency):
    """Light = low, dark = high under every deficiency: the order never depends on hue."""
    steps = [seen(c, deficiency) for c in scale(maps.SHORTAGE_SCALE)]
    light = [lightness(c) for c in steps]
    assert all(a > b + 3 for a, b in zip(light, light[1:])), light  # each step visibly darker
    assert all(distance(a, b) >= 8 for a, b in zip(steps, steps[1:]))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_change_scale_has_a_light_middle_and_distinct_ends(deficiency):
    steps = [seen(c, deficiency) for c in scale(maps.CHANGE_SCALE)]
    light = [lightness(c) for c in steps]
    middle = len(steps) // 2
    assert light[middle] == max(light)  # no change is the lightest: the size of a change reads as darkness
    assert all(a < b for a, b in zip(light[:middle], light[1 : middle + 1]))
    assert all(a > b for a, b in zip(light[middle:], light[middle + 1 :]))
    assert distance(steps[0], steps[-1]) >= 20  # lower and higher are told apart (the sign is also in the text)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_reliability_markers_differ_in_shape_where_colour_fails(deficiency):
    """Two reliabilities whose colours come too close under a deficiency must differ in marker shape."""
    for (a, (ca, sa)), (b, (cb, sb)) in itertools.combinations(RELIABILITY_MARKERS.items(), 2):
        if ca == cb:
            continue  # the same marker on purpose (solid and solid-but-parsed)
        if distance(seen(hex_rgb(ca), deficiency), seen(hex_rgb(cb), deficiency)) < DISTINCT:
            assert sa != sb, (a, b, deficiency)


def test_ramingen_are_dashed_and_open_and_every_line_has_its_own_shape():
    figure = overzicht.tekort_trend().figure
    for trace in figure.data:
        raming = "raming" in trace.name or "schatting" in trace.name
        bericht = "bericht" in trace.name  # a loose mark with a cross, never on a line
        assert (trace.line.dash == "dash") == raming, trace.name
        assert trace.marker.symbol.endswith("-open") == raming, trace.name
        assert (trace.mode == "markers" and trace.marker.symbol.endswith("-cross")) == bericht, trace.name
    # a sector's meting, raming and bericht share colour and shape; different sectors differ in shape, not only
    # colour
    shapes = {t.name.split()[0]: t.marker.symbol.removesuffix("-open").removesuffix("-cross") for t in figure.data}
    assert len(set(shapes.values())) == len(shapes), shapes
    frame = pd.DataFrame({"jaar": [1, 2] * 6, "v": range(12), "g": [c for c in "abcdef" for _ in (0, 1)]})
    symbols = [t.marker.symbol for t in lines(frame, "jaar", "v", "g", "fte").data]
    assert len(set(symbols)) == 6, symbols


def test_differences_are_signed_in_words_and_on_the_colour_bar():
    assert fmt_pp(1.2).startswith("+") and fmt_pp(-1.2).startswith("-") and fmt_pp(0.0).startswith("±")
    change = pd.DataFrame({"region_name": ["A", "B"], "value": [1.2, -0.4], "vorige": [5.0, 6.0]})
    assert "+1,2 procentpunt" in words.change(change, "region_name", "value", fmt_pp)
    assert "-0,4 procentpunt" in words.change(change, "region_name", "value", fmt_pp)
    bar = maps._colour_axis(change)["colorbar"]
    assert bar["tickformat"].startswith("+") and bar["ticksuffix"] == " pp"


def test_groups_of_bars_differ_in_fill_pattern_too():
    frame = pd.DataFrame({"jaar": ["2020", "2021"] * 3, "v": range(6), "soort": [s for s in "abc" for _ in (0, 1)]})
    shapes = [t.marker.pattern.shape or "" for t in grouped_bar(frame, "jaar", "v", "soort", "aantal").data]
    assert len(set(shapes)) == 3, shapes
