"""The regioprofiel's pictures as reportlab vector drawings: the map of the region's gemeenten (polygons from
GeoJSON, coloured by their figure, neighbours pale) and the comparison bars. Drawn, not rendered as images, so the
PDF needs neither internet nor a browser and stays sharp when zoomed. The profile's colours are written here once;
dashboard.report.pdf takes them from here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import shapely
from reportlab.graphics.shapes import FILL_EVEN_ODD, Drawing, Group, Path, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from shapely.geometry import shape

from dashboard.format import fmt_pct
from dashboard.report.model import ComparisonRow, RegionReport

# Darker = larger shortage; grey = no figure; neighbours pale so the region stands out.
SCALE = ("#fde5cc", "#f9c08a", "#f08c4b", "#d45a24", "#9c3512")
NO_FIGURE = "#c8ccd2"
NEIGHBOUR = "#eceef1"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#c2410c")
PALE = colors.HexColor("#fff4ea")
MARK = colors.HexColor("#08519c")  # the web map's membership blue
UNSURE_FILL = colors.Color(1, 1, 1, alpha=0.55)  # paler, as the web map's light blue for an uncertain member
UNSURE_LINE = {"strokeWidth": 0.9, "strokeDashArray": [1.5, 1.5]}
APART_LINE = {"strokeWidth": 1.4, "strokeDashArray": [4, 2]}
RULE = colors.HexColor("#d5dae0")  # thin lines: table rules, the map's frame


def _bbox(features: Sequence[dict]) -> tuple[float, float, float, float] | None:
    bounds = [shape(f["geometry"]).bounds for f in features]
    if not bounds:
        return None
    return min(b[0] for b in bounds), min(b[1] for b in bounds), max(b[2] for b in bounds), max(b[3] for b in bounds)


def map_layers(gemeente_geojson: dict, values: dict[str, float | None], margin: float = 0.15) -> tuple[dict, dict]:
    """The region's gemeenten (with `value`) and the gemeenten around it (within its box plus `margin`)."""
    inside = [f for f in gemeente_geojson["features"] if f["id"] in values]
    region = {
        "type": "FeatureCollection",
        "features": [{**f, "properties": {**f["properties"], "value": values[f["id"]]}} for f in inside],
    }
    box = _bbox(inside)
    if box is None:
        return region, {"type": "FeatureCollection", "features": []}
    dx, dy = (box[2] - box[0]) * margin, (box[3] - box[1]) * margin
    area = shapely.box(box[0] - dx, box[1] - dy, box[2] + dx, box[3] + dy)
    around = [
        f for f in gemeente_geojson["features"] if f["id"] not in values and shape(f["geometry"]).intersects(area)
    ]
    return region, {"type": "FeatureCollection", "features": around}


def colour_classes(values: Iterable[float | None]) -> list[tuple[float, float]]:
    """Up to five (low, high) classes: one per distinct figure when there are at most five, else equal widths."""
    distinct = sorted({round(v, 1) for v in values if v is not None})
    if len(distinct) <= len(SCALE):
        return [(v, v) for v in distinct]
    low, high = distinct[0], distinct[-1]
    step = (high - low) / len(SCALE)
    return [(low + i * step, low + (i + 1) * step) for i in range(len(SCALE))]


def _class_colour(value: float | None, classes: list[tuple[float, float]]) -> str:
    if value is None or not classes:
        return NO_FIGURE
    offset = len(SCALE) - len(classes) if len(classes) < len(SCALE) else 0  # few classes: use the darker end
    for i, (_, high) in enumerate(classes):
        if round(value, 1) <= high + 1e-9:
            return SCALE[min(i + offset, len(SCALE) - 1)]
    return SCALE[-1]


def _rings(geometry: dict) -> list[list[list[float]]]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def _path(rings: list[list[list[float]]], project, **style) -> Path:
    path = Path(fillMode=FILL_EVEN_ODD, **style)
    for ring in rings:
        x, y = project(ring[0])
        path.moveTo(x, y)
        for point in ring[1:]:
            path.lineTo(*project(point))
        path.closePath()
    return path


def map_drawing(report: RegionReport, width: float, height: float) -> Drawing:
    """The region's gemeenten coloured by their figure, neighbours pale, the region's outline dark, and a legend."""
    features = report.geojson.get("features", [])
    marked = {f["id"] for f in features} & {*report.unsure, *report.apart}
    legend_height = (16 if marked else 12) * mm  # a row more for the marks
    drawing = Drawing(width, height)
    box = _bbox(features)
    if box is None:
        drawing.add(String(4, height / 2, "Geen kaartgrenzen voor deze gemeenten.", fontName="Helvetica", fontSize=9))
        return drawing
    map_h = height - legend_height
    cos_lat = math.cos(math.radians((box[1] + box[3]) / 2))
    span_x, span_y = max((box[2] - box[0]) * cos_lat, 1e-6), max(box[3] - box[1], 1e-6)
    scale = min(width / span_x, map_h / span_y) * 0.94
    off_x = (width - span_x * scale) / 2
    off_y = legend_height + (map_h - span_y * scale) / 2

    def project(point: list[float]) -> tuple[float, float]:
        return off_x + (point[0] - box[0]) * cos_lat * scale, off_y + (point[1] - box[1]) * scale

    group = Group()
    clip = Path(isClipPath=1, strokeColor=None, fillColor=None)
    for x, y in ((0, legend_height), (width, legend_height), (width, height), (0, height)):
        clip.lineTo(x, y) if clip.points else clip.moveTo(x, y)
    clip.closePath()
    group.add(clip)
    group.add(Rect(0, legend_height, width, map_h, fillColor=colors.HexColor("#f7f9fb"), strokeColor=None))

    def area(feature: dict, fill: str, line_width: float) -> Path:
        """One gemeente, filled, with a white border."""
        rings = _rings(feature["geometry"])
        return _path(rings, project, fillColor=colors.HexColor(fill), strokeColor=colors.white, strokeWidth=line_width)

    for feature in (report.neighbours or {}).get("features", []):
        group.add(area(feature, NEIGHBOUR, 0.5))
    classes = colour_classes(f["properties"].get("value") for f in features)
    for feature in features:
        group.add(area(feature, _class_colour(feature["properties"].get("value"), classes), 0.4))
    for feature in features:  # marked members on top, as on the web map: an uncertain membership, lying apart
        if feature["id"] in report.unsure:
            group.add(_path(_rings(feature["geometry"]), project, fillColor=UNSURE_FILL, strokeColor=None))
            group.add(_path(_rings(feature["geometry"]), project, fillColor=None, strokeColor=MARK, **UNSURE_LINE))
        if feature["id"] in report.apart:
            group.add(_path(_rings(feature["geometry"]), project, fillColor=None, strokeColor=INK, **APART_LINE))
    outline = shapely.union_all([shape(f["geometry"]) for f in features]).buffer(0)
    polygons = getattr(outline, "geoms", [outline])
    for polygon in polygons:
        rings = [list(polygon.exterior.coords)] if hasattr(polygon, "exterior") else []
        group.add(_path(rings, project, fillColor=None, strokeColor=INK, strokeWidth=1.1))
    drawing.add(group)
    drawing.add(Rect(0, legend_height, width, map_h, fillColor=None, strokeColor=RULE, strokeWidth=0.5))
    ids = {f["id"] for f in features}
    marks = (bool(ids & set(report.unsure)), bool(ids & set(report.apart)))
    _legend(drawing, classes, any(f["properties"].get("value") is None for f in features), legend_height, marks)
    return drawing


def _legend(
    drawing: Drawing,
    classes: list[tuple[float, float]],
    missing: bool,
    top: float,
    marks: tuple[bool, bool] = (False, False),
) -> None:
    entries = []
    for i, (low, high) in enumerate(classes):
        colour = _class_colour(low, classes) if low == high else SCALE[i]
        entries.append((colour, fmt_pct(low) if low == high else f"{fmt_pct(low)} - {fmt_pct(high)}"))
    if missing:
        entries.append((NO_FIGURE, "geen cijfer"))
    entries.append((NEIGHBOUR, "buiten de regio"))
    if marks[0]:
        entries.append(("unsure", "onzeker lidmaatschap"))
    if marks[1]:
        entries.append(("apart", "ligt los van de rest"))
    x, y = 0.0, top - 9
    drawing.add(
        String(
            0,
            y,
            "Tekort per gemeente (cijfer van de arbeidsmarktregio of eigen meting):",
            fontName="Helvetica",
            fontSize=7,
            fillColor=MUTED,
        )
    )
    y -= 12
    for colour, label in entries:
        width = 12 + len(label) * 3.6 + 10
        if x + width > drawing.width:
            x, y = 0.0, y - 11
        if colour == "unsure":
            drawing.add(Rect(x, y - 1, 8, 8, fillColor=UNSURE_FILL, strokeColor=MARK, **UNSURE_LINE))
        elif colour == "apart":
            drawing.add(Rect(x, y - 1, 8, 8, fillColor=None, strokeColor=INK, **APART_LINE))
        else:
            drawing.add(
                Rect(
                    x,
                    y - 1,
                    8,
                    8,
                    fillColor=colors.HexColor(colour),
                    strokeColor=colors.HexColor("#9aa3ad"),
                    strokeWidth=0.3,
                )
            )
        drawing.add(String(x + 11, y, label, fontName="Helvetica", fontSize=7, fillColor=INK))
        x += width


def bar_drawing(rows: Sequence[ComparisonRow], width: float) -> Drawing:
    """Horizontal bars: the region highlighted, national dark grey, others light; value at the end of each bar."""
    row_h, label_w = 15.0, width * 0.38
    drawing = Drawing(width, row_h * len(rows) + 4)
    known = [r.value for r in rows if r.value is not None]
    top = max(known) if known else 1.0
    bar_w = width - label_w - 130  # room for the value and note after the longest bar
    for i, row in enumerate(rows):
        y = drawing.height - (i + 1) * row_h
        font = "Helvetica-Bold" if row.highlight else "Helvetica"
        drawing.add(String(0, y + 4, row.name[:48], fontName=font, fontSize=8, fillColor=INK))
        if row.value is None:
            drawing.add(
                String(label_w, y + 4, "geen cijfer", fontName="Helvetica-Oblique", fontSize=8, fillColor=MUTED)
            )
            continue
        length = max(bar_w * row.value / top, 1)
        fill = (
            ACCENT
            if row.highlight
            else (colors.HexColor("#52606d") if row.name == "Nederland" else colors.HexColor("#f3b58a"))
        )
        drawing.add(Rect(label_w, y + 2, length, row_h - 5, fillColor=fill, strokeColor=None))
        text = fmt_pct(row.value) + (f"  {row.note}" if row.note else "")
        drawing.add(String(label_w + length + 4, y + 4, text, fontName=font, fontSize=8, fillColor=INK))
    return drawing
