"""A regioprofiel as an A4 PDF: title, peildatum, a map of the region, its figures against national, a comparison,
how a derived figure was made and its spread, every source with its reliability, and the boundary attribution.

`regioprofiel_pdf(RegionReport) -> bytes` draws everything itself with reportlab (the map as vector polygons from
GeoJSON), so it works offline and without a browser. `region_report(...)` fills a RegionReport from a
`metrics.gemeenten_profile` result; a page can also fill one by hand (e.g. for an arbeidsmarktregio).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import shapely
from reportlab.graphics.shapes import FILL_EVEN_ODD, Drawing, Group, Path, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from shapely.geometry import shape

from dashboard.data.sectors import SECTOR_LABELS, sector_name
from dashboard.format import fmt_fte, fmt_number, fmt_pct, fmt_peildatum, fmt_value, reliability_label

KIND_LABELS = {
    "onderwijsregio": "Onderwijsregio",
    "eigen regio": "Eigen regio",
    "arbeidsmarktregio": "Arbeidsmarktregio",
}

# Darker = larger shortage; grey = no figure; neighbours pale so the region stands out.
SCALE = ("#fde5cc", "#f9c08a", "#f08c4b", "#d45a24", "#9c3512")
NO_FIGURE = "#c8ccd2"
NEIGHBOUR = "#eceef1"
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#5f6b7a")
ACCENT = colors.HexColor("#c2410c")
PALE = colors.HexColor("#fff4ea")


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the region, with the national figure of the same peildatum when there is one."""

    label: str
    value: float | None
    unit: str = "%"  # "%", "fte" or "" (a count)
    national: float | None = None


@dataclass(frozen=True)
class ComparisonRow:
    name: str
    value: float | None
    note: str = ""
    highlight: bool = False  # the region itself


@dataclass(frozen=True)
class SourceRow:
    publisher: str
    title: str
    year: str
    url: str
    reliability: str  # contract code: solid, secondary, derived, uncertain ...
    used_for: str = ""  # what the profile takes from it, e.g. "welke gemeenten bij de regio horen"


@dataclass(frozen=True)
class RegionReport:
    """Plain data of one regioprofiel. `geojson`: FeatureCollection of the region's gemeenten (property `value`
    colours a gemeente by its figure, `statnaam` names it); `neighbours`: optional context drawn pale."""

    title: str
    kind: str  # "onderwijsregio", "eigen regio" or "arbeidsmarktregio"
    sector: str
    peildatum: str  # as shown, e.g. "okt 2023"
    geojson: dict
    figures: tuple[KeyFigure, ...]
    neighbours: dict | None = None
    comparison: tuple[ComparisonRow, ...] = ()
    comparison_title: str = "Vergelijking"
    method: str = ""
    spread: tuple[KeyFigure, ...] = ()
    sources: tuple[SourceRow, ...] = ()
    attribution: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    headline: str = ""  # what the big figure is; default: the first figure's label and sector


# --- Building a report from a profile ---------------------------------------------------------------------------


def source_rows(sources: pd.DataFrame, used: Iterable[tuple[str, ...]]) -> tuple[SourceRow, ...]:
    """(source_id, reliability[, used_for]) -> SourceRows from the source registry, in order, each source once."""
    registry = sources.set_index("source_id")
    rows, seen = [], set()
    for source_id, reliability, *used_for in used:
        if source_id in seen or source_id not in registry.index:
            continue
        seen.add(source_id)
        row = registry.loc[source_id]
        rows.append(
            SourceRow(row["publisher"], row["title"], str(row["year"]), row["url"], reliability, "".join(used_for))
        )
    return tuple(rows)


def method_text(summary: dict) -> str:
    """How the derived shortage of a set of gemeenten was made, in Dutch."""
    weging = summary.get("weging", "ongewogen")
    how = (
        "elke gemeente telt even zwaar (ongewogen gemiddelde; er is geen werkgelegenheid per gemeente geladen)"
        if weging == "ongewogen"
        else f"gewogen met de werkgelegenheid per gemeente ({weging}, DUO)"
    )
    return (
        "Voor deze regio is geen tekort gemeten. Het cijfer is afgeleid: elke gemeente krijgt het gemeten tekort "
        "van haar arbeidsmarktregio, of haar eigen meting als ze een G5-gemeente is, en die cijfers worden "
        f"samengenomen: {how}. Binnen een arbeidsmarktregio kan het tekort per gemeente verschillen; dat is niet "
        "gemeten."
    )


def spread_figures(summary: dict) -> tuple[KeyFigure, ...]:
    low_at = f" ({summary['laagste_bij']})" if summary.get("laagste_bij") else ""
    high_at = f" ({summary['hoogste_bij']})" if summary.get("hoogste_bij") else ""
    return (
        KeyFigure(f"Laagste cijfer van een gemeente{low_at}", summary.get("laagste")),
        KeyFigure(f"Hoogste cijfer van een gemeente{high_at}", summary.get("hoogste")),
        KeyFigure("Gemeenten met een cijfer", summary.get("gemeenten_met_cijfer"), ""),
        KeyFigure("Gemeenten zonder cijfer", summary.get("gemeenten_zonder_cijfer"), ""),
        KeyFigure(
            "Gemeenten die er volgens een secundaire of onzekere bron bij horen", summary.get("gemeenten_onzeker"), ""
        ),
    )


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


def region_report(
    profile,
    *,
    title: str,
    kind: str,
    gemeente_geojson: dict,
    sources: tuple[SourceRow, ...],
    attribution: str,
) -> RegionReport:
    """A RegionReport from `metrics.gemeenten_profile(...)`: headline figure, spread, arbeidsmarktregio's."""
    summary, gemeenten, per_am = profile
    national = summary.get("landelijk")
    values = {
        code: (None if pd.isna(v) else float(v)) for code, v in zip(gemeenten["gemeentecode"], gemeenten["value"])
    }
    region, around = map_layers(gemeente_geojson, values)
    figures = [KeyFigure("Tekort (geschat, % van de werkgelegenheid)", summary.get("value"), "%", national)]
    if summary.get("tekort_fte") is not None:
        figures.append(KeyFigure("Tekort in fte (afgeleid)", summary["tekort_fte"], "fte"))
        figures.append(KeyFigure("Werkgelegenheid (DUO)", summary["werkgelegenheid_fte"], "fte"))
    figures += [
        KeyFigure("Gemeenten", summary.get("gemeenten"), ""),
        KeyFigure("Arbeidsmarktregio's", summary.get("arbeidsmarktregios"), ""),
    ]
    comparison = [ComparisonRow(title, summary.get("value"), "afgeleid", highlight=True)]
    if national is not None:
        comparison.append(ComparisonRow("Nederland", national, "gemeten"))
    comparison += _measured_rows(gemeenten, per_am)
    return RegionReport(
        title=title,
        kind=kind,
        sector=summary.get("sector", ""),
        peildatum=fmt_peildatum(summary.get("peildatum", "")) or "onbekend",
        geojson=region,
        neighbours=around,
        figures=tuple(figures),
        comparison=tuple(comparison),
        comparison_title="Vergeleken met landelijk en met de arbeidsmarktregio's van de gemeenten (gemeten)",
        method=method_text(summary),
        spread=spread_figures(summary),
        sources=sources,
        attribution=attribution,
        notes=membership_notes(summary),
        headline=f"Geschat tekort aan leraren in het {sector_name(summary.get('sector', ''))}, "
        "in % van de werkgelegenheid.",
    )


def _measured_rows(gemeenten: pd.DataFrame, per_am: pd.DataFrame) -> list[ComparisonRow]:
    """The measured figures the derived one rests on: each arbeidsmarktregio (for the gemeenten that take its
    figure) and each G5 gemeente with its own measurement."""
    rows = []
    for row in per_am.itertuples():
        via_am = row.gemeenten - row.gemeenten_eigen_meting
        if via_am:
            value = None if pd.isna(row.value) else float(row.value)
            rows.append(ComparisonRow(row.arbeidsmarktregio, value, f"{via_am} van de gemeenten"))
    for row in gemeenten[gemeenten["herkomst"] == "eigen meting"].itertuples():
        rows.append(ComparisonRow(f"{row.gemeente} (eigen meting)", float(row.value), "1 van de gemeenten"))
    return rows


def membership_notes(summary: dict) -> tuple[str, ...]:
    """Caveats a reader must see next to the figures."""
    notes = []
    unsure, total = summary.get("gemeenten_onzeker", 0), summary.get("gemeenten", 0)
    if unsure:
        notes.append(
            f"Welke gemeenten bij deze regio horen is bij benadering bekend: {fmt_number(unsure)} van de "
            f"{fmt_number(total)} gemeenten volgens een secundaire of onzekere bron."
        )
    if summary.get("gemeenten_zonder_cijfer"):
        missing = fmt_number(summary["gemeenten_zonder_cijfer"])
        notes.append(f"{missing} gemeenten hebben geen cijfer en tellen niet mee.")
    return tuple(notes)


# --- Drawing ------------------------------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str) -> str:
    if unit == "%":
        return fmt_pct(value)
    if unit == "fte":
        return fmt_fte(value)
    return fmt_value(value, unit) if unit else fmt_number(value)


def _difference(value: float | None, national: float | None, unit: str, short: bool = False) -> str:
    """'2,3 procentpunt lager' ('2,3 pp lager' when short) / 'even hoog'; '' without both figures."""
    if value is None or national is None:
        return ""
    delta = round(value - national, 1)
    if delta == 0:
        return "even hoog"
    size = f"{fmt_number(abs(delta), 1)} {'pp' if short else 'procentpunt'}" if unit == "%" else _fmt(abs(delta), unit)
    return f"{size} {'hoger' if delta > 0 else 'lager'}"


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
    legend_height = 12 * mm
    drawing = Drawing(width, height)
    features = report.geojson.get("features", [])
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
    for feature in (report.neighbours or {}).get("features", []):
        group.add(
            _path(
                _rings(feature["geometry"]),
                project,
                fillColor=colors.HexColor(NEIGHBOUR),
                strokeColor=colors.white,
                strokeWidth=0.5,
            )
        )
    classes = colour_classes(f["properties"].get("value") for f in features)
    for feature in features:
        fill = _class_colour(feature["properties"].get("value"), classes)
        group.add(
            _path(
                _rings(feature["geometry"]),
                project,
                fillColor=colors.HexColor(fill),
                strokeColor=colors.white,
                strokeWidth=0.4,
            )
        )
    outline = shapely.union_all([shape(f["geometry"]) for f in features]).buffer(0)
    polygons = getattr(outline, "geoms", [outline])
    for polygon in polygons:
        rings = [list(polygon.exterior.coords)] if hasattr(polygon, "exterior") else []
        group.add(_path(rings, project, fillColor=None, strokeColor=INK, strokeWidth=1.1))
    drawing.add(group)
    drawing.add(
        Rect(0, legend_height, width, map_h, fillColor=None, strokeColor=colors.HexColor("#d5dae0"), strokeWidth=0.5)
    )
    _legend(drawing, classes, any(f["properties"].get("value") is None for f in features), legend_height)
    return drawing


def _legend(drawing: Drawing, classes: list[tuple[float, float]], missing: bool, top: float) -> None:
    entries = []
    for i, (low, high) in enumerate(classes):
        colour = _class_colour(low, classes) if low == high else SCALE[i]
        entries.append((colour, fmt_pct(low) if low == high else f"{fmt_pct(low)} - {fmt_pct(high)}"))
    if missing:
        entries.append((NO_FIGURE, "geen cijfer"))
    entries.append((NEIGHBOUR, "buiten de regio"))
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


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=12, textColor=INK, alignment=TA_LEFT)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5, textColor=MUTED),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=8, textColor=ACCENT, fontName="Helvetica-Bold"),
        "title": ParagraphStyle("title", parent=base, fontName="Helvetica-Bold", fontSize=20, leading=24),
        "sub": ParagraphStyle("sub", parent=base, fontSize=10, textColor=MUTED),
        "h2": ParagraphStyle(
            "h2", parent=base, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=8, spaceAfter=3
        ),
        "big": ParagraphStyle("big", parent=base, fontName="Helvetica-Bold", fontSize=28, leading=32, textColor=ACCENT),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "lead": ParagraphStyle("lead", parent=base, fontSize=10.5, leading=14),
        "note": ParagraphStyle(
            "note", parent=base, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=4, leftIndent=6, borderPadding=0
        ),
    }


def _esc(text: object) -> str:
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def headline(report: RegionReport) -> str:
    """The one sentence a reader needs: the main figure against national."""
    if not report.figures or report.figures[0].value is None:
        return "Voor deze regio is geen tekortcijfer beschikbaar."
    main = report.figures[0]
    sector = sector_name(report.sector)
    text = report.headline or f"{main.label} ({sector})."
    difference = _difference(main.value, main.national, main.unit)
    if difference == "even hoog":
        text += f" Dat is even hoog als landelijk ({_fmt(main.national, main.unit)})."
    elif difference:
        text += f" Dat is {difference} dan landelijk ({_fmt(main.national, main.unit)})."
    return text


def _figures_table(report: RegionReport, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [["", "Regio", "Landelijk", Paragraph("<b>Verschil</b>", styles["head"])]]
    for figure in report.figures:
        rows.append(
            [
                Paragraph(_esc(figure.label), styles["base"]),
                _fmt(figure.value, figure.unit),
                "" if figure.national is None else _fmt(figure.national, figure.unit),
                Paragraph(_esc(_difference(figure.value, figure.national, figure.unit, short=True)), styles["base"]),
            ]
        )
    table = Table(rows, colWidths=[width * 0.43, width * 0.15, width * 0.18, width * 0.24])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
                ("FONT", (1, 1), (-1, -1), "Helvetica", 9),
                ("FONT", (1, 1), (1, 1), "Helvetica-Bold", 9),
                ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
                ("ALIGN", (1, 0), (2, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, MUTED),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#d5dae0")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _spread_table(spread: Sequence[KeyFigure], styles: dict[str, ParagraphStyle], width: float) -> Table:
    """The spread figures two by two, so the page keeps room for the sources."""
    cells = [[Paragraph(_esc(f.label), styles["base"]), _fmt(f.value, f.unit)] for f in spread]
    rows = [cells[i] + (cells[i + 1] if i + 1 < len(cells) else ["", ""]) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[width * 0.38, width * 0.1, width * 0.42, width * 0.1])
    table.setStyle(
        TableStyle(
            [
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("ALIGN", (3, 0), (3, -1), "RIGHT"),
                ("FONT", (0, 0), (-1, -1), "Helvetica-Bold", 9),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d5dae0")),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (1, 0), (1, -1), 10),
            ]
        )
    )
    return table


def _sources_table(report: RegionReport, styles: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [
        [
            Paragraph("<b>Bron</b>", styles["small"]),
            Paragraph("<b>Jaar</b>", styles["small"]),
            Paragraph("<b>Betrouwbaarheid</b>", styles["small"]),
        ]
    ]
    for source in report.sources:
        title = f"<b>{_esc(source.publisher)}</b>: {_esc(source.title)}"
        if source.used_for:
            title += f"<br/><i>Gebruikt voor: {_esc(source.used_for)}</i>"
        if source.url:
            title += f"<br/><font color='#5f6b7a'>{_esc(source.url)}</font>"
        rows.append(
            [
                Paragraph(title, styles["small"]),
                Paragraph(_esc(source.year), styles["small"]),
                Paragraph(_esc(reliability_label(source.reliability)), styles["small"]),
            ]
        )
    table = Table(rows, colWidths=[width * 0.68, width * 0.08, width * 0.24], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d5dae0")),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def regioprofiel_pdf(report: RegionReport) -> bytes:
    """The regioprofiel as an A4 PDF (bytes); all figures in Dutch notation."""
    styles = _styles()
    buffer = io.BytesIO()
    margin = 16 * mm
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"Regioprofiel {report.title}",
        author="Lerarentekort in beeld",
        subject="Regioprofiel lerarentekort",
    )
    width = A4[0] - 2 * margin
    kind = KIND_LABELS.get(report.kind, report.kind.capitalize())
    sector = SECTOR_LABELS.get(report.sector, report.sector)
    story: list = [
        Paragraph("REGIOPROFIEL LERARENTEKORT", styles["kicker"]),
        Paragraph(_esc(report.title), styles["title"]),
        Paragraph(f"{_esc(kind)} · {_esc(sector)} · peildatum {_esc(report.peildatum)}", styles["sub"]),
        Spacer(1, 3 * mm),
    ]
    main = report.figures[0] if report.figures else None
    big = Paragraph(_fmt(main.value if main else None, main.unit if main else "%"), styles["big"])
    box = Table([[big, Paragraph(_esc(headline(report)), styles["lead"])]], colWidths=[width * 0.25, width * 0.75])
    box.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PALE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    story += [box, Spacer(1, 3 * mm)]
    map_w = width * 0.47
    right = [Paragraph("Kerncijfers", styles["h2"]), _figures_table(report, styles, width * 0.51)]
    right += [Spacer(1, 3 * mm)] + [Paragraph(_esc(note), styles["note"]) for note in report.notes]
    layout = Table([[map_drawing(report, map_w, map_w * 0.86), right]], colWidths=[map_w + 2 * mm, width * 0.51])
    layout.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story.append(layout)
    if report.comparison:
        story.append(
            KeepTogether(
                [Paragraph(_esc(report.comparison_title), styles["h2"]), bar_drawing(report.comparison, width)]
            )
        )
    if report.method or report.spread:
        block = [Paragraph("Hoe is dit cijfer gemaakt?", styles["h2"]), Paragraph(_esc(report.method), styles["base"])]
        if report.spread:
            block += [
                Spacer(1, 2 * mm),
                Paragraph("<b>Spreiding binnen de regio</b>", styles["base"]),
                _spread_table(report.spread, styles, width),
            ]
        story.append(KeepTogether(block))
    if report.sources:
        story.append(KeepTogether([Paragraph("Bronnen", styles["h2"]), _sources_table(report, styles, width)]))

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, 9 * mm, report.attribution or "Kaartgrenzen: bron niet opgegeven")
        canvas.drawRightString(A4[0] - margin, 9 * mm, f"Lerarentekort in beeld · pagina {document.page}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def measured_region_report(
    *,
    title: str,
    sector: str,
    peildatum: str,
    value: float | None,
    national: float | None,
    gemeente_values: dict[str, float | None],
    gemeente_geojson: dict,
    comparison: Iterable[tuple[str, float | None]],
    sources: tuple[SourceRow, ...],
    attribution: str,
    note: str = "",
) -> RegionReport:
    """A RegionReport of a measured region (an arbeidsmarktregio or a G5 gemeente): its own figure, no spread."""
    region, around = map_layers(gemeente_geojson, gemeente_values)
    rows = [ComparisonRow(title, value, "gemeten", highlight=True)]
    if national is not None:
        rows.append(ComparisonRow("Nederland", national, "gemeten"))
    rows += [ComparisonRow(name, other, "gemeten") for name, other in comparison if name != title]
    return RegionReport(
        title=title,
        kind="arbeidsmarktregio",
        sector=sector,
        peildatum=peildatum or "onbekend",
        geojson=region,
        neighbours=around,
        figures=(
            KeyFigure("Tekort in % van de werkgelegenheid (gemeten)", value, "%", national),
            KeyFigure("Gemeenten", len(gemeente_values), ""),
        ),
        comparison=tuple(rows),
        comparison_title="Tekort vergeleken met landelijk" + (" en met de gekozen regio's" if len(rows) > 2 else ""),
        method="Dit cijfer is gemeten: de tekortmeting (Centerdata, in opdracht van OCW) rapporteert het tekort per "
        "arbeidsmarktregio en voor de vijf grote gemeenten apart. Het is het openstaande plus het verborgen tekort in "
        "% van de werkgelegenheid. Binnen de regio kan het tekort per gemeente verschillen; dat is niet gemeten.",
        sources=sources,
        attribution=attribution,
        notes=(note,) if note else (),
        headline=f"Tekort aan leraren in het {sector_name(sector)}, in % van de werkgelegenheid (gemeten).",
    )
