"""Choropleth of the shortage per arbeidsmarktregio with the G5 gemeenten drawn on top.

Two map types, both offline (no tiles, no glyphs):
- MapLibre (`go.Choroplethmap`, 'white-bg' style): draws in WebGL, in Chromium without a GPU in software, the
  biggest cost of a click on a page with maps (bench/felt.py);
- SVG geo (`go.Choropleth`, boundaries as GeoJSON, base map hidden): the same shapes, clickable and with the same
  tooltips, drawn as SVG paths. plotly.js fetches a topojson for every geo map even when the base map is hidden,
  from a CDN unless the chart's config says otherwise: a page that shows an SVG map must pass MAP_CONFIG (an
  empty topology served by the app itself from static/topojson/, `server.enableStaticServing`).
SVG_MAPS chooses; it can only be True once every page passes MAP_CONFIG to its map charts.
One continuous colour axis shared by both traces.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.format import fmt_pct, fmt_peildatum, fmt_pp, reliability_label

# Colour-blind safe sequential scale (light -> dark), viridis-like but readable on white.
SHORTAGE_SCALE = "YlOrRd"
CHANGE_SCALE = "RdBu_r"  # diverging, blue = lower shortage, red = higher, white at 0
NL_CENTER = {"lat": 52.2, "lon": 5.3}
SVG_MAPS = True
CONTESTED_FILL = "rgba(90, 90, 90, 0.45)"  # a gemeente in more than one onderwijsregio: grey, dark outline
CONTESTED_LINE = "#1f1f1f"
# st.plotly_chart(..., config={..., **MAP_CONFIG}); relative, so it also works under a server.baseUrlPath.
MAP_CONFIG = {"topojsonURL": "app/static/topojson/"}
# Room at the right for the colour bar (title 'Verschil', labels '+2 pp'), written in the layout: a colour bar that
# has to push the margin itself makes plotly draw the whole map a second time (charts/basic.py, CHAR_PX).
COLORBAR_ROOM = 120
# The Netherlands fitted to the figure, in Mercator (as a web map), no land, coast or frame drawn.
GEO = {"fitbounds": "locations", "visible": False, "projection": {"type": "mercator"}, "bgcolor": "rgba(0,0,0,0)"}


def _choropleth(**trace: object) -> go.Choropleth | go.Choroplethmap:
    """One choropleth trace of the chosen map type (both take the same arguments used here). Codes go in as a list:
    plotly keeps a Series of strings as an object array, which orjson refuses, and then cleans the whole figure
    value by value on every send (st.plotly_chart serialises per rerun: ~5-10 ms a map, measured)."""
    if isinstance(trace.get("locations"), pd.Series):
        trace["locations"] = trace["locations"].tolist()
    return go.Choropleth(**trace) if SVG_MAPS else go.Choroplethmap(**trace)


def _base(zoom: float) -> dict:
    """The layout part that places the map: fitted SVG geo, or a MapLibre view of the Netherlands at `zoom`."""
    return {"geo": GEO} if SVG_MAPS else {"map": {"style": "white-bg", "center": NL_CENTER, "zoom": zoom}}


def slim(geojson: dict, codes: set[str] | None = None) -> dict:
    """The features (only those in `codes`, if given) with just id and geometry: the properties are never used by
    the map but would travel to the browser in every figure."""
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": f["id"], "geometry": f["geometry"]}
            for f in geojson["features"]
            if codes is None or f["id"] in codes
        ],
    }


def _colour_axis(frame: pd.DataFrame) -> dict:
    """Level: YlOrRd from 0. Change (a frame of metrics.change_against, with `vorige`): diverging, centred on 0."""
    if "vorige" in frame:
        span = float(frame["value"].abs().max()) if len(frame) else 1.0
        return {
            "colorscale": CHANGE_SCALE,
            "cmin": -span,
            "cmax": span,
            "cmid": 0,
            "colorbar": {"title": {"text": "Verschil"}, "ticksuffix": " pp", "tickformat": "+"},
        }  # signed
    vmax = float(frame["value"].max()) if len(frame) else 1.0
    return {
        "colorscale": SHORTAGE_SCALE,
        "cmin": 0,
        "cmax": vmax,
        "colorbar": {"title": {"text": "Tekort"}, "ticksuffix": "%"},
    }


def _shortage_layout(fig: go.Figure, vmax: float, height: int, zoom: float, **extra: object) -> go.Figure:
    """The layout every shortage map shares: offline white background, one colour axis, no margins but the room
    of its colour bar (COLORBAR_ROOM)."""
    coloraxis = extra.pop("coloraxis", None) or _colour_axis(pd.DataFrame({"value": [0.0, vmax]}))
    fig.update_layout(
        **_base(zoom),
        coloraxis=coloraxis,
        margin={"l": 0, "r": COLORBAR_ROOM if coloraxis.get("showscale", True) else 0, "t": 0, "b": 0},
        height=height,
        showlegend=extra.pop("showlegend", False),
        separators=",.",
        **extra,
    )
    return fig


def _hover(frame: pd.DataFrame) -> list[str]:
    if "vorige" in frame:
        return [
            f"<b>{r.region_name}</b><br>Verschil: {fmt_pp(r.value)}<br>Van {fmt_pct(r.vorige)} "
            f"({fmt_peildatum(r.vorige_peildatum)}) naar {fmt_pct(r.niveau)} ({fmt_peildatum(r.peildatum)})"
            f"<br>Betrouwbaarheid: {reliability_label(r.reliability)}"
            + ("<br><b>Eigen data</b>" if str(r.source_id).startswith("EIGEN-") else "")
            for r in frame.itertuples()
        ]
    return [
        f"<b>{r.region_name}</b><br>Tekort: {fmt_pct(r.value)}<br>Peildatum: {fmt_peildatum(r.peildatum)}"
        f"<br>Betrouwbaarheid: {reliability_label(r.reliability)}"
        + ("<br><b>Eigen data</b>" if str(r.source_id).startswith("EIGEN-") else "")
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
    """`frame` = metrics.regional_shortage(...). Returns a figure whose point `location` is the region code.
    `zoom` is MapLibre's: the SVG map fits the regions to its size."""
    vmax = float(frame["value"].max()) if len(frame) else 1.0
    fig = go.Figure()
    for level, geojson, line_width in (("arbeidsmarktregio", am_geojson, 0.6), ("gemeente", gm_geojson, 1.2)):
        part = frame[frame["geo_level"] == level]
        if part.empty:
            continue
        widths = [3.0 if code == selected else line_width for code in part["region_code"]]
        colors = ["#000000" if code == selected else "#ffffff" for code in part["region_code"]]
        fig.add_trace(
            _choropleth(
                geojson=slim(geojson, set(part["region_code"])),
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
    return _shortage_layout(fig, vmax, height, zoom, clickmode="event+select", coloraxis=_colour_axis(frame))


def location_from_points(points: list[dict]) -> str | None:
    """The region code of the first selected point (from `location`, never `point_index`: streamlit#8914)."""
    for point in points or []:
        location = point.get("location")
        if location:
            return str(location)
    return None


def surroundings(geojson: dict, codes: set[str], margin: float = 0.35) -> dict:
    """The features within the box around `codes` (plus `margin` of its size): the fitted map zooms to the region."""
    import shapely
    from shapely.geometry import shape

    inside = [shape(f["geometry"]) for f in geojson["features"] if f["id"] in codes]
    if not inside:
        return geojson
    x0, y0, x1, y1 = shapely.union_all(inside).bounds
    dx, dy = max(x1 - x0, 0.2) * margin, max(y1 - y0, 0.15) * margin
    box = shapely.box(x0 - dx, y0 - dy, x1 + dx, y1 + dy)
    return {
        "type": "FeatureCollection",
        "features": [f for f in geojson["features"] if shape(f["geometry"]).intersects(box)],
    }


def membership_map(members: pd.DataFrame, gm_geojson: dict, height: int = 420) -> go.Figure:
    """All gemeenten in light grey with the members of one onderwijsregio coloured by how sure the membership is.

    `members` = metrics.onderwijsregio_gemeenten(...): gemeente_code, gemeente, reliability.
    """
    certainty = {"solid": 1.0, "secondary": 0.7, "derived": 0.7, "solid-but-parsed": 1.0, "uncertain": 0.35}
    around = surroundings(gm_geojson, set(members["gemeente_code"])) if SVG_MAPS and len(members) else gm_geojson
    all_codes = [f["id"] for f in around["features"]]
    fig = go.Figure(
        _choropleth(
            geojson=slim(around),
            locations=all_codes,
            z=[0] * len(all_codes),
            featureidkey="id",
            colorscale=[[0, "#eeeeee"], [1, "#eeeeee"]],
            showscale=False,
            hoverinfo="skip",
            marker={"line": {"width": 0.3, "color": "#ffffff"}},
        )
    )
    if len(members):
        fig.add_trace(
            _choropleth(
                geojson=slim(gm_geojson, set(members["gemeente_code"])),  # only the members, not all 342 again
                locations=members["gemeente_code"],
                z=[certainty.get(r, 0.35) for r in members["reliability"]],
                featureidkey="id",
                zmin=0,
                zmax=1,
                colorscale=[[0, "#c6dbef"], [1, "#08519c"]],
                showscale=False,
                text=[
                    f"<b>{g}</b><br>Lidmaatschap: {reliability_label(r)}"
                    for g, r in zip(members["gemeente"], members["reliability"], strict=True)
                ],
                hovertemplate="%{text}<extra></extra>",
                marker={"line": {"width": 0.6, "color": "#ffffff"}},
            )
        )
    fig.update_layout(
        **_base(5.6),
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        showlegend=False,
        separators=",.",
    )
    return fig


def _oregio_hover(r, change: bool) -> str:
    """The tooltip of one onderwijsregio: its derived figure, or the change against the previous measurement."""
    head = (
        f"<b>{r.onderwijsregio}</b><br>Verschil: {fmt_pp(r.value)} (afgeleid, {r.weging})<br>Van {fmt_pct(r.vorige)} "
        f"({fmt_peildatum(r.vorige_peildatum)}) naar {fmt_pct(r.niveau)}"
        if change
        else f"<b>{r.onderwijsregio}</b><br>Tekort: {fmt_pct(r.value)} (afgeleid, {r.weging})"
    )
    return (
        head
        + f"<br>Gemeenten met cijfer: {r.gemeenten_met_cijfer} van {r.gemeenten}"
        + f"<br>Peildatum: {fmt_peildatum(r.peildatum)}"
        + ("<br>★ Voorloper" if getattr(r, "voorloper", "") == "ja" else "")
        + (f"<br>Betwiste gemeenten: {r.betwiste_gemeenten}" if getattr(r, "betwiste_gemeenten", 0) else "")
        + ("<br><b>Eigen data</b>" if str(r.source_id).startswith("EIGEN-") else "")
    )


def onderwijsregio_map(
    frame: pd.DataFrame,
    geojson: dict,
    height: int = 520,
    contested: dict | None = None,
    voorlopers: dict[str, tuple[float, float]] | None = None,
) -> go.Figure:
    """Choropleth of `metrics.onderwijsregio_shortage(...)` on dissolved onderwijsregio shapes (id = name).

    `contested`: GeoJSON of the gemeenten that stand in more than one region of the sector, drawn on top in grey
    with a dark outline (legend "betwiste gemeente"; their names in the hover); `voorlopers`: name -> (lon, lat) of
    a point inside each voorloper, drawn as a star (legend "voorloper")."""
    vmax = float(frame["value"].max()) if len(frame) else 1.0
    text = [_oregio_hover(r, "vorige" in frame) for r in frame.itertuples()]
    fig = go.Figure(
        _choropleth(
            geojson=slim(geojson),
            locations=frame["onderwijsregio"],
            z=frame["value"],
            featureidkey="id",
            coloraxis="coloraxis",
            text=text,
            hovertemplate="%{text}<extra></extra>",
            marker={"line": {"width": 0.8, "color": "#ffffff"}, "opacity": 0.9},
            showlegend=False,
        )
    )
    features = (contested or {}).get("features", [])
    if features:
        fig.add_trace(
            _choropleth(
                geojson=slim(contested),
                locations=[f["id"] for f in features],
                z=[1] * len(features),
                featureidkey="id",
                colorscale=[[0, CONTESTED_FILL], [1, CONTESTED_FILL]],
                showscale=False,
                text=[f["properties"]["hover"] for f in features],
                hovertemplate="%{text}<extra></extra>",
                marker={"line": {"width": 2, "color": CONTESTED_LINE}},
                name="Betwiste gemeente",  # short: the legend must fit at 320 px; the caption says what it means
                showlegend=True,
            )
        )
    if voorlopers:
        names = list(voorlopers)
        marker = {"symbol": "star", "size": 15, "color": "#1f1f1f", "line": {"width": 1.5, "color": "#ffffff"}}
        points = {
            "lon": [voorlopers[n][0] for n in names],
            "lat": [voorlopers[n][1] for n in names],
            "text": [f"<b>{n}</b><br>Voorloper" for n in names],
            "hovertemplate": "%{text}<extra></extra>",
            "mode": "markers",
            "marker": marker,
            "name": "Voorloper (sinds 2023)",
            "showlegend": True,
        }
        fig.add_trace(go.Scattergeo(**points) if SVG_MAPS else go.Scattermap(**points))
    legend = {
        "orientation": "h",
        "yanchor": "top",
        "y": 0,
        "xanchor": "left",
        "x": 0,
        "bgcolor": "rgba(255,255,255,0.8)",
    }
    return _shortage_layout(
        fig,
        vmax,
        height,
        zoom=5.8,
        coloraxis=_colour_axis(frame),
        showlegend=bool(features or voorlopers),
        legend=legend,
    )
