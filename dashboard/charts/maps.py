"""Choropleth of the shortage per arbeidsmarktregio with the G5 gemeenten drawn on top.

MapLibre (`Choroplethmap`) with the built-in 'white-bg' style needs no network at all (no tiles, no
glyphs): the map draws on an intranet. One continuous colour axis shared by both traces.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.format import fmt_pct, fmt_peildatum, reliability_label

# Colour-blind safe sequential scale (light -> dark), viridis-like but readable on white.
SHORTAGE_SCALE = "YlOrRd"
NL_CENTER = {"lat": 52.2, "lon": 5.3}


def _hover(frame: pd.DataFrame) -> list[str]:
    return [
        f"<b>{r.region_name}</b><br>Tekort: {fmt_pct(r.value)}<br>Peildatum: {fmt_peildatum(r.peildatum)}"
        f"<br>Betrouwbaarheid: {reliability_label(r.reliability)}"
        for r in frame.itertuples()
    ]


def shortage_map(
    frame: pd.DataFrame,
    am_geojson: dict,
    gm_geojson: dict,
    selected: str | None = None,
    height: int = 560,
    zoom: float = 6.0,
) -> go.Figure:
    """`frame` = metrics.regional_shortage(...). Returns a figure whose point `location` is the region code."""
    vmax = float(frame["value"].max()) if len(frame) else 1.0
    fig = go.Figure()
    for level, geojson, line_width in (("arbeidsmarktregio", am_geojson, 0.6), ("gemeente", gm_geojson, 1.2)):
        part = frame[frame["geo_level"] == level]
        if part.empty:
            continue
        widths = [3.0 if code == selected else line_width for code in part["region_code"]]
        colors = ["#000000" if code == selected else "#ffffff" for code in part["region_code"]]
        fig.add_trace(
            go.Choroplethmap(
                geojson=geojson,
                locations=part["region_code"],
                z=part["value"],
                featureidkey="id",
                coloraxis="coloraxis",
                text=_hover(part),
                hovertemplate="%{text}<extra></extra>",
                marker={"line": {"width": widths, "color": colors}, "opacity": 0.95},
                name="G5-gemeenten" if level == "gemeente" else "Arbeidsmarktregio's",
            )
        )
    fig.update_layout(
        map={"style": "white-bg", "center": NL_CENTER, "zoom": zoom},
        coloraxis={
            "colorscale": SHORTAGE_SCALE,
            "cmin": 0,
            "cmax": vmax,
            "colorbar": {"title": {"text": "Tekort"}, "ticksuffix": "%"},
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=height,
        showlegend=False,
        separators=",.",
        clickmode="event+select",
    )
    return fig


def location_from_points(points: list[dict]) -> str | None:
    """The region code of the first selected point (from `location`, never `point_index`: streamlit#8914)."""
    for point in points or []:
        location = point.get("location")
        if location:
            return str(location)
    return None
